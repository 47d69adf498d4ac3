//! Unit tests of the Open311 wire types and mappings.

use super::*;

#[test]
fn rejected_and_closed_are_closed_every_other_step_is_open() {
    use Status::*;
    for s in [Submitted, Accepted, Assigned, InProgress, Answered] {
        assert_eq!(open311_status(s), "open", "{s:?}");
    }
    for s in [Rejected, Closed] {
        assert_eq!(open311_status(s), "closed", "{s:?}");
    }
    assert_eq!(statuses_for("closed"), Some(vec![Rejected, Closed]));
    assert_eq!(statuses_for("open").map(|v| v.len()), Some(5));
    assert_eq!(statuses_for("pending"), None);
}

#[test]
fn titles_are_cut_at_a_word_before_80_characters() {
    assert_eq!(
        title_from_description("  Đèn  đường hỏng "),
        "Đèn đường hỏng"
    );
    let long = "Mặt đường bị hư hỏng nặng, nhiều ổ gà gây nguy hiểm cho người đi đường vào ban đêm, cần sửa gấp.";
    let title = title_from_description(long);
    assert!(title.ends_with('…'), "{title}");
    assert!(title.chars().count() <= 81, "{title}");
    assert!(long.starts_with(title.trim_end_matches('…')));
    // one enormous word is cut, not dropped
    assert_eq!(title_from_description(&"x".repeat(200)).chars().count(), 80);
}

#[test]
fn times_with_offsets_and_bare_dates_parse() {
    let noon_vn = parse_datetime("2026-01-01T12:00:00+07:00").unwrap();
    assert_eq!(parse_datetime("2026-01-01T05:00:00Z"), Some(noon_vn));
    assert_eq!(parse_datetime("2026-01-01T05:00:00.000Z"), Some(noon_vn));
    assert_eq!(parse_datetime("2026-01-01T12:00:00 07:00"), Some(noon_vn));
    assert_eq!(
        parse_datetime("2026-01-01"),
        parse_datetime("2026-01-01T00:00:00+07:00")
    );
    for bad in [
        "",
        "yesterday",
        "2026-13-01",
        "2026-01-01T25:00:00Z",
        "2026-01-01T12:00:00",
    ] {
        assert_eq!(parse_datetime(bad), None, "{bad}");
    }
}

#[test]
fn comma_lists_drop_blanks() {
    assert_eq!(comma_list(Some(" a, ,b,")), vec!["a", "b"]);
    assert!(comma_list(None).is_empty());
}

#[test]
fn errors_and_requests_have_the_spec_field_names() {
    let e = serde_json::to_value(vec![Open311Error::not_found("service")]).unwrap();
    assert_eq!(e[0]["code"], 404);
    let s = serde_json::to_value(Service {
        service_code: "roads".into(),
        service_name: "Giao thông".into(),
        description: String::new(),
        metadata: false,
        kind: "realtime".into(),
        keywords: String::new(),
        group: String::new(),
    })
    .unwrap();
    assert_eq!(s["type"], "realtime");
    assert_eq!(s["metadata"], false);
}
