//! The public statistics over real HTTP: a seeded scenario moved through the
//! officers' workflow, then counts, medians and satisfaction checked in the
//! JSON API, the server function and the rendered page.

use crate::common::{pool, Client, TestApp};
use crate::petitions::{step, submit};
use serde_json::Value;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

async fn rate(citizen: &Client, code: &str, stars: &str) {
    let (s, body) = citizen
        .call_json(
            "petitions/rate",
            &[("code", code), ("stars", stars), ("comment", "")],
        )
        .await;
    assert_eq!(s, 200, "{body}");
}

/// Puts a petition's submission and one of its steps at known times.
async fn set_times(app: &TestApp, code: &str, status: &str, after_ms: i64) {
    let db = pool(&app.database_url).await;
    sqlx::query("UPDATE petitions SET created_at = $1 WHERE code = $2")
        .bind(T0)
        .bind(code)
        .execute(&db)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE subject_events SET at = $1 WHERE state = $2 AND subject_kind = 'petition' \
         AND subject_id = (SELECT id FROM petitions WHERE code = $3)",
    )
    .bind(T0 + after_ms)
    .bind(status)
    .bind(code)
    .execute(&db)
    .await
    .unwrap();
    db.close().await;
}

async fn statistics_json(app: &TestApp) -> Value {
    let res = app.client().get("/api/v1/petitions/statistics").await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn count_of(list: &Value, key: &str, value: &str) -> i64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c[key] == value)
        .unwrap_or_else(|| panic!("{value} in {list}"))["count"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn counts_medians_and_satisfaction_of_a_seeded_scenario() {
    let app = TestApp::spawn().await;
    let officer = app
        .user("thongke@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let db = pool(&app.database_url).await;
    sqlx::query("UPDATE categories SET agency_id = (SELECT id FROM agencies WHERE name = $1)")
        .bind("Sở Giao thông")
        .execute(&db)
        .await
        .unwrap();
    db.close().await;
    let citizen = app.citizen("dan@example.vn", "Người Dân").await;
    let closed = submit(&citizen, "Sửa cầu dân sinh thôn 3", "public").await;
    let rejected = submit(&citizen, "Một kiến nghị không hợp lệ", "public").await;
    let answered = submit(&citizen, "Chuyện riêng cần trả lời", "private").await;

    for code in [&closed, &answered] {
        step(&officer, code, "accepted", "").await;
        step(&officer, code, "assigned", "").await;
        step(&officer, code, "answered", "Đã xử lý xong.").await;
    }
    step(&officer, &closed, "closed", "").await;
    step(&officer, &rejected, "rejected", "Không thuộc thẩm quyền.").await;
    rate(&citizen, &closed, "4").await;
    rate(&citizen, &answered, "5").await;
    set_times(&app, &closed, "answered", 3 * DAY + 4 * HOUR).await;
    set_times(&app, &closed, "closed", 5 * DAY).await;
    set_times(&app, &answered, "answered", DAY).await;

    let s = statistics_json(&app).await;
    assert_eq!(s["total"], 3, "{s}");
    for (status, n) in [
        ("submitted", 0),
        ("closed", 1),
        ("rejected", 1),
        ("answered", 1),
    ] {
        assert_eq!(count_of(&s["by_status"], "status", status), n, "{status}");
    }
    assert_eq!(count_of(&s["by_category"], "code", "roads"), 3);
    assert_eq!(count_of(&s["by_category"], "code", "health"), 0);
    // the median of 1 day and 3 days 4 hours
    assert_eq!(s["to_answer"]["median_ms"], 2 * DAY + 2 * HOUR, "{s}");
    assert_eq!(s["to_answer"]["petitions"], 2);
    assert_eq!(s["to_close"]["median_ms"], 5 * DAY);
    assert_eq!(s["to_close"]["petitions"], 1);
    assert_eq!(
        s["agencies"],
        serde_json::json!([{
            "agency": "Sở Giao thông",
            "petitions": 3,
            "ratings": 2,
            "average_rating": 4.5
        }])
    );
    let (status, via_fn) = app.client().call_json("petitions/statistics", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(via_fn, s);

    let html = app
        .client()
        .get("/petitions/statistics")
        .await
        .text()
        .await
        .unwrap();
    for text in [
        "Thống kê kiến nghị",
        "2 ngày 2 giờ",
        "5 ngày",
        "4,5 / 5",
        "Sở Giao thông",
        "<caption id=",
        "scope=\"row\"",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    let english = app
        .client()
        .http
        .get(format!("{}/petitions/statistics", app.base))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("2 days 2 hours") && english.contains("4.5 / 5"));
}

#[tokio::test]
async fn an_empty_deployment_has_zero_counts_and_no_medians() {
    let app = TestApp::spawn().await;
    let s = statistics_json(&app).await;
    assert_eq!(s["total"], 0);
    assert_eq!(s["to_answer"]["median_ms"], Value::Null);
    assert_eq!(s["agencies"], serde_json::json!([]));
    let res = app.client().get("/petitions/statistics").await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Chưa có"));
    let list = app.client().get("/petitions").await.text().await.unwrap();
    assert!(
        list.contains("href=\"/petitions/statistics\""),
        "linked from the list"
    );
}

/// The statistics are kept between requests and worked out again, in the
/// background, once a step of any petition is heard: a petition filed after
/// a first reading is counted soon after, without a restart.
#[tokio::test]
async fn the_kept_statistics_follow_new_petitions() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("giu@example.vn", "Người Dân").await;
    submit(&citizen, "Sửa cầu dân sinh thôn 3", "public").await;
    assert_eq!(statistics_json(&app).await["total"], 1);
    submit(&citizen, "Chuyện riêng cần trả lời", "private").await;
    let mut total = Value::Null;
    for _ in 0..100 {
        total = statistics_json(&app).await["total"].clone();
        if total == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(total, 2, "the new petition is counted");
}
