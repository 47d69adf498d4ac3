//! The surface fuzzed: thousands of generated bad requests to every server
//! function and every API route, anonymous and signed in — wrong types,
//! missing and doubled fields, huge and deeply nested bodies, invalid UTF-8,
//! SQL and HTML injection, wrong methods, bogus cookies, absurd pagination,
//! `Last-Event-ID` tricks. No answer is a 5xx, nothing panics, and a batch
//! answered only with refusals leaves the database as it was.

use crate::common::{pool, server_functions, Client, TestApp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::Method;
use std::time::Duration;

/// Values no field should take, and some it may but that try its edges.
const NASTY: &[&str] = &[
    "",
    " ",
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    "1; DELETE FROM petitions",
    "\" OR \"\"=\"",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "%00",
    "\u{0}",
    "\u{202e}gnp.exe",
    "\r\nSet-Cookie: session=evil",
    "-1",
    "0",
    "-9223372036854775808",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "[]",
    "{}",
    "{\"$gt\":\"\"}",
    "null",
    "true",
    "QT-26-AAAAA-A",
    "HS-00000000",
    "👍🏽👍🏽👍🏽",
    "Ａ\u{301}\u{301}\u{301}\u{301}",
];

fn nasty(rng: &mut StdRng) -> String {
    match rng.random_range(0..10) {
        0 => "x".repeat(rng.random_range(1_000..200_000)),
        1 => (0..rng.random_range(1..64))
            .map(|_| char::from_u32(rng.random_range(0..0x11_0000)).unwrap_or('\u{fffd}'))
            .collect(),
        _ => NASTY[rng.random_range(0..NASTY.len())].to_string(),
    }
}

/// A form body of `fields` with nasty values, some left out or sent twice.
fn form_body(rng: &mut StdRng, fields: &[String]) -> Vec<u8> {
    let mut pairs = Vec::new();
    for f in fields {
        match rng.random_range(0..6) {
            0 => {}
            1 => {
                pairs.push((f.clone(), nasty(rng)));
                pairs.push((f.clone(), nasty(rng)));
            }
            2 => pairs.push((format!("{f}[]"), nasty(rng))),
            _ => pairs.push((f.clone(), nasty(rng))),
        }
    }
    if rng.random_bool(0.2) {
        pairs.push(("unexpected".into(), nasty(rng)));
    }
    let mut body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish()
        .into_bytes();
    if rng.random_bool(0.15) {
        // bytes that are not UTF-8, raw and percent-encoded
        body.extend_from_slice(b"&code=\xff\xfe%FF%C0%AF");
    }
    body
}

/// A form body with a NUL inside every field.
fn nul_body(fields: &[String]) -> Vec<u8> {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter().map(|f| (f.as_str(), "1\u{0}a")))
        .finish()
        .into_bytes()
}

/// A body that is not what the endpoint reads: nested, huge, or nonsense.
fn odd_body(rng: &mut StdRng) -> (Vec<u8>, &'static str) {
    match rng.random_range(0..5) {
        0 => {
            let depth = rng.random_range(1_000..100_000);
            let mut b = "[".repeat(depth);
            b.push_str(&"]".repeat(depth));
            (b.into_bytes(), "application/json")
        }
        1 => (
            vec![b'a'; rng.random_range(1..4) << 20],
            "application/x-www-form-urlencoded",
        ),
        2 => (
            b"{\"code\": {\"code\": [1, 2, {\"a\": null}]}}".to_vec(),
            "application/json",
        ),
        3 => (
            b"--x\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nQT\r\n".to_vec(),
            "multipart/form-data",
        ),
        _ => (
            (0..rng.random_range(1..4096))
                .map(|_| rng.random())
                .collect(),
            "application/cbor",
        ),
    }
}

/// Row counts of every table, and sums over the columns people edit: what
/// an invalid request must leave as it was.
async fn fingerprint(app: &TestApp) -> Vec<(String, i64)> {
    let db = pool(&app.database_url).await;
    let tables: Vec<String> = if crate::common::backend() == "postgres" {
        sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
            .fetch_all(&db)
            .await
            .unwrap()
    } else {
        sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(&db)
        .await
        .unwrap()
    };
    let mut out = Vec::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(&db)
            .await
            .unwrap();
        out.push((t, n));
    }
    for (name, sql) in [
        (
            "names",
            "SELECT CAST(COALESCE(SUM(LENGTH(display_name)), 0) AS BIGINT) FROM users",
        ),
        (
            "statuses",
            "SELECT CAST(COALESCE(SUM(LENGTH(status)), 0) AS BIGINT) FROM petitions",
        ),
        (
            "supports",
            "SELECT CAST(COALESCE(SUM(support_count), 0) AS BIGINT) FROM petitions",
        ),
    ] {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&db).await.unwrap();
        out.push((name.to_string(), n));
    }
    db.close().await;
    out.sort();
    out
}

/// Sends one request; its status, or `None` when the server cut it off
/// (a body past its limit may be refused before it is read).
async fn send(
    c: &Client,
    method: Method,
    path: &str,
    body: Option<(Vec<u8>, &str)>,
    headers: &[(&str, String)],
) -> Option<u16> {
    let mut req = c
        .http
        .request(method, format!("{}{path}", c.base))
        .timeout(Duration::from_secs(20));
    for (k, v) in headers {
        req = req.header(*k, v.as_str());
    }
    if let Some((bytes, kind)) = body {
        req = req.header("content-type", kind).body(bytes);
    }
    match req.send().await {
        Ok(res) => Some(res.status().as_u16()),
        Err(e) if e.is_timeout() => panic!("{path}: no answer within 20 s"),
        Err(_) => None,
    }
}

/// What a request's answer says about the server: a 5xx is a failure.
fn check(failures: &mut Vec<String>, what: String, status: Option<u16>) {
    if let Some(s) = status.filter(|s| *s >= 500) {
        failures.push(format!("{what}: {s}"));
    }
}

/// The routes outside server functions, with tricks in their paths and queries.
fn route_paths(rng: &mut StdRng) -> Vec<String> {
    let n = || {
        [
            "-1",
            "0",
            "99999999999999999999",
            "abc",
            "1e9",
            "%00",
            "%FF%FE",
            "'%20OR%201=1",
            "%3Cscript%3E",
        ]
    };
    let mut out = Vec::new();
    for v in n() {
        out.extend([
            format!("/api/v1/petitions?page={v}"),
            format!("/api/v1/petitions?page=1&status={v}&category={v}&locality={v}"),
            format!("/api/v1/petitions?q={v}&sort={v}"),
            format!("/api/v1/petitions/{v}"),
            format!("/api/v1/petitions/statistics?from={v}"),
            format!("/open311/v2/requests.json?page={v}&page_size={v}&start_date={v}"),
            format!("/open311/v2/requests/{v}.json"),
            format!("/open311/v2/services/{v}.json"),
            format!("/petitions?page={v}&status={v}&q={v}"),
            format!("/track/{v}"),
            format!("/petitions/{v}"),
            format!("/consultations/{v}"),
            format!("/consultations?agency={v}&locality={v}&state={v}"),
            format!("/counter/cases/{v}"),
            format!("/receipts/{v}"),
            format!("/photos/{v}"),
            format!("/api/v1/invoices/{v}/{v}"),
            format!("/live/{v}"),
            format!("/live/petitions/{v}"),
            format!("/live/{v}/{v}"),
        ]);
    }
    out.extend([
        "/photos/..%2F..%2F..%2Fetc%2Fpasswd".into(),
        "/photos/%2e%2e/%2e%2e/Cargo.toml".into(),
        format!("/petitions?q={}", "%E1%BA%A1".repeat(3000)),
        format!("/{}", "a/".repeat(2000)),
    ]);
    for _ in 0..40 {
        let len = rng.random_range(1..300);
        let junk: String = (0..len)
            .map(|_| {
                let b: u8 = rng.random_range(0x21..0x7f);
                if b == b'#' || b == b'?' {
                    'x'
                } else {
                    b as char
                }
            })
            .collect();
        out.push(format!("/api/v1/petitions?{}", urlencode(&junk)));
        out.push(format!("/open311/v2/requests.json?{}", urlencode(&junk)));
    }
    out
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"=&-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Server functions whose every call changes what the caller has, valid or
/// not: they are fuzzed anonymously only.
const ENDS_THE_SESSION: &[&str] = &["accounts/sign_out", "accounts/delete"];

async fn fuzz_server_functions(
    app: &TestApp,
    who: &str,
    c: &Client,
    rng: &mut StdRng,
    failures: &mut Vec<String>,
) -> usize {
    let mut sent = 0;
    for (endpoint, fields) in server_functions() {
        if who != "anonymous" && ENDS_THE_SESSION.contains(&endpoint.as_str()) {
            continue;
        }
        let before = fingerprint(app).await;
        let mut all_refused = true;
        let path = format!("/api/{endpoint}");
        for round in 0..25 {
            let (method, body) = match round {
                // a NUL in every field (PostgreSQL's text refuses it)
                24 => (
                    Method::POST,
                    Some((nul_body(&fields), "application/x-www-form-urlencoded")),
                ),
                0 => (Method::GET, None),
                1 => (
                    Method::PUT,
                    Some((b"code=x".to_vec(), "application/x-www-form-urlencoded")),
                ),
                2 => (Method::DELETE, None),
                3 => (Method::POST, None),
                4..=7 => (Method::POST, Some(odd_body(rng))),
                _ => (
                    Method::POST,
                    Some((form_body(rng, &fields), "application/x-www-form-urlencoded")),
                ),
            };
            let mut headers = Vec::new();
            if rng.random_bool(0.1) {
                headers.push(("cookie", bogus_cookie(rng)));
            }
            if rng.random_bool(0.1) {
                headers.push(("accept", "text/html".into()));
            }
            let status = send(c, method.clone(), &path, body, &headers).await;
            sent += 1;
            if status.is_some_and(|s| s < 400) {
                all_refused = false;
            }
            check(
                failures,
                format!("{who} {method} {path} round {round}"),
                status,
            );
        }
        if all_refused {
            let after = fingerprint(app).await;
            if after != before {
                let changed: Vec<_> = before
                    .iter()
                    .zip(&after)
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| format!("{}: {} -> {}", a.0, a.1, b.1))
                    .collect();
                failures.push(format!("{who} {path}: refused every time, but {changed:?}"));
            }
        }
    }
    sent
}

fn bogus_cookie(rng: &mut StdRng) -> String {
    let value = match rng.random_range(0..4) {
        0 => "x".repeat(8_000),
        1 => "' OR 1=1 --".into(),
        2 => "%FF%FE%00".into(),
        _ => format!("{:064x}", rng.random::<u128>()),
    };
    format!("session={value}; __Host-session={value}; lang={value}")
}

#[tokio::test]
async fn thousands_of_bad_requests_get_no_5xx_no_panic_and_change_nothing() {
    let app =
        TestApp::spawn_with(&[("DEMO_MODE", "1"), ("PAYMENT_WEBHOOK_SECRET", "whsec-fuzz")]).await;
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    let mut rng = StdRng::seed_from_u64(0x6772_6173_7372_6f6f);
    let mut failures = Vec::new();
    let mut sent = 0;

    let anonymous = app.client();
    let citizen = app.verified_citizen("fuzz@example.vn", "Người Thử").await;
    let admin = crate::payments::sign_in(&app, "admin@demo.grassroots.vn").await;
    for (who, c) in [
        ("anonymous", &anonymous),
        ("citizen", &citizen),
        ("admin", &admin),
    ] {
        sent += fuzz_server_functions(&app, who, c, &mut rng, &mut failures).await;
    }

    // the routes: pages, open data, Open311, live streams, files
    let before = fingerprint(&app).await;
    for path in route_paths(&mut rng) {
        for c in [&anonymous, &citizen] {
            for method in [Method::GET, Method::POST, Method::HEAD] {
                let status = send(c, method.clone(), &path, None, &[]).await;
                sent += 1;
                check(&mut failures, format!("{method} {path}"), status);
            }
        }
    }
    // live streams resumed from event ids that never were
    let (_, list) = anonymous.call_json("petitions/list", &[]).await;
    let code = list["items"][0]["code"]
        .as_str()
        .unwrap_or("QT-26-AAAAA-A")
        .to_string();
    for id in [
        "-1",
        "0",
        "abc",
        "18446744073709551616",
        "9223372036854775807",
        "1e9",
        "1,2,3",
        "\u{7f}",
        &"9".repeat(5_000),
    ] {
        for path in [
            format!("/live/petitions/{code}"),
            "/live/petitions".to_string(),
        ] {
            let status = send(
                &anonymous,
                Method::GET,
                &path,
                None,
                &[("last-event-id", id.to_string())],
            )
            .await;
            sent += 1;
            check(&mut failures, format!("{path} Last-Event-ID {id}"), status);
        }
    }
    // the gateway's webhook with bodies and signatures that are not its own
    for _ in 0..50 {
        let (body, kind) = odd_body(&mut rng);
        let headers = [
            ("grassroots-signature", nasty(&mut rng)),
            (
                "grassroots-signature",
                format!("t={},v1={}", nasty(&mut rng), nasty(&mut rng)),
            ),
        ];
        let headers: Vec<(&str, String)> = headers
            .into_iter()
            .filter(|(_, v)| reqwest::header::HeaderValue::from_str(v).is_ok())
            .collect();
        let status = send(
            &anonymous,
            Method::POST,
            "/api/v1/payments/webhook",
            Some((body, kind)),
            &headers,
        )
        .await;
        sent += 1;
        check(&mut failures, "webhook".into(), status);
    }
    assert_eq!(
        fingerprint(&app).await,
        before,
        "the routes changed the database"
    );

    assert!(sent > 3_000, "{sent} requests");
    assert!(
        failures.is_empty(),
        "{} of {sent} requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // the server still serves, and nothing panicked
    assert_eq!(anonymous.get("/healthz").await.status(), 200);
    assert_eq!(app.panics(), Vec::<String>::new());
}
