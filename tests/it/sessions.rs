//! Sessions and passwords over real HTTP: listing and revoking sessions,
//! timeouts, password changes and e-mailed resets.

use crate::common::{assert_invalid, TestApp, PASSWORD};
use serde_json::Value;

#[tokio::test]
async fn sessions_are_listed_and_revocable() {
    let app = TestApp::spawn().await;
    let phone = app.client();
    assert_eq!(phone.register("s@example.vn", "Phiên").await.status(), 200);
    let laptop = app.client();
    assert_eq!(
        laptop
            .call(
                "accounts/sign_in",
                &[("email", "s@example.vn"), ("password", PASSWORD)]
            )
            .await
            .status(),
        200
    );

    let (status, sessions) = phone.call_json("accounts/sessions", &[]).await;
    assert_eq!(status, 200);
    let sessions = sessions.as_array().unwrap().clone();
    assert_eq!(sessions.len(), 2);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap();
    let other_id = other["id"].as_i64().unwrap().to_string();

    let (status, _) = phone
        .call_json("accounts/revoke_session", &[("id", &other_id)])
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        laptop.me().await,
        Value::Null,
        "the revoked session is signed out"
    );
    assert_eq!(phone.me().await["email"], "s@example.vn");

    // revoking a session that is not yours is "not found"
    let intruder = app.client();
    assert_eq!(
        intruder.register("i@example.vn", "Kẻ Lạ").await.status(),
        200
    );
    let (_, mine) = phone.call_json("accounts/sessions", &[]).await;
    let my_id = mine[0]["id"].as_i64().unwrap().to_string();
    let (status, body) = intruder
        .call_json("accounts/revoke_session", &[("id", &my_id)])
        .await;
    assert_eq!((status, body["kind"].as_str()), (404, Some("not_found")));
    assert_eq!(phone.me().await["email"], "s@example.vn");
}

#[tokio::test]
async fn profile_and_password_changes() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(c.register("p@example.vn", "Tên Cũ").await.status(), 200);
    let other = app.client();
    assert_eq!(
        other
            .call(
                "accounts/sign_in",
                &[("email", "p@example.vn"), ("password", PASSWORD)]
            )
            .await
            .status(),
        200
    );

    let (status, _) = c
        .call_json(
            "accounts/update_profile",
            &[("display_name", "Tên Mới"), ("locality", "465001")],
        )
        .await;
    assert_eq!(status, 200);
    let me = c.me().await;
    assert_eq!(
        (me["display_name"].as_str(), me["locality_id"].as_i64()),
        (Some("Tên Mới"), Some(465001))
    );
    let (status, body) = c
        .call_json(
            "accounts/update_profile",
            &[("display_name", "X"), ("locality", "")],
        )
        .await;
    assert_invalid(status, &body, "display_name", "accounts.name_too_short");
    assert_eq!(c.me().await["display_name"], "Tên Mới");

    let (status, body) = c
        .call_json(
            "accounts/change_password",
            &[
                ("current_password", "not my password"),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_invalid(status, &body, "current_password", "accounts.password_wrong");
    let (status, body) = c
        .call_json(
            "accounts/change_password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_invalid(status, &body, "new_password", "accounts.password_too_short");
    let (status, _) = c
        .call_json(
            "accounts/change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(c.me().await["email"], "p@example.vn", "this session stays");
    assert_eq!(other.me().await, Value::Null, "other sessions end");
    let fresh = app.client();
    let (status, _) = fresh
        .call_json(
            "accounts/sign_in",
            &[("email", "p@example.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = fresh
        .call_json(
            "accounts/sign_in",
            &[
                ("email", "p@example.vn"),
                ("password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn password_reset_by_emailed_single_use_link() {
    let app = TestApp::spawn().await;
    let admin = app.user("admin@example.vn", "admin", None).await;
    let c = app.client();
    assert_eq!(
        c.register("forgot@example.vn", "Hay Quên").await.status(),
        200
    );

    // unknown addresses get the same answer and no mail
    let anon = app.client();
    let (status, _) = anon
        .call_json(
            "accounts/forgot_password",
            &[("email", "nobody@example.vn")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = anon
        .call_json(
            "accounts/forgot_password",
            &[("email", "forgot@example.vn")],
        )
        .await;
    assert_eq!(status, 200);
    let (_, mail) = admin.call_json("admin/outbox", &[]).await;
    assert!(!mail.to_string().contains("nobody@example.vn"));
    let token = app
        .mailed_token("forgot@example.vn", "/reset-password")
        .await;

    let (status, body) = anon
        .call_json(
            "accounts/reset_password",
            &[("token", &token), ("new_password", "short")],
        )
        .await;
    assert_invalid(status, &body, "new_password", "accounts.password_too_short");
    let (status, _) = anon
        .call_json(
            "accounts/reset_password",
            &[("token", &token), ("new_password", "the new long password")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(c.me().await, Value::Null, "existing sessions end on reset");
    let (status, body) = anon
        .call_json(
            "accounts/reset_password",
            &[("token", &token), ("new_password", "another long password")],
        )
        .await;
    assert_invalid(status, &body, "token", "accounts.reset_link_invalid");
    let (status, body) = anon
        .call_json(
            "accounts/reset_password",
            &[
                ("token", "made-up"),
                ("new_password", "another long password"),
            ],
        )
        .await;
    assert_invalid(status, &body, "token", "accounts.reset_link_invalid");
    let (status, _) = anon
        .call_json(
            "accounts/sign_in",
            &[
                ("email", "forgot@example.vn"),
                ("password", "the new long password"),
            ],
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn reset_links_expire() {
    let app = TestApp::spawn_with(&[("PASSWORD_RESET_MINUTES", "1")]).await;
    assert_eq!(
        app.client()
            .register("late@example.vn", "Trễ Hẹn")
            .await
            .status(),
        200
    );
    let (status, _) = app
        .client()
        .call_json("accounts/forgot_password", &[("email", "late@example.vn")])
        .await;
    assert_eq!(status, 200);
    let token = app.mailed_token("late@example.vn", "/reset-password").await;
    // Age the token in the database rather than sleeping a minute.
    let pool = crate::common::pool(&app.database_url).await;
    sqlx::query("UPDATE password_resets SET expires_at = 0")
        .execute(&pool)
        .await
        .unwrap();
    let (status, body) = app
        .client()
        .call_json(
            "accounts/reset_password",
            &[("token", &token), ("new_password", "the new long password")],
        )
        .await;
    assert_invalid(status, &body, "token", "accounts.reset_link_invalid");
}

#[tokio::test]
async fn sessions_end_after_idle_and_absolute_timeouts() {
    let app =
        TestApp::spawn_with(&[("SESSION_IDLE_MINUTES", "30"), ("SESSION_MAX_DAYS", "1")]).await;
    let pool = crate::common::pool(&app.database_url).await;
    let idle = app.client();
    assert_eq!(
        idle.register("idle@example.vn", "Nhàn Rỗi").await.status(),
        200
    );
    let old = app.client();
    assert_eq!(
        old.register("old@example.vn", "Lâu Năm").await.status(),
        200
    );

    // 31 minutes without use ends a session.
    let minutes_ago = |m: i64| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64
            - m * 60_000
    };
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE user_id = (SELECT id FROM users WHERE email = 'idle@example.vn')")
        .bind(minutes_ago(31))
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(idle.me().await, Value::Null);

    // In use, but signed in more than a day ago, ends too.
    sqlx::query("UPDATE sessions SET created_at = $1 WHERE user_id = (SELECT id FROM users WHERE email = 'old@example.vn')")
        .bind(minutes_ago(25 * 60))
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(old.me().await, Value::Null);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "expired sessions are deleted");
}
