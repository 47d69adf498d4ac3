//! The daily reconciliation over HTTP, on both databases: a counter's day
//! counts and sums its invoices by procedure and status, as a page (without
//! JavaScript) and as CSV, for the agency's staff and officers and admins;
//! staff or officers of another agency, citizens and strangers get nothing;
//! a day that is not a date is refused next to its field.

use crate::payments::{app, desk, issue, open_case, paid_case, sign_in, CITY_STAFF, WARD_STAFF};
use serde_json::Value;

async fn day_of(c: &crate::common::Client, counter: &str, day: &str) -> (u16, Value) {
    c.call_json(
        "payments/reconciliation",
        &[("counter", counter), ("day", day)],
    )
    .await
}

fn line<'a>(r: &'a Value, code: &str, status: &str) -> &'a Value {
    r["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["procedure_code"] == code && l["status"] == status)
        .unwrap_or_else(|| panic!("{code} {status} in {r}"))
}

async fn csv(c: &crate::common::Client, query: &str) -> (u16, String) {
    let res = c.get(&format!("/counter/reconciliation.csv?{query}")).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_counter_s_day_adds_up_for_its_agency_and_nobody_else() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let counter = desk(&staff).await["current"]["id"].to_string();
    // Two paid, one left open, one cancelled.
    for _ in 0..2 {
        paid_case(&app, &staff, "DH-HT01").await;
    }
    let open = open_case(&staff, "DH-HT01").await;
    issue(&staff, &open).await;
    let cancelled = open_case(&staff, "DH-HT01").await;
    let reference = issue(&staff, &cancelled).await;
    let (s, body) = staff
        .call_json(
            "payments/cancel_invoice",
            &[("reference", &reference), ("reason", "Người dân đổi ý.")],
        )
        .await;
    assert_eq!(s, 200, "{body}");

    let (s, r) = day_of(&staff, &counter, "").await;
    assert_eq!(s, 200, "{r}");
    let paid = line(&r, "DH-HT01", "paid");
    assert_eq!(
        (paid["count"].as_i64(), paid["total"].as_i64()),
        (Some(2), Some(3_000_000))
    );
    assert_eq!(line(&r, "DH-HT01", "open")["count"], 1);
    assert_eq!(line(&r, "DH-HT01", "cancelled")["count"], 1);
    let paid_total = r["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] == "paid")
        .unwrap();
    assert_eq!(paid_total["total"], 3_000_000);
    let day = r["day"].as_str().unwrap().to_string();
    // Another day has nothing.
    let (_, before) = day_of(&staff, &counter, "2020-01-01").await;
    assert_eq!(before["lines"], Value::Array(vec![]));

    // The agency's officer reads it too, and the CSV adds up the same.
    let officer = sign_in(&app, "officer.dongha@demo.grassroots.vn").await;
    assert_eq!(day_of(&officer, &counter, &day).await.0, 200);
    let (s, text) = csv(&officer, &format!("counter={counter}&day={day}")).await;
    assert_eq!(s, 200, "{text}");
    assert!(text.starts_with('\u{feff}'), "UTF-8 with its mark");
    assert!(text.contains(&format!("{day},")));
    assert!(
        text.contains(",DH-HT01,") && text.contains(",paid,2,3000000\r\n"),
        "{text}"
    );
    assert!(text.contains(",TOTAL,,paid,2,3000000\r\n"), "{text}");

    // The page, without JavaScript.
    let page = staff
        .get(&format!("/counter/reconciliation?counter={counter}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Đối soát trong ngày") && page.contains("3.000.000"),
        "the page"
    );

    // A day that is not a date is refused next to its field.
    let (s, body) = day_of(&staff, &counter, "31/12/2026").await;
    assert_eq!(
        (s, body["field"].as_str(), body["key"].as_str()),
        (422, Some("day"), Some("payments.day_invalid"))
    );

    // Nobody else: another agency's staff and officer, a citizen, a stranger.
    let ward = sign_in(&app, WARD_STAFF).await;
    assert_eq!(day_of(&ward, &counter, "").await.0, 403);
    assert_eq!(csv(&ward, &format!("counter={counter}")).await.0, 403);
    let elsewhere = sign_in(&app, "officer@demo.grassroots.vn").await;
    assert_eq!(day_of(&elsewhere, &counter, "").await.0, 403);
    let citizen = app.verified_citizen("dan@example.vn", "Người Dân").await;
    assert_eq!(day_of(&citizen, &counter, "").await.0, 403);
    assert_eq!(day_of(&app.client(), &counter, "").await.0, 401);
    assert_eq!(
        csv(&app.client(), &format!("counter={counter}")).await.0,
        401
    );
    assert_eq!(day_of(&staff, "999999", "").await.0, 404);
}
