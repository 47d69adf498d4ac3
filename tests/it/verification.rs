//! E-mail verification over real HTTP: a new account is mailed a link, and
//! its supports count only once the link is opened; links are single-use,
//! expire, end when a newer one is sent, and verify only their own account.

use crate::common::{assert_invalid, pool, Client, TestApp};
use crate::petitions::submit;
use serde_json::Value;

async fn verify(c: &Client, token: &str) -> (u16, Value) {
    c.call_json("accounts/verify_email", &[("token", token)])
        .await
}

async fn support(c: &Client, code: &str) -> (u16, Value) {
    c.call_json("petitions/support", &[("code", code)]).await
}

async fn supports(app: &TestApp, code: &str) -> (i64, i64) {
    let (_, p) = app
        .client()
        .call_json("petitions/get", &[("code", code)])
        .await;
    let stored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM petition_supports s JOIN petitions p ON p.id = s.petition_id \
         WHERE p.code = $1",
    )
    .bind(code)
    .fetch_one(&pool(&app.database_url).await)
    .await
    .unwrap();
    (p["summary"]["supports"].as_i64().unwrap(), stored)
}

/// The HTML of `path` in English.
async fn page(c: &Client, path: &str) -> (u16, String) {
    let res = c
        .http
        .get(format!("{}{path}", c.base))
        .header("accept", "text/html")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_new_account_supports_only_once_its_address_is_verified() {
    let app = TestApp::spawn().await;
    let author = app
        .verified_citizen("v-author@example.vn", "Người Viết")
        .await;
    let code = submit(&author, "Xin lắp đèn ở ngõ tối", "public").await;

    let newcomer = app.citizen("new@example.vn", "Người Mới").await;
    assert_eq!(newcomer.me().await["email_verified_at"], Value::Null);
    let mail = app.last_mail("new@example.vn").await;
    assert!(mail.contains("http://"), "{mail}");
    assert!(mail.contains("/verify?token="), "{mail}");

    // Before verifying: refused with the reason, and nothing is counted.
    let (status, body) = support(&newcomer, &code).await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("accounts.verify_to_support")),
        "{body}"
    );
    assert_eq!(supports(&app, &code).await, (0, 0));
    // Withdrawing is not what verification guards.
    let (status, body) = newcomer
        .call_json("petitions/withdraw_support", &[("code", &code)])
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("petitions.support_none"))
    );
    let (_, account) = page(&newcomer, "/account").await;
    assert!(account.contains("not confirmed yet"), "{account}");
    assert!(account.contains("Send the link again"), "{account}");

    // The mailed link, opened as a page (no JavaScript needed).
    let token = app.mailed_token("new@example.vn", "/verify").await;
    let (status, html) = page(&app.client(), &format!("/verify?token={token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("your e-mail address is confirmed"), "{html}");
    assert!(newcomer.me().await["email_verified_at"].is_i64());
    let (_, account) = page(&newcomer, "/account").await;
    assert!(account.contains("(confirmed)"), "{account}");
    assert!(!account.contains("Send the link again"), "{account}");

    let (status, body) = support(&newcomer, &code).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(supports(&app, &code).await, (1, 1));

    // The link worked once.
    let (_, html) = page(&app.client(), &format!("/verify?token={token}")).await;
    assert!(html.contains("already been used"), "{html}");
}

#[tokio::test]
async fn unknown_used_replaced_and_expired_links_are_refused() {
    let app = TestApp::spawn().await;
    let c = app.citizen("links@example.vn", "Nhiều Đường Dẫn").await;
    let first = app.mailed_token("links@example.vn", "/verify").await;

    // Sending the link again ends the earlier one.
    let (status, body) = c.call_json("accounts/resend_verification", &[]).await;
    assert_eq!(status, 200, "{body}");
    let second = app.mailed_token("links@example.vn", "/verify").await;
    assert_ne!(first, second);
    let (status, body) = verify(&app.client(), &first).await;
    assert_invalid(status, &body, "token", "accounts.verify_replaced");

    // An expired link is refused (aged in the database, not waited for).
    sqlx::query("UPDATE email_verifications SET expires_at = 0 WHERE used_at IS NULL AND replaced_at IS NULL")
        .execute(&pool(&app.database_url).await)
        .await
        .unwrap();
    let (status, body) = verify(&app.client(), &second).await;
    assert_invalid(status, &body, "token", "accounts.verify_expired");
    let (status, body) = verify(&app.client(), "made-up-token").await;
    assert_invalid(status, &body, "token", "accounts.verify_unknown");
    let (status, body) = verify(&app.client(), "").await;
    assert_invalid(status, &body, "token", "accounts.verify_unknown");
    assert_eq!(c.me().await["email_verified_at"], Value::Null);

    let (status, _) = c.call_json("accounts/resend_verification", &[]).await;
    assert_eq!(status, 200);
    let third = app.mailed_token("links@example.vn", "/verify").await;
    let (status, body) = verify(&app.client(), &third).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = verify(&app.client(), &third).await;
    assert_invalid(status, &body, "token", "accounts.verify_used");
    assert!(c.me().await["email_verified_at"].is_i64());

    // Nothing more to send once verified; and only to a signed-in account.
    let (status, body) = c.call_json("accounts/resend_verification", &[]).await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("accounts.already_verified"))
    );
    let (status, _) = app
        .client()
        .call_json("accounts/resend_verification", &[])
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn another_account_s_link_does_not_verify_you() {
    let app = TestApp::spawn().await;
    let author = app
        .verified_citizen("o-author@example.vn", "Người Viết")
        .await;
    let code = submit(&author, "Xin sửa cống thoát nước", "public").await;
    let mallory = app.citizen("mallory@example.vn", "Kẻ Mượn").await;
    let bob = app.citizen("bob@example.vn", "Người Khác").await;
    let bobs = app.mailed_token("bob@example.vn", "/verify").await;

    // Signed in as Mallory, opening Bob's link confirms Bob's address only.
    let (status, _) = verify(&mallory, &bobs).await;
    assert_eq!(status, 200);
    assert_eq!(mallory.me().await["email_verified_at"], Value::Null);
    assert!(bob.me().await["email_verified_at"].is_i64());
    let (status, body) = support(&mallory, &code).await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("accounts.verify_to_support"))
    );
    assert_eq!(supports(&app, &code).await, (0, 0));
    // Mallory's own link still works for her.
    let own = app.mailed_token("mallory@example.vn", "/verify").await;
    assert_eq!(verify(&mallory, &own).await.0, 200);
    assert_eq!(support(&mallory, &code).await.0, 200);
}

#[tokio::test]
async fn operators_accounts_are_verified() {
    let app = TestApp::spawn().await;
    // the demo first: its officers handle its categories
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    let officer = app
        .user("v-officer@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    assert!(officer.me().await["email_verified_at"].is_i64());
    let unverified: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email_verified_at IS NULL")
            .fetch_one(&pool(&app.database_url).await)
            .await
            .unwrap();
    assert_eq!(unverified, 0, "demo accounts are verified");
    let verification_mail: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE body LIKE '%/verify?token=%'")
            .fetch_one(&pool(&app.database_url).await)
            .await
            .unwrap();
    assert_eq!(verification_mail, 0);
}
