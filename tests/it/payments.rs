//! Counter work over HTTP: staff open a case for a walk-in citizen, issue
//! its invoice with a VietQR code, cancel it; the same form sent twice has
//! one effect; nobody but the counter's staff may do any of it.

use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;

/// The webhook secret the test servers share with the tests.
pub(crate) const SECRET: &str = "whsec-integration-tests";
/// The demo accounts' password.
pub(crate) const DEMO_PASSWORD: &str = "demo-password-2026";
/// The demo staff at the city's first counter.
pub(crate) const CITY_STAFF: &str = "staff.dongha@demo.grassroots.vn";
/// The demo staff at the ward's counter (another agency).
pub(crate) const WARD_STAFF: &str = "staff.phuong1@demo.grassroots.vn";

/// A server in demo mode with the demo catalogue, counters and staff.
pub(crate) async fn app() -> TestApp {
    app_with(&[("DEMO_MODE", "1"), ("PAYMENT_WEBHOOK_SECRET", SECRET)]).await
}

/// A server with `env` and the demo data.
pub(crate) async fn app_with(env: &[(&str, &str)]) -> TestApp {
    let app = TestApp::spawn_with(env).await;
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    app
}

/// Pays `reference` by a signed notification of `amount`.
pub(crate) async fn pay(app: &TestApp, reference: &str, amount: i64) {
    let body = serde_json::json!({ "event_id": format!("evt-{reference}"), "reference": reference, "amount": amount })
        .to_string()
        .into_bytes();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/payments/webhook", app.base))
        .header("content-type", "application/json")
        .header(
            "grassroots-signature",
            grassroots::payments::signature::sign(SECRET.as_bytes(), now, &body),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// A case of `procedure` opened by `staff`, its invoice issued and paid;
/// returns (case code, payment reference). There is no receipt before the
/// payment.
pub(crate) async fn paid_case(app: &TestApp, staff: &Client, procedure: &str) -> (String, String) {
    let code = open_case(staff, procedure).await;
    let reference = issue(staff, &code).await;
    assert!(
        case(staff, &code).await["receipt"].is_null(),
        "no receipt before the payment"
    );
    let amount = case(staff, &code).await["invoice"]["amount"]
        .as_i64()
        .unwrap();
    pay(app, &reference, amount).await;
    (code, reference)
}

/// A client signed in as the demo account `email`.
pub(crate) async fn sign_in(app: &TestApp, email: &str) -> Client {
    let c = app.client();
    let res = c
        .call(
            "accounts/sign_in",
            &[("email", email), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200, "sign in {email}");
    c
}

/// The caller's counter desk.
pub(crate) async fn desk(c: &Client) -> Value {
    let (status, d) = c.call_json("payments/desk", &[]).await;
    assert_eq!(status, 200, "{d}");
    d
}

/// The id of the desk's procedure `code`.
pub(crate) fn procedure(d: &Value, code: &str) -> String {
    d["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no procedure {code} in {d}"))["id"]
        .to_string()
}

/// Opens a case at the desk's counter with a fresh form; returns its code.
pub(crate) async fn open_case(c: &Client, procedure_code: &str) -> String {
    let d = desk(c).await;
    let res = send_case_form(
        c,
        &d,
        procedure_code,
        "Nguyễn Văn An",
        d["form_key"].as_str().unwrap(),
    )
    .await;
    assert_eq!(res.status(), 200);
    case_code(&res)
}

/// Sends the open-case form of desk `d`.
pub(crate) async fn send_case_form(
    c: &Client,
    d: &Value,
    procedure_code: &str,
    name: &str,
    key: &str,
) -> reqwest::Response {
    let counter = d["current"]["id"].to_string();
    let procedure = procedure(d, procedure_code);
    c.call(
        "payments/open_case",
        &[
            ("counter", counter.as_str()),
            ("procedure", procedure.as_str()),
            ("citizen_name", name),
            ("citizen_contact", "0912 345 678"),
            ("form_key", key),
        ],
    )
    .await
}

/// The case code a successful open-case answer redirects to.
pub(crate) fn case_code(res: &reqwest::Response) -> String {
    let location = res.headers()["location"].to_str().unwrap();
    let code = location.trim_start_matches("/counter/cases/").to_string();
    assert!(code.starts_with("HS-"), "{location}");
    code
}

/// Issues the invoice of case `code`; returns its reference.
pub(crate) async fn issue(c: &Client, code: &str) -> String {
    let (status, v) = c
        .call_json("payments/issue_invoice", &[("code", code)])
        .await;
    assert_eq!(status, 200, "{v}");
    v.as_str().unwrap().to_string()
}

/// A case's page data.
pub(crate) async fn case(c: &Client, code: &str) -> Value {
    let (status, v) = c.call_json("payments/case", &[("code", code)]).await;
    assert_eq!(status, 200, "{v}");
    v
}

/// The step kinds of a case's timeline.
pub(crate) fn steps(case: &Value) -> Vec<String> {
    case["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A number from the test server's database.
pub(crate) async fn count(app: &TestApp, sql: &str, key: &str) -> i64 {
    let db = pool(&app.database_url).await;
    let n: i64 = sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    n
}

#[tokio::test]
async fn staff_open_a_case_issue_its_invoice_and_cancel_it() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let d = desk(&staff).await;
    assert_eq!(d["current"]["name"], "Quầy số 1", "{d}");
    assert_eq!(d["current"]["agency"], "UBND thành phố Đông Hà");
    let code = open_case(&staff, "DH-KD01").await;
    let c = case(&staff, &code).await;
    assert_eq!(c["summary"]["status"], "open");
    assert_eq!(c["fee"], 100_000);
    assert_eq!(c["can_issue"], true);
    assert_eq!(steps(&c), ["opened"]);

    let reference = issue(&staff, &code).await;
    assert!(
        reference.starts_with("GR") && reference.len() == 12,
        "{reference}"
    );
    // Issued again (the form sent twice): the same open invoice.
    assert_eq!(issue(&staff, &code).await, reference);
    let c = case(&staff, &code).await;
    assert_eq!(c["summary"]["status"], "awaiting_payment");
    assert_eq!(steps(&c), ["opened", "invoice_issued"]);
    let invoice = &c["invoice"];
    assert_eq!(invoice["status"], "open");
    assert_eq!(invoice["amount"], 100_000);
    let payload = invoice["payload"].as_str().unwrap();
    assert!(payload.starts_with("000201010212"), "{payload}");
    assert!(payload.contains("5406100000"), "{payload}");
    assert!(payload.contains(&format!("0112{reference}")), "{payload}");
    assert!(invoice["qr_svg"].as_str().unwrap().starts_with("<svg"));

    // The counter page shows the large code; the image routes draw it.
    let page = staff.get(&format!("/counter/cases/{code}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(&reference) && html.contains("<svg"), "{html}");
    let svg = app
        .client()
        .get(&format!("/api/v1/invoices/{reference}/qr.svg"))
        .await;
    assert_eq!(svg.status(), 200);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let png = app
        .client()
        .get(&format!("/api/v1/invoices/{reference}/qr.png"))
        .await;
    assert_eq!(png.status(), 200);
    let png = png.bytes().await.unwrap();
    let image = image::load_from_memory(&png).expect("a PNG");
    assert!(image.width() >= 200);
    let other = app
        .client()
        .get("/api/v1/invoices/GR23456789AB/qr.svg")
        .await;
    assert_eq!(other.status(), 404);
    let odd = app
        .client()
        .get(&format!("/api/v1/invoices/{reference}/qr.gif"))
        .await;
    assert_eq!(odd.status(), 404);

    let cancel = [
        ("reference", reference.as_str()),
        ("reason", "Công dân đổi thủ tục"),
    ];
    let (status, v) = staff.call_json("payments/cancel_invoice", &cancel).await;
    assert_eq!(status, 200, "{v}");
    // Cancelled twice: one step.
    let (status, _) = staff.call_json("payments/cancel_invoice", &cancel).await;
    assert_eq!(status, 200);
    let c = case(&staff, &code).await;
    assert_eq!(steps(&c), ["opened", "invoice_issued", "cancelled"]);
    assert_eq!(c["invoice"]["status"], "cancelled");
    assert_eq!(c["summary"]["status"], "open");
    let gone = app
        .client()
        .get(&format!("/api/v1/invoices/{reference}/qr.svg"))
        .await;
    assert_eq!(gone.status(), 410);
    // A new invoice can be issued after a cancellation, with a new reference.
    let again = issue(&staff, &code).await;
    assert_ne!(again, reference);
}

#[tokio::test]
async fn a_form_sent_twice_opens_one_case() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let d = desk(&staff).await;
    let key = d["form_key"].as_str().unwrap().to_string();
    let sends = (0..5).map(|_| send_case_form(&staff, &d, "DH-XD01", "Trần Thị Bình", &key));
    let answers = futures::future::join_all(sends).await;
    let codes: Vec<String> = answers
        .iter()
        .map(|r| {
            assert_eq!(r.status(), 200);
            case_code(r)
        })
        .collect();
    assert!(codes.iter().all(|c| *c == codes[0]), "{codes:?}");
    let n = count(
        &app,
        "SELECT COUNT(*) FROM cases WHERE citizen_name = $1",
        "Trần Thị Bình",
    )
    .await;
    assert_eq!(n, 1);
    // A fresh form opens a second case.
    let d = desk(&staff).await;
    assert_ne!(d["form_key"].as_str().unwrap(), key);
    let res = send_case_form(
        &staff,
        &d,
        "DH-XD01",
        "Trần Thị Bình",
        d["form_key"].as_str().unwrap(),
    )
    .await;
    assert_ne!(case_code(&res), codes[0]);
}

#[tokio::test]
async fn bad_input_is_refused_next_to_its_field() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let d = desk(&staff).await;
    let key = d["form_key"].as_str().unwrap();
    let counter = d["current"]["id"].to_string();
    let ok = procedure(&d, "DH-KD01");
    let send = |procedure: String, name: &'static str, contact: &'static str, key: String| {
        let (staff, counter) = (staff.clone(), counter.clone());
        async move {
            staff
                .call_json(
                    "payments/open_case",
                    &[
                        ("counter", counter.as_str()),
                        ("procedure", procedure.as_str()),
                        ("citizen_name", name),
                        ("citizen_contact", contact),
                        ("form_key", key.as_str()),
                    ],
                )
                .await
        }
    };
    let (s, b) = send(ok.clone(), "  ", "", key.into()).await;
    assert_invalid(s, &b, "citizen_name", "payments.name_required");
    let (s, b) = send(ok.clone(), "Lê Văn C", "call me", key.into()).await;
    assert_invalid(s, &b, "citizen_contact", "payments.contact_invalid");
    let (s, b) = send("999999".into(), "Lê Văn C", "", key.into()).await;
    assert_invalid(s, &b, "procedure", "payments.procedure_invalid");
    let (s, _) = send(ok.clone(), "Lê Văn C", "", "not-a-key".into()).await;
    assert_eq!(s, 400);
    // A procedure of another agency (the ward's) is not this counter's.
    let ward = sign_in(&app, WARD_STAFF).await;
    let ward_desk = desk(&ward).await;
    let (s, b) = send(procedure(&ward_desk, "P1-CT01"), "Lê Văn C", "", key.into()).await;
    assert_invalid(s, &b, "procedure", "payments.procedure_invalid");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE citizen_name <> $1",
            ""
        )
        .await,
        0
    );
    // A free procedure has no invoice.
    let free = open_case(&staff, "DH-TT01").await;
    let (s, b) = staff
        .call_json("payments/issue_invoice", &[("code", &free)])
        .await;
    assert_eq!(
        (s, b["key"].as_str()),
        (409, Some("payments.free_procedure")),
        "{b}"
    );
}

#[tokio::test]
async fn counter_work_is_for_the_counter_s_staff_only() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let d = desk(&staff).await;
    let code = open_case(&staff, "DH-KD02").await;
    let reference = issue(&staff, &code).await;
    let citizen = app.citizen("dan@example.vn", "Người Dân").await;
    let ward = sign_in(&app, WARD_STAFF).await;
    let unassigned = app
        .user("nv2@example.vn", "staff", Some("UBND thành phố Đông Hà"))
        .await;
    let anonymous = app.client();
    let counter = d["current"]["id"].to_string();
    let procedure = procedure(&d, "DH-KD02");
    for (who, c, expected) in [
        ("anonymous", &anonymous, 401),
        ("citizen", &citizen, 403),
        ("ward staff", &ward, 403),
        ("unassigned staff", &unassigned, 403),
    ] {
        let form = [
            ("counter", counter.as_str()),
            ("procedure", procedure.as_str()),
            ("citizen_name", "Kẻ Lạ"),
            ("form_key", "0123456789abcdef0123456789abcdef"),
        ];
        let calls: [(&str, &[(&str, &str)]); 5] = [
            ("payments/open_case", &form),
            ("payments/case", &[("code", code.as_str())]),
            ("payments/issue_invoice", &[("code", code.as_str())]),
            (
                "payments/cancel_invoice",
                &[("reference", reference.as_str())],
            ),
            ("payments/desk", &[("counter", counter.as_str())]),
        ];
        for (endpoint, form) in calls {
            let (status, body) = c.call_json(endpoint, form).await;
            assert_eq!(status, expected, "{who} {endpoint}: {body}");
        }
        let stream = c.get(&format!("/live/invoices/{reference}")).await;
        assert_eq!(stream.status().as_u16(), expected, "{who} stream");
        // The page asks an anonymous reader to sign in; it shows others nothing.
        let page = c.get(&format!("/counter/cases/{code}")).await;
        let status = page.status().as_u16();
        let html = page.text().await.unwrap();
        assert!(!html.contains(&reference), "{who} page");
        assert_eq!(
            status,
            if expected == 401 { 200 } else { 403 },
            "{who} page"
        );
    }
    // Nothing changed.
    let c = case(&staff, &code).await;
    assert_eq!(steps(&c), ["opened", "invoice_issued"]);
    assert_eq!(c["invoice"]["status"], "open");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE citizen_name = $1",
            "Kẻ Lạ"
        )
        .await,
        0
    );
    // The counter's own staff may follow the invoice; a display token must be right.
    let stream = staff.get(&format!("/live/invoices/{reference}")).await;
    assert_eq!(stream.status(), 200);
    let display = anonymous.get("/live/counter-displays/0000").await;
    assert_eq!(display.status(), 404);
    let link = d["current"]["display_link"].as_str().unwrap();
    let token = link.rsplit('/').next().unwrap();
    let display = anonymous
        .get(&format!("/live/counter-displays/{token}"))
        .await;
    assert_eq!(display.status(), 200);
}
