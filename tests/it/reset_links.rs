//! Password-reset links: only the newest works, a password change ends them
//! all, and the admin outbox shows mail without the tokens of its links.

use crate::common::{assert_invalid, Client, TestApp, PASSWORD};

async fn forgot(app: &TestApp, email: &str) -> String {
    let (status, _) = app
        .client()
        .call_json("accounts/forgot_password", &[("email", email)])
        .await;
    assert_eq!(status, 200);
    app.mailed_token(email, "/reset-password").await
}

async fn reset(c: &Client, token: &str, password: &str) -> (u16, serde_json::Value) {
    c.call_json(
        "accounts/reset_password",
        &[("token", token), ("new_password", password)],
    )
    .await
}

#[tokio::test]
async fn a_new_reset_link_ends_the_earlier_one() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.client()
            .register("twice@example.vn", "Hai Lần")
            .await
            .status(),
        200
    );
    let first = forgot(&app, "twice@example.vn").await;
    let second = forgot(&app, "twice@example.vn").await;
    assert_ne!(first, second);

    let anon = app.client();
    let (status, body) = reset(&anon, &first, "the first new password").await;
    assert_invalid(status, &body, "token", "accounts.reset_link_invalid");
    let (status, _) = reset(&anon, &second, "the second new password").await;
    assert_eq!(status, 200, "the newest link still works");
    let (status, _) = anon
        .call_json(
            "accounts/sign_in",
            &[
                ("email", "twice@example.vn"),
                ("password", "the second new password"),
            ],
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_password_change_ends_outstanding_reset_links() {
    let app = TestApp::spawn().await;
    let owner = app.citizen("changer@example.vn", "Đổi Mật Khẩu").await;
    let token = forgot(&app, "changer@example.vn").await;
    let (status, body) = owner
        .call_json(
            "accounts/change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "the owner's new password"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // Whoever else holds the mailed link can no longer undo the change.
    let (status, body) = reset(&app.client(), &token, "an intruder's password").await;
    assert_invalid(status, &body, "token", "accounts.reset_link_invalid");
    let (status, _) = app
        .client()
        .call_json(
            "accounts/sign_in",
            &[
                ("email", "changer@example.vn"),
                ("password", "the owner's new password"),
            ],
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_reset_ends_the_account_s_other_links() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.client()
            .register("once@example.vn", "Một Lần")
            .await
            .status(),
        200
    );
    let token = forgot(&app, "once@example.vn").await;
    let (status, _) = reset(&app.client(), &token, "a fresh long password").await;
    assert_eq!(status, 200);
    let outstanding: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_resets r JOIN users u ON u.id = r.user_id \
         WHERE u.email = 'once@example.vn' AND r.used_at IS NULL",
    )
    .fetch_one(&crate::common::pool(&app.database_url).await)
    .await
    .unwrap();
    assert_eq!(outstanding, 0);
}

#[tokio::test]
async fn the_outbox_shows_mail_without_link_tokens() {
    let app = TestApp::spawn().await;
    let admin = app.user("admin@example.vn", "admin", None).await;
    assert_eq!(
        app.client()
            .register("masked@example.vn", "Che Giấu")
            .await
            .status(),
        200
    );
    let token = forgot(&app, "masked@example.vn").await;

    let (status, mail) = admin.call_json("admin/outbox", &[]).await;
    assert_eq!(status, 200, "{mail}");
    let text = mail.to_string();
    assert!(!text.contains(&token), "the token is not sent: {text}");
    let reset = mail
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["to_addr"] == "masked@example.vn"
                && m["body"].as_str().unwrap().contains("/reset-password")
        })
        .unwrap_or_else(|| panic!("no reset mail: {text}"));
    assert!(
        reset["body"]
            .as_str()
            .unwrap()
            .contains("/reset-password?token=[hidden]"),
        "{reset}"
    );

    let page = admin
        .http
        .get(format!("{}/admin/outbox", app.base))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("masked@example.vn"),
        "the page lists the mail"
    );
    assert!(html.contains("token=[hidden]"), "the link is shown masked");
    assert!(!html.contains(&token), "the page does not show the token");

    // The mail itself keeps its working link.
    assert!(app.last_mail("masked@example.vn").await.contains(&token));
}
