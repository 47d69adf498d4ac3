//! The daily reconciliation of a counter: the invoices it issued on one
//! day (Vietnam time), counted and summed by procedure and status, with the
//! totals per status, for the agency's staff and finance office (its
//! officers) and admins; as a page and as CSV.

use super::invoice_repo;
use super::model::Money;
use super::repo;
use super::views::{ReconciliationLine, ReconciliationView};
use crate::accounts::model::{can, Action, Scope, UserView};
use crate::error::AppError;
use crate::server::csv::{header, write};
use crate::server::db::now_ms;
use crate::server::state::AppState;
use std::collections::BTreeMap;
use time::macros::{format_description, offset};

const DAY_MS: i64 = 86_400_000;

/// The day `raw` (`YYYY-MM-DD`; empty: today) and when it starts in
/// Vietnam time (ms); refused on the `day` field otherwise.
pub fn day(raw: &str, now: i64) -> Result<(String, i64), AppError> {
    let format = format_description!("[year]-[month]-[day]");
    let date = match raw.trim() {
        "" => time::OffsetDateTime::from_unix_timestamp(now.div_euclid(1000))
            .map_err(AppError::internal)?
            .to_offset(offset!(+7))
            .date(),
        raw => time::Date::parse(raw, format)
            .map_err(|_| AppError::invalid("day", "payments.day_invalid"))?,
    };
    let start = date.midnight().assume_offset(offset!(+7)).unix_timestamp() * 1000;
    Ok((date.format(format).map_err(AppError::internal)?, start))
}

/// Counter `counter`'s day `day` for `user`.
pub async fn report(
    state: &AppState,
    user: &UserView,
    counter: &str,
    day_raw: &str,
) -> Result<ReconciliationView, AppError> {
    let id: i64 = counter.trim().parse().map_err(|_| AppError::NotFound)?;
    let pool = &state.db.pool;
    let counter = repo::counter(pool, id).await?.ok_or(AppError::NotFound)?;
    if !can(
        Some(user),
        Action::ReadCounterAccounts,
        Scope::Agency(Some(counter.agency_id)),
    ) {
        return Err(AppError::Forbidden);
    }
    let now = now_ms();
    let (day, start) = day(day_raw, now)?;
    let lines: Vec<ReconciliationLine> =
        invoice_repo::day_lines(pool, counter.id, start, start + DAY_MS, now)
            .await?
            .into_iter()
            .map(|l| ReconciliationLine {
                procedure_code: l.procedure_code,
                procedure: l.name_vi,
                status: l.status,
                count: l.count,
                total: Money::from_dong(l.total),
            })
            .collect();
    let mut by_status: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for l in &lines {
        let t = by_status.entry(l.status.clone()).or_default();
        t.0 += l.count;
        t.1 += l.total.dong();
    }
    let totals = by_status
        .into_iter()
        .map(|(status, (count, total))| ReconciliationLine {
            procedure_code: String::new(),
            procedure: String::new(),
            status,
            count,
            total: Money::from_dong(total),
        })
        .collect();
    Ok(ReconciliationView {
        counter_id: counter.id,
        counter: counter.name,
        agency: counter.agency,
        day,
        lines,
        totals,
    })
}

/// The day as CSV, and its file name.
pub async fn csv(
    state: &AppState,
    user: &UserView,
    counter: &str,
    day: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let r = report(state, user, counter, day).await?;
    let mut records = vec![header(&[
        "day",
        "counter",
        "agency",
        "procedure_code",
        "procedure",
        "status",
        "invoices",
        "total_dong",
    ])];
    for l in r.lines.iter().chain(r.totals.iter()) {
        let procedure_code = if l.procedure_code.is_empty() {
            "TOTAL".to_string()
        } else {
            l.procedure_code.clone()
        };
        records.push(vec![
            r.day.clone(),
            r.counter.clone(),
            r.agency.clone(),
            procedure_code,
            l.procedure.clone(),
            l.status.clone(),
            l.count.to_string(),
            l.total.dong().to_string(),
        ]);
    }
    let name = format!("reconciliation-{}-{}.csv", r.counter_id, r.day);
    Ok((name, write(records)?))
}

#[cfg(test)]
mod tests {
    use super::day;

    #[test]
    fn a_day_starts_at_midnight_in_vietnam() {
        // 2026-01-01T00:00+07:00 is 2025-12-31T17:00Z.
        let (d, start) = day("2026-01-01", 0).unwrap();
        assert_eq!((d.as_str(), start), ("2026-01-01", 1_767_200_400_000));
        // Today: 2026-01-01T20:00Z is already 2 January in Vietnam.
        let (today, _) = day("", 1_767_297_600_000).unwrap();
        assert_eq!(today, "2026-01-02");
        for bad in ["2026-13-01", "01/01/2026", "x", "2026-02-30"] {
            assert!(day(bad, 0).is_err(), "{bad}");
        }
    }
}
