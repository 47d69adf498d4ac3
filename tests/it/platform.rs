//! The platform around the domains: origin checks, bad bodies, headers,
//! language, health, metrics, 404, graceful shutdown.

use crate::common::TestApp;

/// Every server function the app exposes.
const ENDPOINTS: [&str; 41] = [
    "accounts/me",
    "accounts/localities",
    "accounts/register",
    "accounts/sign_in",
    "accounts/sign_out",
    "accounts/sessions",
    "accounts/revoke_session",
    "accounts/update_profile",
    "accounts/change_password",
    "accounts/forgot_password",
    "accounts/reset_password",
    "accounts/delete",
    "accounts/verify_email",
    "accounts/resend_verification",
    "admin/outbox",
    "set_locale",
    "petitions/categories",
    "petitions/submit",
    "petitions/submit_with_photos",
    "petitions/get",
    "petitions/list",
    "petitions/mine",
    "petitions/support",
    "petitions/withdraw_support",
    "petitions/queue",
    "petitions/change_status",
    "petitions/reopen",
    "petitions/rate",
    "petitions/statistics",
    "petitions/follow",
    "petitions/unfollow",
    "inbox/list",
    "inbox/unread",
    "inbox/read",
    "open311/keys",
    "open311/issue_key",
    "open311/new_key",
    "open311/revoke_key",
    "petitions/reassign",
    "accounts/agencies",
    "petitions/queue_filtered",
];

#[tokio::test]
async fn cross_origin_posts_are_refused() {
    let app = TestApp::spawn().await;
    let plain = reqwest::Client::new();
    let url = format!("{}/api/accounts/register", app.base);
    let form = [
        ("email", "x@example.vn"),
        ("password", crate::common::PASSWORD),
        ("display_name", "Xa Lạ"),
        ("locality", ""),
    ];
    let res = plain.post(&url).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 403, "no Origin, no Referer");
    let res = plain
        .post(&url)
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = plain
        .post(&url)
        .header("referer", format!("{}/register", app.base))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a same-site Referer is enough");
}

#[tokio::test]
async fn malformed_oversized_and_wrong_typed_bodies_never_answer_500() {
    let app = TestApp::spawn().await;
    let signed_in = app.client();
    assert_eq!(
        signed_in
            .register("m@example.vn", "Hỏng Hóc")
            .await
            .status(),
        200
    );
    let anon = app.client();
    let big = "x".repeat(200 * 1024);
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("application/x-www-form-urlencoded", b"".to_vec()),
        (
            "application/x-www-form-urlencoded",
            b"%%%garbage=&&=".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"id=abc&email[]=1".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            format!("email={big}").into_bytes(),
        ),
        ("application/json", b"{not json".to_vec()),
        ("application/json", b"[1,2,3]".to_vec()),
        (
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, 0x00, 0x41],
        ),
    ];
    for endpoint in ENDPOINTS {
        for client in [&anon, &signed_in] {
            for (ctype, body) in &bodies {
                let sent = client
                    .http
                    .post(format!("{}/api/{endpoint}", app.base))
                    .header("content-type", *ctype)
                    .body(body.clone())
                    .send()
                    .await;
                let res = match sent {
                    Ok(res) => res,
                    // The server may answer 413 and close before a large
                    // body is fully sent; it must still be up (checked below).
                    Err(e) if body.len() > 64 * 1024 => {
                        assert!(e.is_request(), "{e}");
                        continue;
                    }
                    Err(e) => panic!("{endpoint}: {e}"),
                };
                let status = res.status().as_u16();
                assert!(
                    (200..500).contains(&status),
                    "{endpoint} with {ctype} body of {} bytes answered {status}",
                    body.len()
                );
            }
        }
    }
    // an oversized body is refused with 413 when the client waits for the answer
    let res = anon
        .http
        .post(format!("{}/api/accounts/sign_in", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", "300000")
        .body("email=x")
        .send()
        .await;
    if let Ok(res) = res {
        assert_eq!(res.status(), 413);
    }
    let res = anon.get("/api/does/not/exist").await;
    assert!(res.status().is_client_error());
    assert_eq!(anon.get("/healthz").await.status(), 200, "still alive");
}

#[tokio::test]
async fn pages_have_security_headers_and_a_csp_nonce() {
    let app = TestApp::spawn().await;
    // Rendered for its reader: a signed-in page (a visitor's may be a kept
    // page, whose scripts are allowed by hash: tests/it/page_cache.rs).
    let reader = app.citizen("csp@example.vn", "Người Đọc").await;
    let res = reader.get("/").await;
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h["referrer-policy"]
        .to_str()
        .unwrap()
        .contains("strict-origin"));
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the CSP nonce"
    );
    // every inline script carries it
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        if !tag.contains("src=") {
            assert!(tag.contains(&nonce), "inline script without nonce: {tag}");
        }
    }
}

#[tokio::test]
async fn the_islands_router_is_served_at_a_url_named_by_its_content() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let html = c.get("/petitions").await.text().await.unwrap();
    let src = html
        .split("<script")
        .filter_map(|tag| tag.split("src=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .find(|src| src.starts_with("/router."))
        .expect("every page loads the islands router")
        .to_string();
    assert!(
        src.len() == "/router.".len() + 16 + ".js".len() && src.ends_with(".js"),
        "{src}"
    );
    let res = c.get(&src).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(res.text().await.unwrap().contains("window.grassroots"));
    // another version is not there
    assert_eq!(c.get("/router.0000000000000000.js").await.status(), 404);
}

#[tokio::test]
async fn language_from_cookie_then_accept_language_then_vietnamese() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let get = |headers: Vec<(&'static str, &'static str)>| {
        let mut req = http.get(format!("{}/signin", app.base));
        for (k, v) in headers {
            req = req.header(k, v);
        }
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let vi = get(vec![]).await;
    assert!(vi.contains("<html lang=\"vi\""), "default is Vietnamese");
    assert!(vi.contains("Đăng nhập"));
    let ko = get(vec![("accept-language", "ko-KR,ko;q=0.9,en;q=0.5")]).await;
    assert!(ko.contains("lang=\"ko\"") && ko.contains("로그인"));
    let en = get(vec![("accept-language", "ko"), ("cookie", "lang=en")]).await;
    assert!(
        en.contains("lang=\"en\"") && en.contains("Sign in"),
        "the cookie wins"
    );

    // the switcher sets the cookie
    let c = app.client();
    let res = c.call("set_locale", &[("locale", "ko")]).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=ko"), "{cookie}");
    let page = c.get("/").await.text().await.unwrap();
    assert!(page.contains("lang=\"ko\""));
    let (status, _) = c.call_json("set_locale", &[("locale", "xx")]).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn validation_messages_render_in_the_users_language_without_javascript() {
    let app = TestApp::spawn().await;
    let c = app.client();
    // A plain form post (Accept: text/html) is redirected back with the error.
    let res = c
        .http
        .post(format!("{}/api/accounts/register", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/register", app.base))
        .header("cookie", "lang=en")
        .form(&[
            ("email", "nope"),
            ("password", crate::common::PASSWORD),
            ("display_name", "An"),
            ("locality", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("__err="), "{location}");
    let page = c
        .http
        .get(&location)
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("This e-mail address is not valid."),
        "the message is next to the field"
    );
    assert!(page.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn health_readiness_metrics_and_404() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(c.get("/healthz").await.text().await.unwrap(), "ok");
    assert_eq!(c.get("/readyz").await.status(), 200);
    c.get("/").await;
    let metrics = c.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(metrics.contains("http_request_duration_seconds"));
    assert!(metrics.contains("db_pool_connections"));
    let res = c.get("/no/such/page").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Không tìm thấy"));
}

#[tokio::test]
async fn pages_are_compressed() {
    let app = TestApp::spawn().await;
    let res = app
        .client()
        .http
        .get(format!("{}/signin", app.base))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn sigterm_finishes_gracefully() {
    let app = TestApp::spawn().await;
    let status = std::process::Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(app.wait().await, "exits with status 0 after SIGTERM");
}
