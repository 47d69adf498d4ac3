//! Denial of service and trust in what a client says: the site's origin, the
//! client's address, rate-limit buckets, look-ups of codes, `/metrics`,
//! search input, open streams, slow request heads, and caching.

use crate::common::{pool, Client, TestApp, PASSWORD};
use crate::petitions::submit;
use grassroots::petitions::model::TrackingCode;
use serde_json::Value;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A client whose requests come, through a trusted proxy, from `ip`.
fn from(app: &TestApp, ip: &str) -> Client {
    let c = app.client();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", app.base.parse().unwrap());
    headers.insert("x-forwarded-for", ip.parse().unwrap());
    Client {
        base: c.base,
        http: reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

#[tokio::test]
async fn links_and_the_origin_check_come_from_configuration_not_host() {
    let app = TestApp::spawn().await;
    app.citizen("victim@example.vn", "Nạn Nhân").await;
    let forged = reqwest::Client::new()
        .post(format!("{}/api/accounts/forgot_password", app.base))
        .header("host", "evil.example")
        .header("origin", "http://evil.example")
        .form(&[("email", "victim@example.vn")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        forged.status(),
        403,
        "a forged Host does not make its origin ours"
    );
    // the same request with our origin but a forged Host: mailed, with our link
    let res = reqwest::Client::new()
        .post(format!("{}/api/accounts/forgot_password", app.base))
        .header("host", "evil.example")
        .header("origin", &app.base)
        .form(&[("email", "victim@example.vn")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection());
    let db = pool(&app.database_url).await;
    let bodies: Vec<(String,)> = sqlx::query_as("SELECT body FROM outbox WHERE to_addr = $1")
        .bind("victim@example.vn")
        .fetch_all(&db)
        .await
        .unwrap();
    let reset = bodies
        .iter()
        .find(|(b,)| b.contains("reset-password"))
        .expect("a reset mail");
    assert!(!reset.0.contains("evil.example"), "{}", reset.0);
    assert!(
        reset
            .0
            .contains(&format!("{}/reset-password?token=", app.base)),
        "{}",
        reset.0
    );
}

#[tokio::test]
async fn without_public_url_the_server_serves_on_loopback_only() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_grassroots"))
        .env("DATABASE_URL", "sqlite::memory:")
        .env("BIND_ADDR", "0.0.0.0:0")
        .env_remove("PUBLIC_URL")
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("PUBLIC_URL"), "{said}");
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
    // Not trusted: X-Forwarded-For changes nothing, rotating it evades nothing.
    let app = TestApp::spawn_with(&[("RATE_REGISTER_PER_HOUR", "2")]).await;
    for (n, ip) in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
        .iter()
        .enumerate()
    {
        let res = from(&app, ip)
            .register(&format!("r{n}@example.vn"), "Người Đăng Ký")
            .await;
        assert_eq!(res.status() == 429, n == 2, "registration {n}");
    }
    // Trusted: each forwarded address has its own quota.
    let app = TestApp::spawn_with(&[
        ("RATE_REGISTER_PER_HOUR", "2"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ])
    .await;
    for (n, ip) in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
        .iter()
        .enumerate()
    {
        // the client wrote the left-most entry; the proxy appended the real one
        let c = from(&app, &format!("198.51.100.9, {ip}"));
        assert_eq!(
            c.register(&format!("t{n}@example.vn"), "Người Đăng Ký")
                .await
                .status(),
            200
        );
    }
}

#[tokio::test]
async fn hammering_an_account_does_not_lock_its_owner_out() {
    let app = TestApp::spawn_with(&[
        ("RATE_SIGNIN_PER_MINUTE", "3"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ])
    .await;
    app.citizen("owner@example.vn", "Chủ Tài Khoản").await;
    let attacker = from(&app, "203.0.113.66");
    let mut refused = 0;
    for _ in 0..6 {
        let (s, _) = attacker
            .call_json(
                "accounts/sign_in",
                &[
                    ("email", "owner@example.vn"),
                    ("password", "wrong-password-1"),
                ],
            )
            .await;
        refused += usize::from(s == 429);
    }
    assert_eq!(refused, 3, "the attacker's address is limited");
    let owner = from(&app, "198.51.100.20");
    let (s, body) = owner
        .call_json(
            "accounts/sign_in",
            &[("email", "owner@example.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(s, 200, "the owner signs in from their address: {body}");
}

#[tokio::test]
async fn guessing_codes_gets_an_address_refused_every_look_up() {
    let app = TestApp::spawn_with(&[
        ("RATE_LOOKUP_MISSES_PER_MINUTE", "3"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ])
    .await;
    let author = app.citizen("look@example.vn", "Người Gửi").await;
    let known = submit(&author, "Vỉa hè bị lấn chiếm buôn bán", "public").await;
    let guesser = from(&app, "203.0.113.7");
    let guesses: Vec<String> = (0..)
        .map(|n| TrackingCode::generate("QT", 2026, n).to_string())
        .filter(|c| *c != known)
        .take(4)
        .collect();
    let statuses: Vec<u16> = {
        let mut out = Vec::new();
        for code in &guesses {
            out.push(
                guesser
                    .get(&format!("/api/v1/petitions/{code}"))
                    .await
                    .status()
                    .as_u16(),
            );
        }
        out
    };
    assert_eq!(statuses, [404, 404, 404, 429]);
    // now every look-up of that address is refused, a right guess included,
    // on every path: the page, the API, the live stream, Open311
    for path in [
        format!("/track/{known}"),
        format!("/api/v1/petitions/{known}"),
        format!("/live/petitions/{known}"),
        format!("/open311/v2/requests/{known}.json"),
    ] {
        assert_eq!(guesser.get(&path).await.status(), 429, "{path}");
    }
    // another address reads it
    let reader = from(&app, "198.51.100.1");
    assert_eq!(reader.get(&format!("/track/{known}")).await.status(), 200);
    // finding petitions costs nothing: a reader may open many
    for _ in 0..10 {
        let res = reader.get(&format!("/api/v1/petitions/{known}")).await;
        assert_eq!(res.status(), 200);
    }
}

#[tokio::test]
async fn each_kind_of_request_has_its_own_bucket() {
    let app = TestApp::spawn_with(&[
        ("RATE_SUPPORT_PER_MINUTE", "2"),
        ("RATE_SUBMIT_PER_HOUR", "1"),
    ])
    .await;
    let author = app.citizen("bucket-a@example.vn", "Người Gửi").await;
    let code = submit(&author, "Rác thải đổ trộm ven sông", "public").await;
    let c = app
        .verified_citizen("bucket-c@example.vn", "Người Ủng Hộ")
        .await;
    assert_eq!(
        c.call_json("petitions/support", &[("code", &code)]).await.0,
        200
    );
    assert_eq!(
        c.call_json("petitions/withdraw_support", &[("code", &code)])
            .await
            .0,
        200
    );
    assert_eq!(
        c.call_json("petitions/support", &[("code", &code)]).await.0,
        429
    );
    // following and reporting are other buckets
    assert_eq!(
        c.call_json("petitions/follow", &[("code", &code)]).await.0,
        200
    );
    let (s, body) = c
        .call_json(
            "moderation/report",
            &[
                ("code", &code),
                ("report_reason", "spam"),
                ("report_comment", ""),
            ],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    // Open311 filing counts against the account's submit quota
    let key = crate::open311::issue_key(&author).await;
    let res = reqwest::Client::new()
        .post(format!("{}/open311/v2/requests.json", app.base))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "roads"),
            ("address_id", "461001"),
            (
                "description",
                "Mặt đường trước chợ có nhiều ổ gà, rất nguy hiểm khi trời tối.",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429, "{}", res.text().await.unwrap());
}

#[tokio::test]
async fn metrics_are_for_configured_readers_and_keep_their_labels_bounded() {
    let app = TestApp::spawn_with(&[
        ("METRICS_ALLOW", "10.0.0.0/8"),
        ("METRICS_TOKEN", "s3cret-metrics-token"),
    ])
    .await;
    let c = app.client();
    assert_eq!(
        c.get("/metrics").await.status(),
        404,
        "loopback is not allowed here"
    );
    let wrong = c
        .http
        .get(format!("{}/metrics", app.base))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
    let odd = reqwest::Method::from_bytes(&b"X".repeat(2000)).unwrap();
    let _ = c
        .http
        .request(odd, format!("{}/healthz", app.base))
        .send()
        .await;
    let metrics = c
        .http
        .get(format!("{}/metrics", app.base))
        .bearer_auth("s3cret-metrics-token")
        .send()
        .await
        .unwrap();
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.unwrap();
    assert!(text.contains("http_requests_total"), "{text}");
    assert!(text.contains("method=\"other\""), "{text}");
    assert!(
        !text.contains("XXXXXXXX"),
        "the invented method is not a label"
    );
}

#[tokio::test]
async fn an_endless_search_is_a_field_error_not_a_crash() {
    let app = TestApp::spawn().await;
    let word = "a".repeat(50_000);
    let c = app.client();
    let (s, body) = c.call_json("petitions/list", &[("filter[q]", &word)]).await;
    crate::common::assert_invalid(s, &body, "q", "petitions.search_too_long");
    let api = c
        .get(&format!("/api/v1/petitions?q={}", "a".repeat(5_000)))
        .await;
    assert_eq!(api.status(), 422);
    let page = c.get(&format!("/petitions?q={}", "a".repeat(5_000))).await;
    assert!(page.status().is_success(), "{}", page.status());
    let html = page.text().await.unwrap();
    assert!(html.contains("tối đa 200 ký tự"), "the page says the limit");
}

#[tokio::test]
async fn one_address_holds_a_bounded_number_of_streams() {
    let app = TestApp::spawn_with(&[("LIVE_STREAMS_PER_ADDRESS", "2")]).await;
    let c = app.client();
    let first = c.get("/live/petitions").await;
    let second = c.get("/live/petitions").await;
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (200, 200)
    );
    assert_eq!(c.get("/live/petitions").await.status(), 429);
    drop(first);
    // the freed place is given again once the server sees the stream end
    let mut admitted = false;
    for _ in 0..50 {
        let again = c.get("/live/petitions").await;
        if again.status() == 200 {
            admitted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(admitted);
    drop(second);
}

#[tokio::test]
async fn a_half_sent_request_head_is_cut_off() {
    let app = TestApp::spawn().await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let mut buf = [0u8; 256];
    // the server closes it (after its 10 s header deadline), well before 60 s
    let read = tokio::time::timeout(Duration::from_secs(60), tcp.read(&mut buf))
        .await
        .expect("the server closed the connection");
    assert!(matches!(read, Ok(0) | Err(_)) || buf.starts_with(b"HTTP/1.1 408"));
}

#[tokio::test]
async fn personal_answers_are_never_cached() {
    let app = TestApp::spawn().await;
    let c = app.citizen("cache@example.vn", "Người Dùng").await;
    let private = submit(&c, "Việc riêng không muốn công khai", "private").await;
    for path in [
        "/account".to_string(),
        "/inbox".into(),
        format!("/petitions/{private}"),
    ] {
        let res = c.get(&path).await;
        assert_eq!(
            res.headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("private, no-store"),
            "{path}"
        );
    }
    let (_, me) = c.call_json("accounts/me", &[]).await;
    assert_ne!(me, Value::Null);
    let res = c.call("accounts/me", &[]).await;
    assert_eq!(res.headers()["cache-control"], "private, no-store");
}
