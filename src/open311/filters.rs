//! The filters of `GET requests.json`, checked: ids, service codes, open or
//! closed, the date window (90 days at most, the last 90 by default) and pages.

use super::model::{
    comma_list, parse_datetime, statuses_for, Open311Error, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
    WINDOW_MS,
};
use super::protocol::Params;
use super::repo::RequestQuery;
use crate::petitions::model::TrackingCode;

/// Checks the filters of `requests.json` at time `now` (ms).
pub fn request_query(p: &Params, now: i64) -> Result<RequestQuery, Open311Error> {
    let date = |name: &str, raw: &Option<String>| match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_datetime(s).map(Some).ok_or_else(|| {
            Open311Error::bad_request(format!(
                "{name}: not an ISO-8601 time with an offset, e.g. 2026-11-28T09:00:00+07:00"
            ))
        }),
    };
    let (from, to) = match (
        date("start_date", &p.start_date)?,
        date("end_date", &p.end_date)?,
    ) {
        (Some(from), Some(to)) => (from, to),
        (Some(from), None) => (from, from + WINDOW_MS),
        (None, Some(to)) => (to - WINDOW_MS, to),
        (None, None) => (now - WINDOW_MS, now),
    };
    if to < from {
        return Err(Open311Error::bad_request("end_date is before start_date"));
    }
    if to - from > WINDOW_MS {
        return Err(Open311Error::bad_request(
            "start_date and end_date may not be more than 90 days apart",
        ));
    }
    let mut statuses = Vec::new();
    for s in comma_list(p.status.as_deref()) {
        statuses.extend(
            statuses_for(&s).ok_or_else(|| Open311Error::bad_request("status: open or closed"))?,
        );
    }
    let number = |name: &str, raw: &Option<String>, default: i64, max: i64| match raw
        .as_deref()
        .map(str::trim)
    {
        None | Some("") => Ok(default),
        Some(s) => s
            .parse::<i64>()
            .map(|n| n.clamp(1, max))
            .map_err(|_| Open311Error::bad_request(format!("{name}: a whole number"))),
    };
    Ok(RequestQuery {
        // Codes are read leniently; one that cannot be a code matches nothing.
        codes: p.service_request_id.as_deref().map(|ids| {
            comma_list(Some(ids))
                .iter()
                .filter_map(|c| TrackingCode::parse(c).ok())
                .map(String::from)
                .collect()
        }),
        categories: comma_list(p.service_code.as_deref()),
        statuses,
        from,
        to,
        page_size: number("page_size", &p.page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?,
        page: number("page", &p.page, 1, 100_000)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let uri = format!("/x?{query}").parse().expect("uri");
        axum::extract::Query::<Params>::try_from_uri(&uri)
            .expect("query")
            .0
    }

    const NOW: i64 = 1_800_000_000_000;

    #[test]
    fn the_default_window_is_the_last_90_days() {
        let q = request_query(&params(&[]), NOW).unwrap();
        assert_eq!((q.from, q.to), (NOW - WINDOW_MS, NOW));
        assert_eq!((q.page, q.page_size), (1, DEFAULT_PAGE_SIZE));
    }

    #[test]
    fn dates_statuses_and_pages_are_checked() {
        let q = request_query(
            &params(&[
                ("start_date", "2026-01-01T00:00:00+07:00"),
                ("end_date", "2026-01-31T00:00:00Z"),
                ("status", "closed"),
                ("page_size", "5000"),
            ]),
            NOW,
        )
        .unwrap();
        assert_eq!(q.statuses.len(), 2);
        assert_eq!(q.page_size, MAX_PAGE_SIZE);
        for bad in [
            ("start_date", "not a date"),
            ("end_date", "2026-02-30T00:00:00Z"),
            ("status", "pending"),
            ("page", "two"),
        ] {
            let err = request_query(&params(&[bad]), NOW).unwrap_err();
            assert_eq!(err.code, 400, "{bad:?}");
            assert!(err.description.contains(bad.0), "{}", err.description);
        }
        let too_long = params(&[("start_date", "2026-01-01"), ("end_date", "2026-06-01")]);
        assert_eq!(request_query(&too_long, NOW).unwrap_err().code, 400);
        let reversed = params(&[("start_date", "2026-02-01"), ("end_date", "2026-01-01")]);
        assert_eq!(request_query(&reversed, NOW).unwrap_err().code, 400);
    }

    #[test]
    fn request_ids_are_read_leniently_and_invalid_ones_match_nothing() {
        let code = TrackingCode::generate("QT", 2026, 12345);
        let lower = code.as_str().to_lowercase().replace('-', "");
        let q = request_query(
            &params(&[("service_request_id", &format!("{lower},nope"))]),
            NOW,
        )
        .unwrap();
        assert_eq!(q.codes, Some(vec![code.to_string()]));
        let q = request_query(&params(&[("service_request_id", "nope")]), NOW).unwrap();
        assert_eq!(
            q.codes,
            Some(vec![]),
            "asked for ids, none valid: nothing matches"
        );
    }
}
