//! The holes an outsider found, each closed: markup in the head, the list
//! stream and `/track` telling what a private petition says, petitions no
//! agency handles open to every officer, ratings of unanswered petitions.

use crate::common::{pool, Client, TestApp};
use crate::live::Watch;
use crate::petitions::{step, submit};
use grassroots::petitions::model::TrackingCode;
use serde_json::Value;

const MARKUP: &str =
    r#"Sửa đường </title><meta http-equiv="refresh" content="0;url=https://evil.example/">"#;

async fn page(c: &Client, path: &str) -> (u16, String) {
    let res = c.get(path).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn markup_in_a_title_stays_text_in_every_page_head() {
    let app = TestApp::spawn().await;
    let author = app.citizen("markup@example.vn", "Người Gửi").await;
    let code = submit(&author, MARKUP, "public").await;
    for path in [format!("/petitions/{code}"), format!("/track/{code}")] {
        for reader in [app.client(), author.clone()] {
            let (status, html) = page(&reader, &path).await;
            assert_eq!(status, 200, "{path}");
            let head = &html[..html.find("</head>").expect("a head")];
            assert!(
                !head.contains("<meta http-equiv"),
                "{path}: the title became markup: {head}"
            );
            assert!(
                head.contains("Sửa đường &lt;/title&gt;&lt;meta http-equiv="),
                "{path}: the title is shown as text: {head}"
            );
            assert!(!html.contains(r#"<meta http-equiv="refresh""#), "{path}");
        }
    }
    // the list, the search and the JSON carry it as text too
    let (_, list) = page(&app.client(), "/petitions?q=sua+duong").await;
    assert!(!list.contains(r#"<meta http-equiv="refresh""#));
    assert!(list.contains("&lt;/title&gt;"), "the list shows the title");
    let json: Value = app
        .client()
        .get(&format!("/api/v1/petitions/{code}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["summary"]["title"], MARKUP);
}

#[tokio::test]
async fn the_list_stream_carries_no_private_petition() {
    let app = TestApp::spawn().await;
    let author = app.citizen("stream@example.vn", "Người Gửi").await;
    let officer = app
        .user("stream-o@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let mut watch = Watch::open(&app.client(), "/live/petitions", None).await;
    let private = submit(&author, "Chuyện riêng của gia đình tôi", "private").await;
    step(&officer, &private, "accepted", "").await;
    step(&officer, &private, "assigned", "").await;
    // a public petition's step, after the private ones
    let public = submit(&author, "Cống thoát nước bị tắc ở chợ", "public").await;
    step(&officer, &public, "accepted", "").await;
    loop {
        let e = watch.next().await;
        assert_ne!(
            e.data["code"], private,
            "an anonymous listener heard of a private petition: {:?}",
            e.data
        );
        if e.data["code"] == public.as_str() && e.data["change"]["status"] == "accepted" {
            break;
        }
    }
    // its own stream shows only what /track shows anyone with the code: statuses
    let mut own = Watch::open(
        &app.client(),
        &format!("/live/petitions/{private}"),
        Some("0"),
    )
    .await;
    let e = own.until("status").await;
    let text = e.data.to_string();
    assert!(!text.contains("Chuyện riêng"), "{text}");
}

#[tokio::test]
async fn a_private_petition_shows_outsiders_its_steps_and_nothing_written() {
    let app = TestApp::spawn().await;
    let author = app.citizen("private@example.vn", "Người Gửi").await;
    let officer = app
        .user("private-o@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let code = submit(&author, "Hàng xóm lấn chiếm lối đi chung", "private").await;
    step(&officer, &code, "accepted", "Ghi chú nội bộ của cán bộ").await;
    step(&officer, &code, "assigned", "").await;
    step(&officer, &code, "answered", "Trả lời chính thức bí mật").await;

    for outsider in [app.client(), app.citizen("nosy@example.vn", "Tò Mò").await] {
        let (_, p) = outsider
            .call_json("petitions/get", &[("code", &code)])
            .await;
        assert_eq!(p["redacted"], true);
        assert_eq!(p["answer"], Value::Null, "{p}");
        assert_eq!(p["summary"]["title"], "");
        let steps = p["events"].as_array().unwrap();
        assert_eq!(steps.len(), 4, "every step stays: {p}");
        assert!(steps.iter().all(|e| e["note"] == ""), "no note: {p}");
        assert!(steps
            .iter()
            .all(|e| e["at"].is_i64() && e["status"].is_string()));
        assert!(steps.iter().skip(1).all(|e| e["agency"] == "Sở Giao thông"));
        for path in [
            format!("/track/{code}"),
            format!("/api/v1/petitions/{code}"),
        ] {
            let (status, body) = page(&outsider, &path).await;
            assert_eq!(status, 200);
            for secret in ["Ghi chú nội bộ", "Trả lời chính thức", "lấn chiếm"] {
                assert!(!body.contains(secret), "{path} shows {secret:?}");
            }
        }
    }
    // the petitioner and the handling officer read everything
    for reader in [&author, &officer] {
        let (_, p) = reader.call_json("petitions/get", &[("code", &code)]).await;
        assert_eq!(p["answer"], "Trả lời chính thức bí mật");
        assert_eq!(p["events"][1]["note"], "Ghi chú nội bộ của cán bộ");
    }
}

#[tokio::test]
async fn an_unknown_tracking_code_answers_404() {
    let app = TestApp::spawn().await;
    let unknown = TrackingCode::generate("QT", 2026, 12345).to_string();
    for path in [
        format!("/track/{unknown}"),
        format!("/petitions/{unknown}"),
        format!("/track?code={unknown}"),
        format!("/api/v1/petitions/{unknown}"),
    ] {
        let (status, _) = page(&app.client(), &path).await;
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn petitions_no_agency_handles_are_for_admins_only() {
    let app = TestApp::spawn().await;
    let author = app.citizen("unrouted@example.vn", "Người Gửi").await;
    let officer = app
        .user("unrouted-o@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let admin = app.user("unrouted-a@example.vn", "admin", None).await;
    let code = submit(&author, "Việc chưa có cơ quan nào xử lý", "private").await;
    // routing found no agency for it
    let db = pool(&app.database_url).await;
    sqlx::query("UPDATE petitions SET agency_id = NULL WHERE code = $1")
        .bind(&code)
        .execute(&db)
        .await
        .unwrap();

    let change = |c: &Client| {
        let (c, code) = (c.clone(), code.clone());
        async move {
            c.call_json(
                "petitions/change_status",
                &[("code", &code), ("status", "accepted"), ("note", "")],
            )
            .await
            .0
        }
    };
    assert_eq!(
        change(&officer).await,
        403,
        "an officer of any agency may not"
    );
    let (_, p) = officer.call_json("petitions/get", &[("code", &code)]).await;
    assert_eq!(p["redacted"], true, "nor read its text");
    assert_eq!(p["next_statuses"], Value::Array(vec![]));
    let (_, queue) = officer.call_json("petitions/queue_filtered", &[]).await;
    assert!(
        !queue.to_string().contains(&code),
        "not in an officer's queue: {queue}"
    );
    let (_, queue) = admin.call_json("petitions/queue_filtered", &[]).await;
    assert!(queue.to_string().contains(&code), "in the admin's: {queue}");
    let (_, p) = admin.call_json("petitions/get", &[("code", &code)]).await;
    assert_eq!(p["redacted"], false);
    assert_eq!(change(&admin).await, 200);
}

#[tokio::test]
async fn only_an_answer_can_be_rated() {
    let app = TestApp::spawn().await;
    let author = app.citizen("rate@example.vn", "Người Gửi").await;
    let officer = app
        .user("rate-o@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let original = submit(&author, "Đèn tín hiệu ngã tư bị hỏng", "public").await;
    let copy = submit(&author, "Đèn giao thông ngã tư không sáng", "public").await;
    let (s, body) = officer
        .call_json(
            "moderation/duplicate",
            &[("code", &copy), ("original", &original)],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let (_, p) = author.call_json("petitions/get", &[("code", &copy)]).await;
    assert_eq!(p["summary"]["status"], "closed");
    assert_eq!(p["can_rate"], false, "closed without an answer");
    let (s, body) = author
        .call_json(
            "petitions/rate",
            &[("code", &copy), ("stars", "1"), ("comment", "")],
        )
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("petitions.rate_not_answered")),
        "{body}"
    );
    let stats: Value = app
        .client()
        .get("/api/v1/petitions/statistics")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        !stats.to_string().contains("\"ratings\":1"),
        "no rating counted: {stats}"
    );
    // an answered one can
    step(&officer, &original, "accepted", "").await;
    step(&officer, &original, "assigned", "").await;
    step(&officer, &original, "answered", "Đã thay bộ đèn mới.").await;
    let (s, _) = author
        .call_json(
            "petitions/rate",
            &[("code", &original), ("stars", "4"), ("comment", "")],
        )
        .await;
    assert_eq!(s, 200);
}
