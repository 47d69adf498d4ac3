//! Open311 GeoReport v2 over real HTTP: discovery, services, requests and
//! their filters, filing with an API key, tokens, and the standard error
//! format for every bad input.

use crate::common::{Client, TestApp};
use crate::petitions::submit;
use serde_json::Value;

const DESCRIPTION: &str =
    "Cống thoát nước trước chợ bị tắc, nước tràn ra đường mỗi khi trời mưa to.";

/// GETs an Open311 path with a plain client (no Origin, no cookies).
async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let res = reqwest::get(format!("{}/open311/v2/{path}", app.base))
        .await
        .expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}"));
    (status, body)
}

/// POSTs a form to `requests.json` as a non-browser client (no Origin).
async fn file(app: &TestApp, form: &[(&str, &str)]) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}/open311/v2/requests.json", app.base))
        .form(form)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Asserts the spec's error format with a matching status.
fn assert_error(status: u16, body: &Value, expected: u16) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body[0]["code"], expected, "{body}");
    assert!(
        body[0]["description"]
            .as_str()
            .is_some_and(|d| !d.is_empty()),
        "{body}"
    );
}

/// Issues an API key for a signed-in client and reads it from the page's one showing.
pub(crate) async fn issue_key(c: &Client) -> String {
    let res = c
        .call("open311/issue_key", &[("label", "Ứng dụng thử")])
        .await;
    assert_eq!(res.status(), 200);
    let (status, key) = c.call_json("open311/new_key", &[]).await;
    assert_eq!(status, 200);
    let key = key.as_str().expect("the new key is shown").to_string();
    let (_, again) = c.call_json("open311/new_key", &[]).await;
    assert_eq!(again, Value::Null, "shown only once");
    key
}

#[tokio::test]
async fn discovery_services_and_service_definitions() {
    let app = TestApp::spawn().await;
    let (status, d) = get(&app, "discovery.json").await;
    assert_eq!(status, 200);
    let endpoint = &d["endpoints"][0];
    assert_eq!(
        endpoint["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert_eq!(endpoint["url"], format!("{}/open311/v2", app.base));
    assert_eq!(endpoint["type"], "production");
    assert_eq!(endpoint["formats"][0], "application/json");
    assert!(d["changeset"].as_str().unwrap().ends_with("+07:00"));
    assert!(d["key_service"].as_str().unwrap().contains("/account"));

    let (status, services) = get(&app, "services.json").await;
    assert_eq!(status, 200);
    let services = services.as_array().unwrap();
    assert_eq!(services.len(), 9);
    let roads = services
        .iter()
        .find(|s| s["service_code"] == "roads")
        .unwrap();
    assert_eq!(roads["service_name"], "Giao thông, đường sá");
    assert_eq!(roads["metadata"], false);
    assert_eq!(roads["type"], "realtime");
    assert!(roads["keywords"]
        .as_str()
        .unwrap()
        .contains("Roads and transport"));
    assert!(roads["group"].is_string() && roads["description"].is_string());
    let (_, english) = get(&app, "services.json?locale=en").await;
    assert_eq!(english[0]["service_name"], "Roads and transport");

    let (status, def) = get(&app, "services/roads.json").await;
    assert_eq!(status, 200);
    assert_eq!(def["service_code"], "roads");
    assert_eq!(def["attributes"], serde_json::json!([]));
    let (status, body) = get(&app, "services/potholes.json").await;
    assert_error(status, &body, 404);
}

/// GETs an Open311 path and returns its status, content type and text.
async fn get_text(app: &TestApp, path: &str) -> (u16, String, String) {
    let res = reqwest::get(format!("{}/open311/v2/{path}", app.base))
        .await
        .expect("request");
    let status = res.status().as_u16();
    let kind = res.headers()["content-type"].to_str().unwrap().to_string();
    (status, kind, res.text().await.unwrap())
}

#[tokio::test]
async fn every_resource_answers_xml_too() {
    let app = TestApp::spawn().await;
    let author = app.citizen("xml@example.vn", "Người Gửi").await;
    let code = submit(&author, "Cống thoát nước bị tắc trước chợ", "public").await;
    let key = issue_key(&author).await;
    let cases = [
        ("discovery.xml", "<discovery><changeset>"),
        (
            "services.xml",
            "<services><service><service_code>roads</service_code>",
        ),
        (
            "services/roads.xml",
            "<service_definition><service_code>roads</service_code>",
        ),
        (
            "requests.xml",
            "<service_requests><request><service_request_id>",
        ),
        (&format!("requests/{code}.xml"), "<service_request_id>QT-"),
        (&format!("tokens/{code}.xml"), "<token>QT-"),
    ];
    for (path, expected) in cases {
        let (status, kind, xml) = get_text(&app, path).await;
        assert_eq!(status, 200, "{path}: {xml}");
        assert!(kind.starts_with("text/xml"), "{path}: {kind}");
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
            "{path}: {xml}"
        );
        assert!(xml.contains(expected), "{path}: {xml}");
    }
    let (_, _, one) = get_text(&app, &format!("requests/{code}.xml")).await;
    assert!(
        one.contains(&format!("<service_request_id>{code}</service_request_id>")),
        "{one}"
    );
    assert!(one.contains("Cống thoát nước bị tắc trước chợ"), "{one}");
    // errors come in XML when XML was asked for
    let (status, kind, xml) = get_text(&app, "services/potholes.xml").await;
    assert_eq!(status, 404);
    assert!(kind.starts_with("text/xml"));
    assert!(
        xml.contains("<errors><error><code>404</code><description>"),
        "{xml}"
    );
    let (status, _, xml) = get_text(&app, "requests.xml?start_date=yesterday").await;
    assert_eq!(status, 400, "{xml}");
    assert!(xml.contains("<code>400</code>"), "{xml}");
    // filing in XML
    let res = reqwest::Client::new()
        .post(format!("{}/open311/v2/requests.xml", app.base))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "roads"),
            ("address_id", "461001"),
            ("description", DESCRIPTION),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let xml = res.text().await.unwrap();
    assert!(
        xml.contains("<service_requests><request><service_request_id>QT-"),
        "{xml}"
    );
    let res = reqwest::Client::new()
        .post(format!("{}/open311/v2/requests.xml", app.base))
        .form(&[("api_key", "gr_wrong"), ("service_code", "roads")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("<errors><error><code>403</code>"));
    // anything but .json and .xml is no resource
    let (status, body) = get(&app, "services.csv").await;
    assert_error(status, &body, 404);
}

#[tokio::test]
async fn filing_needs_an_active_key_and_creates_a_trackable_petition() {
    let app = TestApp::spawn().await;
    let base = [
        ("service_code", "roads"),
        ("description", DESCRIPTION),
        ("address_id", "461001"),
        ("first_name", "Không"),
        ("email", "khong-dung@example.vn"),
    ];
    let (status, body) = file(&app, &base).await;
    assert_error(status, &body, 403);
    let mut with_unknown = base.to_vec();
    with_unknown.push(("api_key", "gr_not-a-key"));
    let (status, body) = file(&app, &with_unknown).await;
    assert_error(status, &body, 403);

    let citizen = app.citizen("app@example.vn", "Nhà Phát Triển").await;
    let key = issue_key(&citizen).await;
    let (_, keys) = citizen.call_json("open311/keys", &[]).await;
    assert_eq!(keys[0]["label"], "Ứng dụng thử");
    assert_eq!(keys[0]["last_used_at"], Value::Null);
    let form: Vec<(&str, &str)> = base
        .iter()
        .copied()
        .chain([("api_key", key.as_str())])
        .collect();
    let (status, receipt) = file(&app, &form).await;
    assert_eq!(status, 201, "{receipt}");
    let code = receipt[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(code.starts_with("QT-"), "{receipt}");
    assert_eq!(receipt[0]["account_id"], Value::Null);
    assert!(receipt[0]["service_notice"]
        .as_str()
        .unwrap()
        .contains(&format!("/track/{code}")));

    // Filed through the web path: its page, the account's list, the requests.
    let html = app
        .client()
        .get(&format!("/track/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&code) && html.contains("Cống thoát nước"));
    let (_, mine) = citizen.call_json("petitions/mine", &[]).await;
    assert_eq!(mine[0]["code"], code.as_str());
    assert_eq!(mine[0]["kind"], "feedback");
    let (status, list) = get(&app, "requests.json").await;
    assert_eq!(status, 200);
    let r = &list[0];
    assert_eq!(r["service_request_id"], code.as_str());
    assert_eq!(
        (r["status"].as_str(), r["status_notes"].as_str()),
        (Some("open"), Some("submitted"))
    );
    assert_eq!(r["service_code"], "roads");
    assert_eq!(r["service_name"], "Giao thông, đường sá");
    assert_eq!(r["description"], DESCRIPTION);
    assert_eq!(r["address"], "Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị");
    assert_eq!(r["address_id"], "461001");
    assert_eq!(
        (r["lat"].clone(), r["long"].clone()),
        (Value::Null, Value::Null)
    );
    for field in ["requested_datetime", "updated_datetime"] {
        let t = r[field].as_str().unwrap();
        assert!(t.ends_with("+07:00") && t.len() == 25, "{field}: {t}");
    }
    let (status, one) = get(
        &app,
        &format!("requests/{}.json", code.to_lowercase().replace('-', "")),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(one[0]["service_request_id"], code.as_str());
    let (status, token) = get(&app, &format!("tokens/{code}.json")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            token[0]["service_request_id"].as_str(),
            token[0]["token"].as_str()
        ),
        (Some(code.as_str()), Some(code.as_str()))
    );
    let (_, keys) = citizen.call_json("open311/keys", &[]).await;
    assert!(keys[0]["last_used_at"].is_i64(), "{keys}");

    // An address named with its district, without diacritics, and a title.
    let by_name: Vec<(&str, &str)> = vec![
        ("api_key", &key),
        ("service_code", "environment"),
        ("description", DESCRIPTION),
        ("address_string", "phuong 2, thanh pho dong ha"),
        ("attribute[title]", "Cống trước chợ bị tắc"),
    ];
    let (status, receipt) = file(&app, &by_name).await;
    assert_eq!(status, 201, "{receipt}");
    let (_, r) = get(
        &app,
        &format!(
            "requests/{}.json",
            receipt[0]["service_request_id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(r[0]["address_id"], "461002");
    assert!(r[0]["description"]
        .as_str()
        .unwrap()
        .starts_with("Cống trước chợ bị tắc\n\n"));

    // Bad filings change nothing and say what is wrong.
    let bad = |field: &'static str, value: &'static str| {
        let mut form: Vec<(&str, &str)> =
            form.iter().filter(|(k, _)| *k != field).copied().collect();
        form.push((field, value));
        form
    };
    for (field, value, mentions) in [
        ("service_code", "potholes", "service_code"),
        ("description", "quá ngắn", "description"),
        ("address_id", "999", "address_id"),
        ("address_id", "", "address_id"),
    ] {
        let mut form = bad(field, value);
        if field == "address_id" {
            form.push(("address_string", "Phường 1")); // in two districts: ambiguous
        }
        let (status, body) = file(&app, &form).await;
        assert_error(status, &body, 400);
        assert!(
            body[0]["description"].as_str().unwrap().contains(mentions),
            "{body}"
        );
    }
    let (_, list) = get(&app, "requests.json").await;
    assert_eq!(list.as_array().unwrap().len(), 2);

    // A revoked key files nothing.
    let id = keys[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        citizen
            .call("open311/revoke_key", &[("id", &id)])
            .await
            .status(),
        200
    );
    let (status, body) = file(&app, &form).await;
    assert_error(status, &body, 403);
    let (_, keys) = citizen.call_json("open311/keys", &[]).await;
    assert_eq!(keys, serde_json::json!([]));
    let (status, _) = citizen
        .call_json("open311/revoke_key", &[("id", &id)])
        .await;
    assert_eq!(status, 404, "already revoked");
    let other = app.client();
    let (status, _) = other
        .call_json("open311/issue_key", &[("label", "x")])
        .await;
    assert_eq!(status, 401, "signed-out callers get no key");
}

#[tokio::test]
async fn filing_is_rate_limited_per_key() {
    let app = TestApp::spawn_with(&[("RATE_OPEN311_PER_MINUTE", "2")]).await;
    let citizen = app.citizen("rl@example.vn", "Giới Hạn").await;
    let key = issue_key(&citizen).await;
    let form = [
        ("api_key", key.as_str()),
        ("service_code", "roads"),
        ("description", DESCRIPTION),
        ("address_id", "461001"),
    ];
    assert_eq!(file(&app, &form).await.0, 201);
    assert_eq!(file(&app, &form).await.0, 201);
    let (status, body) = file(&app, &form).await;
    assert_error(status, &body, 429);
}

#[tokio::test]
async fn requests_filter_by_id_service_status_and_date_and_hide_private_ones() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("loc@example.vn", "Bộ Lọc").await;
    let open = submit(&citizen, "Đường Lê Duẩn xuống cấp", "public").await;
    let rejected = submit(&citizen, "Một kiến nghị trùng lặp", "public").await;
    let private = submit(&citizen, "Chuyện riêng tư của tôi", "private").await;
    let officer = app
        .user("o311@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let (status, _) = officer
        .call_json(
            "petitions/change_status",
            &[
                ("code", &rejected),
                ("status", "rejected"),
                ("note", "Trùng với kiến nghị khác."),
            ],
        )
        .await;
    assert_eq!(status, 200);

    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|r| r["service_request_id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = get(&app, "requests.json").await;
    assert_eq!(
        ids(&all),
        [rejected.clone(), open.clone()],
        "newest first, never the private one"
    );
    assert_eq!(all[0]["status"], "closed");
    assert_eq!(all[0]["status_notes"], "rejected");
    let (_, closed) = get(&app, "requests.json?status=closed").await;
    assert_eq!(ids(&closed), [rejected.as_str()]);
    let (_, opened) = get(&app, "requests.json?status=open").await;
    assert_eq!(ids(&opened), [open.as_str()]);
    let (_, both) = get(
        &app,
        "requests.json?status=open,closed&service_code=roads,other",
    )
    .await;
    assert_eq!(ids(&both).len(), 2);
    let (_, none) = get(&app, "requests.json?service_code=environment").await;
    assert_eq!(ids(&none).len(), 0);
    let (_, by_id) = get(
        &app,
        &format!("requests.json?service_request_id={open},{private}"),
    )
    .await;
    assert_eq!(ids(&by_id), [open.as_str()]);
    let (status, body) = get(&app, &format!("requests/{private}.json")).await;
    assert_error(status, &body, 404);
    let (status, body) = get(&app, &format!("tokens/{private}.json")).await;
    assert_error(status, &body, 404);
    let (_, page) = get(&app, "requests.json?page_size=1&page=2").await;
    assert_eq!(ids(&page), [open.as_str()]);

    // Dates: offsets are honoured; the window is at most 90 days.
    let (_, future) = get(&app, "requests.json?start_date=2099-01-01T00:00:00%2B07:00").await;
    assert_eq!(ids(&future).len(), 0);
    let (_, past) = get(&app, "requests.json?end_date=2020-01-01T00:00:00Z").await;
    assert_eq!(ids(&past).len(), 0);
    let today = &all[1]["requested_datetime"].as_str().unwrap()[..10];
    let (_, from_today) = get(
        &app,
        &format!("requests.json?start_date={today}T00:00:00%2B07:00"),
    )
    .await;
    assert_eq!(ids(&from_today).len(), 2);
    let (status, body) = get(
        &app,
        "requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z",
    )
    .await;
    assert_error(status, &body, 400);
}

#[tokio::test]
async fn bad_inputs_get_standard_errors_never_500() {
    let app = TestApp::spawn().await;
    for (path, expected) in [
        ("requests.json?start_date=yesterday", 400),
        ("requests.json?end_date=2026-13-45T99:00:00Z", 400),
        ("requests.json?status=pending", 400),
        ("requests.json?page=-1x", 400),
        ("requests.json?page_size=%FF", 400),
        ("requests.json?status=open&status=closed", 400),
        ("requests/hello.json", 404),
        ("requests/QT-26-AAAAA-A.json", 404),
        ("requests/%00%FF.json", 404),
        ("tokens/nope.json", 404),
        ("services/%E2%80%AE.json", 404),
        ("nothing.json", 404),
        ("requests", 404),
        ("a/b/c/d.json", 404),
        ("widgets/x.json", 404),
    ] {
        let (status, body) = get(&app, path).await;
        assert_error(status, &body, expected);
    }
    let http = reqwest::Client::new();
    for (ctype, body) in [
        ("application/json", "{\"api_key\":\"x\"}"),
        ("application/x-www-form-urlencoded", "%%%=&&"),
        ("application/x-www-form-urlencoded", "api_key=a&api_key=b"),
        ("text/plain", "hello"),
    ] {
        let res = http
            .post(format!("{}/open311/v2/requests.json", app.base))
            .header("content-type", ctype)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap();
        assert!(status == 400 || status == 403, "{ctype} {body}");
        assert_error(status, &body, status);
    }
    let res = http
        .post(format!("{}/open311/v2/requests.json", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", "300000")
        .body("api_key=x")
        .send()
        .await;
    if let Ok(res) = res {
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap();
        assert_error(status, &body, 413);
    }
    for path in ["services.json", "discovery.json", "requests/x.json"] {
        let res = http
            .post(format!("{}/open311/v2/{path}", app.base))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap();
        assert_error(status, &body, 405);
    }
    assert_eq!(app.client().get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn without_javascript_the_account_page_shows_a_new_key_once() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("nojs@example.vn", "Không JS").await;
    // A plain form post, as a browser without JavaScript sends it.
    let res = citizen
        .http
        .post(format!("{}/api/open311/issue_key", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/account", app.base))
        .form(&[("label", "Bản đồ phản ánh")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let page = citizen.get("/account").await.text().await.unwrap();
    assert!(page.contains("Khóa API cho Open311") && page.contains("Bản đồ phản ánh"));
    // When the key is missing, say what the section showed instead (an
    // error notice, the form refilled), so a rare failure explains itself.
    let key_at = page.find("gr_").unwrap_or_else(|| {
        let at = page.find("apikeys-h").unwrap_or(0);
        let section: String = page[at..].chars().take(1500).collect();
        panic!("the new key is on the page; the section shows: {section}")
    });
    let key: String = page[key_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let again = citizen.get("/account").await.text().await.unwrap();
    assert!(!again.contains(&key), "shown only once");
    let (status, _) = file(
        &app,
        &[
            ("api_key", &key),
            ("service_code", "other"),
            ("description", DESCRIPTION),
            ("address_id", "465001"),
        ],
    )
    .await;
    assert_eq!(status, 201, "the key shown works");
}

/// Signs in with a cookie-less client; returns the `Cookie` header value of
/// the new session, so a test can send cookies a browser failed to clear.
async fn session_cookie(app: &TestApp, email: &str) -> String {
    let res = reqwest::Client::new()
        .post(format!("{}/api/accounts/sign_in", app.base))
        .header("origin", &app.base)
        .form(&[("email", email), ("password", crate::common::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// POSTs a server function with exactly the cookies given; returns the
/// answer's JSON and the cookies it sets.
async fn call_with(
    app: &TestApp,
    endpoint: &str,
    cookies: &str,
    form: &[(&str, &str)],
) -> (Value, String) {
    let res = reqwest::Client::new()
        .post(format!("{}/api/{endpoint}", app.base))
        .header("origin", &app.base)
        .header("cookie", cookies)
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let set = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let text = res.text().await.unwrap();
    (serde_json::from_str(&text).unwrap_or(Value::Null), set)
}

#[tokio::test]
async fn a_new_key_is_shown_once_and_only_to_its_owner_even_if_the_cookie_stays() {
    let app = TestApp::spawn().await;
    app.citizen("keeper@example.vn", "Chủ Khóa").await;
    app.citizen("other@example.vn", "Người Khác").await;
    let owner = session_cookie(&app, "keeper@example.vn").await;
    let other = session_cookie(&app, "other@example.vn").await;
    let (_, set) = call_with(&app, "open311/issue_key", &owner, &[("label", "Ứng dụng")]).await;
    let fresh = set
        .split("; ")
        .find(|c| c.starts_with("open311_new_key=gr_"))
        .expect("the key travels in its cookie")
        .to_string();
    let (seen, _) = call_with(&app, "open311/new_key", &format!("{other}; {fresh}"), &[]).await;
    assert_eq!(seen, Value::Null, "never shown to another account");
    let (seen, _) = call_with(&app, "open311/new_key", &format!("{owner}; {fresh}"), &[]).await;
    assert_eq!(
        seen.as_str(),
        fresh.strip_prefix("open311_new_key="),
        "shown to its owner"
    );
    // A browser that did not apply the clearing cookie sends it again.
    let (seen, _) = call_with(&app, "open311/new_key", &format!("{owner}; {fresh}"), &[]).await;
    assert_eq!(seen, Value::Null, "shown once");
}
