//! Accounts over real HTTP against the real server, on SQLite or PostgreSQL.

use crate::common::{assert_invalid, TestApp, PASSWORD};
use serde_json::Value;

/// A server function's form fields.
type Form<'a> = &'a [(&'a str, &'a str)];

#[tokio::test]
async fn register_then_me_then_sign_out() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(c.me().await, Value::Null);
    let res = c.register("an@example.vn", "Nguyễn Văn An").await;
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let me = c.me().await;
    assert_eq!(me["email"], "an@example.vn");
    assert_eq!(me["display_name"], "Nguyễn Văn An");
    assert_eq!(me["role"], "citizen");
    assert_eq!(me["locality_id"], 461001);
    let (status, _) = c.call_json("accounts/sign_out", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(c.me().await, Value::Null);
    // signing in again works
    let res = c
        .call(
            "accounts/sign_in",
            &[("email", "AN@example.vn "), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(c.me().await["email"], "an@example.vn");
}

#[tokio::test]
async fn bad_registrations_say_which_field_and_change_nothing() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let cases: [(Form, &str, &str); 6] = [
        (
            &[
                ("email", "not-an-email"),
                ("password", PASSWORD),
                ("display_name", "An"),
                ("locality", ""),
            ],
            "email",
            "accounts.email_invalid",
        ),
        (
            &[
                ("email", ""),
                ("password", PASSWORD),
                ("display_name", "An"),
                ("locality", ""),
            ],
            "email",
            "accounts.email_required",
        ),
        (
            &[
                ("email", "a@b.vn"),
                ("password", "short"),
                ("display_name", "An"),
                ("locality", ""),
            ],
            "password",
            "accounts.password_too_short",
        ),
        (
            &[
                ("email", "a@b.vn"),
                ("password", PASSWORD),
                ("display_name", " "),
                ("locality", ""),
            ],
            "display_name",
            "accounts.name_too_short",
        ),
        (
            &[
                ("email", "a@b.vn"),
                ("password", PASSWORD),
                ("display_name", "An"),
                ("locality", "999999"),
            ],
            "locality",
            "accounts.locality_invalid",
        ),
        (
            &[
                ("email", "a@b.vn"),
                ("password", PASSWORD),
                ("display_name", "An"),
                ("locality", "abc"),
            ],
            "locality",
            "accounts.locality_invalid",
        ),
    ];
    for (form, field, key) in cases {
        let (status, body) = c.call_json("accounts/register", form).await;
        assert_invalid(status, &body, field, key);
    }
    assert_eq!(c.me().await, Value::Null);
    let (status, body) = c
        .call_json(
            "accounts/sign_in",
            &[("email", "a@b.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_invalid(status, &body, "password", "accounts.signin_failed");

    // a taken address
    assert_eq!(c.register("taken@example.vn", "Một").await.status(), 200);
    let other = app.client();
    let (status, body) = other
        .call_json(
            "accounts/register",
            &[
                ("email", "Taken@Example.vn"),
                ("password", PASSWORD),
                ("display_name", "Hai"),
                ("locality", ""),
            ],
        )
        .await;
    assert_invalid(status, &body, "email", "accounts.email_taken");
}

#[tokio::test]
async fn wrong_password_and_rate_limit() {
    let app = TestApp::spawn_with(&[("RATE_SIGNIN_PER_MINUTE", "3")]).await;
    let c = app.client();
    assert_eq!(
        c.register("rl@example.vn", "Rate Limit").await.status(),
        200
    );
    let anon = app.client();
    for _ in 0..2 {
        let (status, body) = anon
            .call_json(
                "accounts/sign_in",
                &[("email", "rl@example.vn"), ("password", "wrong password!")],
            )
            .await;
        assert_invalid(status, &body, "password", "accounts.signin_failed");
    }
    let (status, _) = anon
        .call_json(
            "accounts/sign_in",
            &[("email", "rl@example.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 200, "third attempt is within the limit");
    let (status, body) = anon
        .call_json(
            "accounts/sign_in",
            &[("email", "rl@example.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 429);
    assert_eq!(body["kind"], "rate_limited");
}

#[tokio::test]
async fn registration_is_rate_limited() {
    let app = TestApp::spawn_with(&[("RATE_REGISTER_PER_HOUR", "2")]).await;
    for i in 0..2 {
        assert_eq!(
            app.client()
                .register(&format!("r{i}@example.vn"), "Người Dùng")
                .await
                .status(),
            200
        );
    }
    let (status, body) = app
        .client()
        .call_json(
            "accounts/register",
            &[
                ("email", "r9@example.vn"),
                ("password", PASSWORD),
                ("display_name", "Chín"),
                ("locality", ""),
            ],
        )
        .await;
    assert_eq!((status, body["kind"].as_str()), (429, Some("rate_limited")));
}

#[tokio::test]
async fn deleting_an_account_needs_the_password_and_erases_it() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(c.register("bye@example.vn", "Tạm Biệt").await.status(), 200);
    let (status, body) = c
        .call_json("accounts/delete", &[("password", "wrong password")])
        .await;
    assert_invalid(status, &body, "password", "accounts.password_wrong");
    assert_eq!(c.me().await["email"], "bye@example.vn");
    let (status, _) = c
        .call_json("accounts/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(status, 200);
    assert_eq!(c.me().await, Value::Null);
    let (status, _) = app
        .client()
        .call_json(
            "accounts/sign_in",
            &[("email", "bye@example.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 422);
    let pool = crate::common::pool(&app.database_url).await;
    let (email, name): (String, String) = sqlx::query_as("SELECT email, display_name FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        email.starts_with("deleted-") && name.is_empty(),
        "{email} {name}"
    );
    // the address can register again
    assert_eq!(
        app.client()
            .register("bye@example.vn", "Trở Lại")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn permissions_are_checked_on_the_server() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let (status, body) = anon.call_json("admin/outbox", &[]).await;
    assert_eq!(
        (status, body["kind"].as_str()),
        (401, Some("unauthenticated"))
    );
    let (status, _) = anon.call_json("accounts/sessions", &[]).await;
    assert_eq!(status, 401);
    let citizen = app.client();
    assert_eq!(
        citizen.register("c@example.vn", "Công Dân").await.status(),
        200
    );
    let (status, body) = citizen.call_json("admin/outbox", &[]).await;
    assert_eq!((status, body["kind"].as_str()), (403, Some("forbidden")));
    let officer = app
        .user("o@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    let (status, _) = officer.call_json("admin/outbox", &[]).await;
    assert_eq!(status, 403);
    assert_eq!(officer.me().await["role"], "officer");
    assert!(officer.me().await["agency_id"].is_i64());
}

#[tokio::test]
async fn command_line_refuses_bad_input() {
    let app = TestApp::spawn().await;
    let out = app
        .cli(&[
            "admin",
            "create-user",
            "--email",
            "x@example.vn",
            "--password",
            PASSWORD,
            "--name",
            "Cán Bộ",
            "--role",
            "officer",
        ])
        .await;
    assert!(!out.status.success(), "an officer needs an agency");
    let out = app
        .cli(&[
            "admin",
            "create-user",
            "--email",
            "x@example.vn",
            "--password",
            PASSWORD,
            "--name",
            "Cán Bộ",
            "--role",
            "king",
        ])
        .await;
    assert!(!out.status.success());
    let out = app
        .cli(&[
            "admin",
            "create-user",
            "--email",
            "x@example.vn",
            "--password",
            PASSWORD,
            "--name",
            "Cán Bộ",
            "--role",
            "staff",
            "--agency",
            "Không Có",
        ])
        .await;
    assert!(!out.status.success(), "unknown agency");
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    let again = app.cli(&["demo-seed"]).await;
    assert!(again.status.success(), "demo-seed is idempotent: {again:?}");
    let c = app.client();
    let (status, _) = c
        .call_json(
            "accounts/sign_in",
            &[
                ("email", "officer@demo.grassroots.vn"),
                ("password", "demo-password-2026"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(c.me().await["role"], "officer");
}
