//! Comments, replies and marks on a consultation's articles, and polls with
//! their ballots, over real HTTP: every rule and its refusals.

use super::consultations_flow::{at, create, form, get, officer, open_consultation, publish};
use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;

async fn comment(c: &Client, code: &str, article: &str, parent: &str, body: &str) -> (u16, Value) {
    c.call_json(
        "consultations/comment",
        &[
            ("code", code),
            ("article", article),
            ("parent", parent),
            ("body", body),
        ],
    )
    .await
}

async fn mark(c: &Client, comment: i64, m: &str) -> (u16, Value) {
    c.call_json(
        "consultations/mark",
        &[("comment", &comment.to_string()), ("mark", m)],
    )
    .await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap()
}

fn comments_on(d: &Value, article: &str) -> Vec<Value> {
    d["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["article"] == article)
        .cloned()
        .collect()
}

#[tokio::test]
async fn citizens_comment_reply_and_mark_with_every_refusal() {
    let app = TestApp::spawn().await;
    let (_, code) = open_consultation(&app).await;
    let a = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    let b = app.verified_citizen("b@anbinh.vn", "Trần Thị B").await;

    let (s, body) = comment(
        &a,
        &code,
        "2",
        "",
        "Nên bổ sung nhà văn hóa thôn vào đối tượng.",
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = comment(&a, &code, "2", "", "   ").await;
    assert_invalid(s, &body, "body", "consultations.comment_required");
    let (s, body) = comment(&a, &code, "2", "", &"dài ".repeat(600)).await;
    assert_invalid(s, &body, "body", "consultations.comment_too_long");
    let (s, body) = comment(&a, &code, "9", "", "Điều không có").await;
    assert_invalid(s, &body, "article", "consultations.article_unknown");
    let (s, _) = comment(&app.client(), &code, "2", "", "Ẩn danh").await;
    assert_eq!(s, 401);
    let unverified = app.citizen("c@anbinh.vn", "Lê C").await;
    let (s, body) = comment(&unverified, &code, "2", "", "Chưa xác nhận").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("accounts.verify_to_support"))
    );

    let (_, d) = get(&b, &code).await;
    let first = comments_on(&d, "2")[0]["id"].as_i64().unwrap();
    let (s, body) = comment(
        &b,
        &code,
        "2",
        &first.to_string(),
        "Tôi đồng ý với ý kiến này.",
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (_, d) = get(&b, &code).await;
    let reply = comments_on(&d, "2")[0]["replies"][0]["id"]
        .as_i64()
        .unwrap();
    let (s, body) = comment(&a, &code, "2", &reply.to_string(), "Trả lời lồng nhau").await;
    assert_invalid(s, &body, "parent", "consultations.parent_invalid");
    let (s, body) = comment(&a, &code, "1", &first.to_string(), "Sai điều").await;
    assert_invalid(s, &body, "parent", "consultations.parent_invalid");

    // A form sent twice makes one comment.
    let twice = [
        ("code", code.as_str()),
        ("article", "3"),
        ("body", "Đề nghị quy định rõ giờ đổ rác."),
        ("form_key", "once-1"),
    ];
    for _ in 0..2 {
        let (s, body) = b.call_json("consultations/comment", &twice).await;
        assert_eq!(s, 200, "{body}");
    }
    let (_, d) = get(&a, &code).await;
    assert_eq!(comments_on(&d, "3").len(), 1);
    assert_eq!(comments_on(&d, "2")[0]["author"], "Nguyễn Văn A");

    // Marks: never on one's own, one per account, changeable.
    let (s, body) = mark(&a, first, "agree").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.own_comment"))
    );
    let (s, body) = mark(&b, first, "love").await;
    assert_invalid(s, &body, "mark", "consultations.mark_invalid");
    assert_eq!(mark(&b, first, "agree").await.0, 200);
    assert_eq!(mark(&b, first, "agree").await.0, 200);
    assert_eq!(mark(&b, first, "disagree").await.0, 200);
    assert_eq!(mark(&b, 987_654, "agree").await.0, 404);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM consultation_marks").await,
        1
    );
    let (_, d) = get(&b, &code).await;
    let c = &comments_on(&d, "2")[0];
    assert_eq!(
        (c["agree"].as_i64(), c["disagree"].as_i64()),
        (Some(0), Some(1))
    );
    assert_eq!(c["my_mark"], "disagree");
    assert_eq!(mark(&app.client(), first, "agree").await.0, 401);

    // The page and the article page show them without JavaScript.
    let html = app
        .client()
        .get(&format!("/consultations/{code}/dieu/2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Nên bổ sung nhà văn hóa thôn")
            && html.contains("Tôi đồng ý với ý kiến này.")
    );
    let html = app
        .client()
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("/dieu/2"), "links to the article's comments");
}

#[tokio::test]
async fn comments_rank_by_how_broadly_they_are_agreed_with() {
    let app = TestApp::spawn().await;
    let (_, code) = open_consultation(&app).await;
    let author = app.verified_citizen("author@anbinh.vn", "Tác Giả").await;
    let mut people = Vec::new();
    for i in 0..4 {
        people.push(
            app.verified_citizen(&format!("p{i}@anbinh.vn"), &format!("Người {i}"))
                .await,
        );
    }
    assert_eq!(
        comment(&author, &code, "1", "", "Ý kiến thứ nhất").await.0,
        200
    );
    assert_eq!(
        comment(&author, &code, "1", "", "Ý kiến thứ hai").await.0,
        200
    );
    let (_, d) = get(&author, &code).await;
    let ids: Vec<i64> = comments_on(&d, "1")
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let (first, second) = (ids[0], ids[1]);
    // One agree on the first; four agrees on the second, one disagree on the first.
    assert_eq!(mark(&people[0], first, "agree").await.0, 200);
    assert_eq!(mark(&people[1], first, "disagree").await.0, 200);
    for p in &people {
        assert_eq!(mark(p, second, "agree").await.0, 200);
    }
    let (_, d) = get(&app.client(), &code).await;
    let order: Vec<i64> = comments_on(&d, "1")
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, vec![second, first]);
}

#[tokio::test]
async fn nothing_is_taken_before_the_open_or_after_the_close() {
    let app = TestApp::spawn().await;
    let (o, agency) = officer(&app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let citizen = app.verified_citizen("dan@anbinh.vn", "Người Dân").await;
    for (opens, closes) in [(at(2), at(9)), (at(-9), at(-2))] {
        let code = create(&o, &form(&agency, &opens, &closes)).await;
        let (s, body) = o
            .call_json(
                "consultations/add_poll",
                &[
                    ("code", &code),
                    ("question", "Bạn có đồng ý không?"),
                    ("kind", "yes_no"),
                ],
            )
            .await;
        assert_eq!(s, 200, "{body}");
        publish(&o, &code).await;
        let (_, d) = get(&citizen, &code).await;
        let yes = d["polls"][0]["options"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        let poll = d["polls"][0]["id"].as_i64().unwrap().to_string();
        let (s, body) = comment(&citizen, &code, "1", "", "Quá sớm hoặc quá muộn").await;
        assert_eq!(
            (s, body["key"].as_str()),
            (409, Some("consultations.not_open"))
        );
        let (s, body) = citizen
            .call_json(
                "consultations/vote",
                &[("poll", &poll), ("choices[]", &yes)],
            )
            .await;
        assert_eq!(
            (s, body["key"].as_str()),
            (409, Some("consultations.not_open"))
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM consultation_ballots").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM consultation_comments").await,
        0
    );
}
