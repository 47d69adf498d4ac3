//! Moderation of consultation comments over real HTTP: reports once and
//! never on one's own; the agency hides with a reason and restores; a
//! hidden comment's text and author are withheld from the public, the
//! export and the page, and it takes no marks or replies — on both databases.

use super::consultations_flow::{get, officer, open_consultation};
use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;

async fn comment_id(app: &TestApp, body: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM consultation_comments WHERE body = $1")
        .bind(body)
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap();
    id.to_string()
}

fn on_article<'a>(d: &'a Value, id: &str) -> &'a Value {
    d["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id))
        .expect("the comment is listed")
}

async fn report(c: &Client, id: &str, reason: &str) -> (u16, Value) {
    c.call_json(
        "consultations/report_comment",
        &[("comment", id), ("report_reason", reason)],
    )
    .await
}

const ABUSE: &str = "Những kẻ ủng hộ dự thảo này đều là đồ ngu.";

#[tokio::test]
async fn comments_are_reported_hidden_withheld_and_restored() {
    let app = TestApp::spawn().await;
    let (o, code) = open_consultation(&app).await;
    let author = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    let b = app.verified_citizen("b@anbinh.vn", "Trần Thị B").await;
    let c = app.verified_citizen("c@anbinh.vn", "Lê Văn C").await;
    let (s, body) = author
        .call_json(
            "consultations/comment",
            &[("code", &code), ("article", "2"), ("body", ABUSE)],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let id = comment_id(&app, ABUSE).await;

    // Reports: signed in, a known reason, not one's own, once.
    assert_eq!(report(&app.client(), &id, "abuse").await.0, 401);
    let (s, body) = report(&b, &id, "").await;
    assert_invalid(
        s,
        &body,
        "report_reason",
        "moderation.report_reason_required",
    );
    let (s, body) = report(&b, &id, "boring").await;
    assert_invalid(
        s,
        &body,
        "report_reason",
        "moderation.report_reason_invalid",
    );
    let (s, body) = report(&author, &id, "abuse").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.report_own"))
    );
    assert_eq!(report(&b, &id, "abuse").await.0, 200);
    let (s, body) = report(&b, &id, "abuse").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.report_twice"))
    );
    assert_eq!(report(&c, &id, "spam").await.0, 200);
    assert_eq!(report(&b, "999999", "spam").await.0, 404);
    let (_, mine) = get(&o, &code).await;
    assert_eq!(
        on_article(&mine, &id)["reports"],
        2,
        "its moderators see the reports"
    );
    let (_, public) = get(&c, &code).await;
    assert_eq!(on_article(&public, &id)["reports"], 0, "nobody else does");

    // Hiding: only the consultation's agency, with a reason.
    let hide = [
        ("comment", id.as_str()),
        ("hide_reason", "Xúc phạm người khác."),
    ];
    let (elsewhere, _) = officer(&app, "officer@phuongmot.vn", "UBND phường Một").await;
    assert_eq!(
        elsewhere
            .call_json("consultations/hide_comment", &hide)
            .await
            .0,
        403
    );
    assert_eq!(
        b.call_json("consultations/hide_comment", &hide).await.0,
        403
    );
    let (s, body) = o
        .call_json(
            "consultations/hide_comment",
            &[("comment", id.as_str()), ("hide_reason", " ")],
        )
        .await;
    assert_invalid(s, &body, "hide_reason", "moderation.note_required");
    // The queue: the agency's officer sees the reported comment with its
    // text and reports; another agency's officer and a citizen do not.
    let (s, queue) = o.call_json("consultations/reported_comments", &[]).await;
    assert_eq!(s, 200, "{queue}");
    let queued = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id.as_str()))
        .expect("the reported comment is queued");
    assert_eq!(
        (queued["reports"].as_i64(), queued["body"].as_str()),
        (Some(2), Some(ABUSE))
    );
    let (_, theirs) = elsewhere
        .call_json("consultations/reported_comments", &[])
        .await;
    assert_eq!(theirs, Value::Array(vec![]), "not another agency's");
    assert_eq!(
        b.call_json("consultations/reported_comments", &[]).await.0,
        403
    );
    let manage = o.get("/consultations/manage").await.text().await.unwrap();
    assert!(
        manage.contains("Góp ý bị báo cáo vi phạm"),
        "the queue on the officer's page"
    );
    assert_eq!(
        o.call_json("consultations/hide_comment", &hide).await.0,
        200
    );
    let (_, queue) = o.call_json("consultations/reported_comments", &[]).await;
    assert_eq!(
        queue,
        Value::Array(vec![]),
        "a hidden comment leaves the queue"
    );
    let (s, body) = o.call_json("consultations/hide_comment", &hide).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.already_hidden"))
    );

    // Withheld from the public, the page and the export; its author and moderators see it.
    for reader in [&app.client(), &b] {
        let (_, d) = get(reader, &code).await;
        let shown = on_article(&d, &id);
        assert_eq!(
            (shown["body"].as_str(), shown["author"].as_str()),
            (Some(""), Some(""))
        );
        assert_eq!(shown["hidden"], "Xúc phạm người khác.");
    }
    let (_, d) = get(&author, &code).await;
    assert_eq!(on_article(&d, &id)["body"], ABUSE);
    let (_, d) = get(&o, &code).await;
    assert_eq!(on_article(&d, &id)["body"], ABUSE);
    let page = app
        .client()
        .get(&format!("/consultations/{code}/dieu/2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("đồ ngu") && page.contains("Xúc phạm người khác."));
    let csv = app
        .client()
        .get(&format!("/consultations/{code}/comments.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !csv.contains("đồ ngu") && !csv.contains("Nguyễn Văn A"),
        "{csv}"
    );
    let open_reports: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM subject_reports WHERE subject_kind = 'consultation_comment' AND closed_at IS NULL",
    )
    .fetch_one(&pool(&app.database_url).await)
    .await
    .unwrap();
    assert_eq!(open_reports, 0, "hiding closes its reports");

    // No marks, replies or reports on a hidden comment.
    let (s, body) = b
        .call_json("consultations/mark", &[("comment", &id), ("mark", "agree")])
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.comment_hidden"))
    );
    let (s, body) = b
        .call_json(
            "consultations/comment",
            &[
                ("code", &code),
                ("article", "2"),
                ("parent", &id),
                ("body", "Trả lời"),
            ],
        )
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.comment_hidden"))
    );
    let (s, _) = report(
        &app.verified_citizen("d@anbinh.vn", "Đỗ D").await,
        &id,
        "spam",
    )
    .await;
    assert_eq!(s, 409);

    // Restored: shown again; a second restore is refused.
    let restore = [("comment", id.as_str())];
    assert_eq!(
        elsewhere
            .call_json("consultations/restore_comment", &restore)
            .await
            .0,
        403
    );
    assert_eq!(
        o.call_json("consultations/restore_comment", &restore)
            .await
            .0,
        200
    );
    let (s, body) = o.call_json("consultations/restore_comment", &restore).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.not_hidden"))
    );
    let (_, d) = get(&app.client(), &code).await;
    assert_eq!(on_article(&d, &id)["body"], ABUSE);
    assert!(on_article(&d, &id)["hidden"].is_null());
}
