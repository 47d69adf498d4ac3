//! Following petitions, the inbox, e-mails per step, support thresholds,
//! maintained support counts and the rate limits on submitting and
//! supporting — over real HTTP, on both databases.

use crate::common::{assert_invalid, pool, TestApp};
use crate::petitions::{step, submit};
use serde_json::Value;

async fn inbox(c: &crate::common::Client) -> Vec<Value> {
    let (s, body) = c.call_json("inbox/list", &[]).await;
    assert_eq!(s, 200, "{body}");
    body.as_array().cloned().unwrap_or_default()
}

async fn unread(c: &crate::common::Client) -> i64 {
    let (s, body) = c.call_json("inbox/unread", &[]).await;
    assert_eq!(s, 200, "{body}");
    body.as_i64().unwrap()
}

/// The mail about petitions sent to `to` (not the link that verifies a new
/// account's address).
async fn mails_to(url: &str, to: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE to_addr = $1 AND body NOT LIKE '%/verify?token=%' ORDER BY id",
    )
        .bind(to)
        .fetch_all(&pool(url).await)
        .await
        .unwrap()
}

#[tokio::test]
async fn followers_get_each_step_in_the_inbox_and_by_email_unless_turned_off() {
    let app = TestApp::spawn().await;
    let author = app.citizen("author@example.vn", "Người Viết").await;
    let code = submit(&author, "Đèn đường hỏng ở thôn Đông", "public").await;
    let mailed = app.citizen("mailed@example.vn", "Theo Dõi Thư").await;
    let quiet = app.citizen("quiet@example.vn", "Theo Dõi Lặng").await;
    let officer = app
        .user("f-o@example.vn", "officer", Some("Sở Giao thông"))
        .await;

    let (s, body) = mailed
        .call_json("petitions/follow", &[("code", &code), ("email", "on")])
        .await;
    assert_eq!(s, 200, "{body}");
    let (s, _) = quiet
        .call_json("petitions/follow", &[("code", &code)])
        .await;
    assert_eq!(s, 200);
    let (_, page) = mailed.call_json("petitions/get", &[("code", &code)]).await;
    assert_eq!(page["following"], Value::Bool(true));
    assert_eq!(
        page["followers"], 3,
        "the petitioner follows their own petition"
    );

    step(&officer, &code, "accepted", "").await;

    for c in [&mailed, &quiet, &author] {
        let items = inbox(c).await;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["code"], code.as_str());
        assert_eq!(items[0]["status"], "accepted");
        assert_eq!(items[0]["kind"], "status");
        assert_eq!(items[0]["read"], false);
        assert_eq!(unread(c).await, 1);
    }
    assert!(
        inbox(&officer).await.is_empty(),
        "not told about their own step"
    );
    let mails = mails_to(&app.database_url, "mailed@example.vn").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].0.contains(&code), "{:?}", mails[0]);
    assert!(mails[0].1.contains(&format!("/petitions/{code}")));
    assert_eq!(
        mails_to(&app.database_url, "author@example.vn").await.len(),
        1
    );
    assert!(mails_to(&app.database_url, "quiet@example.vn")
        .await
        .is_empty());

    // Reading the inbox; e-mails off; stop following.
    let (s, _) = mailed.call_json("inbox/read", &[]).await;
    assert_eq!(s, 200);
    assert_eq!(unread(&mailed).await, 0);
    let (s, _) = mailed
        .call_json("petitions/follow", &[("code", &code)])
        .await;
    assert_eq!(s, 200);
    let (s, _) = quiet
        .call_json("petitions/unfollow", &[("code", &code)])
        .await;
    assert_eq!(s, 200);
    let (s, body) = quiet
        .call_json("petitions/unfollow", &[("code", &code)])
        .await;
    assert_eq!(s, 409, "{body}");

    step(&officer, &code, "assigned", "").await;
    assert_eq!(unread(&mailed).await, 1);
    assert_eq!(inbox(&quiet).await.len(), 1, "no step after unfollowing");
    assert_eq!(
        mails_to(&app.database_url, "mailed@example.vn").await.len(),
        1,
        "e-mails turned off"
    );
    assert_eq!(
        mails_to(&app.database_url, "author@example.vn").await.len(),
        2
    );
}

#[tokio::test]
async fn following_needs_an_account_and_a_readable_petition() {
    let app = TestApp::spawn().await;
    let author = app.citizen("private@example.vn", "Người Viết").await;
    let code = submit(&author, "Phản ánh riêng về thủ tục đất", "private").await;
    let other = app.citizen("other@example.vn", "Người Khác").await;
    let (s, _) = other
        .call_json("petitions/follow", &[("code", &code)])
        .await;
    assert_eq!(s, 404, "a private petition is not someone else's to follow");
    let (s, _) = app
        .client()
        .call_json("petitions/follow", &[("code", &code)])
        .await;
    assert_eq!(s, 401);
    let (s, body) = other
        .call_json("petitions/follow", &[("code", "QT-26-AAAAA-A")])
        .await;
    assert_invalid(s, &body, "code", "petitions.code_invalid");
    let (s, _) = app.client().call_json("inbox/list", &[]).await;
    assert_eq!(s, 401);
    let (s, body) = app.client().call_json("inbox/unread", &[]).await;
    assert_eq!(
        (s, body.as_i64()),
        (200, Some(0)),
        "signed out: nothing unread"
    );
}

#[tokio::test]
async fn thresholds_set_a_deadline_and_a_hearing_once() {
    let app =
        TestApp::spawn_with(&[("SUPPORTS_FOR_ANSWER", "2"), ("SUPPORTS_FOR_HEARING", "3")]).await;
    let author = app.citizen("t-author@example.vn", "Người Viết").await;
    let code = submit(&author, "Xin làm cầu qua suối thôn Tây", "public").await;
    let other = submit(&author, "Kiến nghị khác không đủ chữ ký", "public").await;
    let mut supporters = Vec::new();
    for i in 0..3 {
        supporters.push(
            app.verified_citizen(&format!("t{i}@example.vn"), "Người Ủng Hộ")
                .await,
        );
    }
    let support = |c: &crate::common::Client, action: &'static str| {
        let (c, code) = (c.clone(), code.clone());
        async move { c.call_json(action, &[("code", &code)]).await.0 }
    };
    assert_eq!(support(&supporters[0], "petitions/support").await, 200);
    let (_, p) = author.call_json("petitions/get", &[("code", &code)]).await;
    assert!(p["summary"]["answer_due_at"].is_null());
    let before = chrono_ms();
    assert_eq!(support(&supporters[1], "petitions/support").await, 200);
    let (_, p) = author.call_json("petitions/get", &[("code", &code)]).await;
    let due = p["summary"]["answer_due_at"].as_i64().expect("a deadline");
    let thirty_days = 30 * 86_400_000;
    assert!(due >= before + thirty_days && due <= chrono_ms() + thirty_days);
    assert!(p["hearing_at"].is_null());
    // Withdrawing and supporting again does not reach it twice.
    assert_eq!(
        support(&supporters[1], "petitions/withdraw_support").await,
        200
    );
    assert_eq!(support(&supporters[1], "petitions/support").await, 200);
    assert_eq!(support(&supporters[2], "petitions/support").await, 200);
    let (_, p) = author.call_json("petitions/get", &[("code", &code)]).await;
    assert_eq!(p["summary"]["supports"], 3);
    assert_eq!(p["summary"]["answer_due_at"].as_i64(), Some(due));
    assert!(p["hearing_at"].as_i64().is_some());
    let kinds: Vec<&str> = p["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["status", "answer_due", "hearing"]);
    // The petitioner follows their petition: both thresholds are in the inbox.
    let items = inbox(&author).await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["kind"], "hearing");
    assert_eq!(items[0]["note"], "3");
    // Deadline sort: petitions with a deadline first.
    let (_, list) = app
        .client()
        .call_json("petitions/list", &[("filter[sort]", "deadline")])
        .await;
    let codes: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, [code.as_str(), other.as_str()]);
}

fn chrono_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn concurrent_supports_are_each_counted_once() {
    let app = TestApp::spawn().await;
    let author = app.citizen("c-author@example.vn", "Người Viết").await;
    let code = submit(&author, "Kiến nghị được nhiều người ủng hộ", "public").await;
    let mut clients = Vec::new();
    for i in 0..12 {
        clients.push(
            app.verified_citizen(&format!("c{i}@example.vn"), "Người Ủng Hộ")
                .await,
        );
    }
    // Every supporter twice at once: exactly one of each pair is recorded.
    let mut tasks = Vec::new();
    for c in clients.iter().chain(clients.iter()) {
        let (c, code) = (c.clone(), code.clone());
        tasks.push(tokio::spawn(async move {
            c.call_json("petitions/support", &[("code", &code)]).await.0
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        12,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        12,
        "{statuses:?}"
    );
    let (_, p) = author.call_json("petitions/get", &[("code", &code)]).await;
    assert_eq!(p["summary"]["supports"], 12);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM petition_supports")
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap();
    assert_eq!(stored, 12);
}

#[tokio::test]
async fn submitting_and_supporting_are_rate_limited() {
    let app = TestApp::spawn_with(&[
        ("RATE_SUBMIT_PER_HOUR", "2"),
        ("RATE_SUPPORT_PER_MINUTE", "2"),
    ])
    .await;
    let author = app.citizen("r-author@example.vn", "Người Viết").await;
    let first = submit(&author, "Kiến nghị thứ nhất về đường", "public").await;
    submit(&author, "Kiến nghị thứ hai về đường", "public").await;
    let res = author
        .call(
            "petitions/submit",
            &[
                ("kind", "petition"),
                ("title", "Kiến nghị thứ ba về đường"),
                (
                    "body",
                    "Nội dung đủ dài để hợp lệ, nói về mặt đường hư hỏng.",
                ),
                ("category", "1"),
                ("locality", "461001"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    let fan = app
        .verified_citizen("r-fan@example.vn", "Người Ủng Hộ")
        .await;
    for (action, expected) in [
        ("petitions/support", 200),
        ("petitions/withdraw_support", 200),
        ("petitions/support", 429),
    ] {
        let (s, body) = fan.call_json(action, &[("code", &first)]).await;
        assert_eq!(s, expected, "{action}: {body}");
    }
    let (_, p) = author.call_json("petitions/get", &[("code", &first)]).await;
    assert_eq!(
        p["summary"]["supports"], 0,
        "the limited support changed nothing"
    );
}

#[tokio::test]
async fn the_demo_supporters_follow_their_petitions_and_have_an_inbox() {
    let app = TestApp::spawn().await;
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    let supporter = app.client();
    let (status, _) = supporter
        .call_json(
            "accounts/sign_in",
            &[
                ("email", "supporter1@demo.grassroots.vn"),
                ("password", "demo-password-2026"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, inbox) = supporter.call_json("inbox/list", &[]).await;
    let steps = inbox.as_array().unwrap();
    assert!(steps.len() >= 3, "the demo steps reach followers: {inbox}");
    let (_, unread) = supporter.call_json("inbox/unread", &[]).await;
    assert_eq!(unread.as_i64(), Some(steps.len() as i64));
}
