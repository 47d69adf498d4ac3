//! The payment gateway over HTTP: signed notifications take effect exactly
//! once, forged, stale and malformed ones change nothing, a wrong amount is
//! a mismatch, the counter and its display hear the payment live, and the
//! sandbox bank pays through the same code path (demo mode only).

use crate::common::{pool, TestApp};
use crate::live::Watch;
use crate::payments::{
    app, app_with, case, count, desk, issue, open_case, sign_in, steps, CITY_STAFF, SECRET,
};
use grassroots::payments::signature::sign;
use serde_json::{json, Value};

const WEBHOOK: &str = "/api/v1/payments/webhook";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn body(event: &str, reference: &str, amount: i64) -> Vec<u8> {
    json!({ "event_id": event, "reference": reference, "amount": amount })
        .to_string()
        .into_bytes()
}

/// Posts `body` to the webhook with `signature` (none: no header).
async fn post(
    http: &reqwest::Client,
    app: &TestApp,
    body: Vec<u8>,
    signature: Option<String>,
) -> (u16, Value) {
    let mut req = http
        .post(format!("{}{WEBHOOK}", app.base))
        .header("content-type", "application/json")
        .body(body);
    if let Some(s) = signature {
        req = req.header("grassroots-signature", s);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Posts `body` signed with the shared secret now.
async fn notify(http: &reqwest::Client, app: &TestApp, body: Vec<u8>) -> (u16, Value) {
    let signature = sign(SECRET.as_bytes(), now(), &body);
    post(http, app, body, Some(signature)).await
}

async fn invoice_status(app: &TestApp, reference: &str) -> String {
    let db = pool(&app.database_url).await;
    let s: String = sqlx::query_scalar("SELECT status FROM invoices WHERE reference = $1")
        .bind(reference)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    s
}

const EVENTS: &str = "SELECT COUNT(*) FROM payment_events WHERE reference = $1";
const PAID: &str = "SELECT COUNT(*) FROM payment_events WHERE reference = $1 AND outcome = 'paid'";
const PAID_STEPS: &str =
    "SELECT COUNT(*) FROM subject_events e JOIN invoices i ON i.case_id = e.subject_id \
     WHERE e.subject_kind = 'case' AND e.kind = 'paid' AND i.reference = $1";

#[tokio::test]
async fn a_signed_notification_pays_once_and_the_counter_hears_it_live() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let d = desk(&staff).await;
    let code = open_case(&staff, "DH-KD01").await;
    let reference = issue(&staff, &code).await;
    let token = d["current"]["display_link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let mut counter = Watch::open(&staff, &format!("/live/invoices/{reference}"), None).await;
    let mut display = Watch::open(
        &app.client(),
        &format!("/live/counter-displays/{token}"),
        None,
    )
    .await;
    // The display shows the code before the payment.
    let page = app
        .client()
        .get(&format!("/counter/display/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&reference) && page.contains("<svg"), "{page}");

    let http = reqwest::Client::new();
    let (status, v) = notify(&http, &app, body("evt-1", &reference, 100_000)).await;
    assert_eq!((status, v["outcome"].as_str()), (200, Some("paid")), "{v}");
    for watch in [&mut counter, &mut display] {
        let event = watch.next().await;
        assert_eq!(event.name, "invoice");
        assert_eq!(event.data["reference"], reference.as_str());
        assert_eq!(event.data["status"], "paid");
    }
    // A retry is a duplicate and changes nothing.
    let (status, v) = notify(&http, &app, body("evt-1", &reference, 100_000)).await;
    assert_eq!(
        (status, v["outcome"].as_str()),
        (200, Some("duplicate")),
        "{v}"
    );
    assert_eq!(invoice_status(&app, &reference).await, "paid");
    assert_eq!(count(&app, EVENTS, &reference).await, 1);
    assert_eq!(count(&app, PAID_STEPS, &reference).await, 1);
    let c = case(&staff, &code).await;
    assert_eq!(c["summary"]["status"], "paid");
    assert_eq!(c["invoice"]["status"], "paid");
    assert_eq!(c["can_issue"], false);
    assert_eq!(steps(&c), ["opened", "invoice_issued", "paid"]);
    // Paid: no more code to scan, and it cannot be cancelled.
    let gone = app
        .client()
        .get(&format!("/api/v1/invoices/{reference}/qr.png"))
        .await;
    assert_eq!(gone.status(), 410);
    let (status, v) = staff
        .call_json("payments/cancel_invoice", &[("reference", &reference)])
        .await;
    assert_eq!(
        (status, v["key"].as_str()),
        (409, Some("payments.already_paid"))
    );
    let page = app
        .client()
        .get(&format!("/counter/display/{token}"))
        .await
        .text()
        .await
        .unwrap();
    // The payment code is gone; the code offered now rates the service.
    assert!(
        page.contains("Đã thanh toán") && !page.contains("aria-label=\"VietQR"),
        "{page}"
    );
    assert!(page.contains("Đánh giá dịch vụ"), "{page}");
}

#[tokio::test]
async fn forged_stale_and_malformed_notifications_change_nothing() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let code = open_case(&staff, "DH-KD01").await;
    let reference = issue(&staff, &code).await;
    let http = reqwest::Client::new();
    let good = body("evt-x", &reference, 100_000);
    let t = now();
    let cases: Vec<(&str, Vec<u8>, Option<String>, u16)> = vec![
        ("no signature", good.clone(), None, 401),
        (
            "another secret",
            good.clone(),
            Some(sign(b"guess", t, &good)),
            401,
        ),
        (
            "stale",
            good.clone(),
            Some(sign(SECRET.as_bytes(), t - 301, &good)),
            401,
        ),
        (
            "from the future",
            good.clone(),
            Some(sign(SECRET.as_bytes(), t + 301, &good)),
            401,
        ),
        (
            "garbled header",
            good.clone(),
            Some("t=abc,v1=zz".into()),
            401,
        ),
        (
            "body changed",
            body("evt-x", &reference, 1),
            Some(sign(SECRET.as_bytes(), t, &good)),
            401,
        ),
        (
            "not json",
            b"paid!".to_vec(),
            Some(sign(SECRET.as_bytes(), t, b"paid!")),
            400,
        ),
        (
            "a float amount",
            br#"{"event_id":"e","reference":"R","amount":1.5}"#.to_vec(),
            Some(sign(
                SECRET.as_bytes(),
                t,
                br#"{"event_id":"e","reference":"R","amount":1.5}"#,
            )),
            400,
        ),
        (
            "no event id",
            br#"{"reference":"R","amount":5}"#.to_vec(),
            Some(sign(
                SECRET.as_bytes(),
                t,
                br#"{"reference":"R","amount":5}"#,
            )),
            400,
        ),
    ];
    for (what, b, signature, expected) in cases {
        let (status, v) = post(&http, &app, b, signature).await;
        assert_eq!(status, expected, "{what}: {v}");
    }
    let huge = vec![b' '; 64 * 1024];
    let (status, _) = notify(&http, &app, huge).await;
    assert_eq!(status, 413);
    assert_eq!(invoice_status(&app, &reference).await, "open");
    let db = pool(&app.database_url).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(
        steps(&case(&staff, &code).await),
        ["opened", "invoice_issued"]
    );
}

#[tokio::test]
async fn a_wrong_amount_or_reference_is_a_mismatch_and_the_invoice_stays_unpaid() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let code = open_case(&staff, "DH-KD01").await;
    let reference = issue(&staff, &code).await;
    let http = reqwest::Client::new();
    let (status, v) = notify(&http, &app, body("short-1", &reference, 99_999)).await;
    assert_eq!(status, 200);
    assert_eq!(
        (v["outcome"].as_str(), v["reason"].as_str()),
        (Some("mismatch"), Some("wrong_amount"))
    );
    assert_eq!(invoice_status(&app, &reference).await, "open");
    let (_, v) = notify(&http, &app, body("lost-1", "GR23456789AB", 100_000)).await;
    assert_eq!(v["reason"], "unknown_reference", "{v}");
    let c = case(&staff, &code).await;
    assert_eq!(steps(&c), ["opened", "invoice_issued", "mismatch"]);
    assert_eq!(c["summary"]["status"], "awaiting_payment");
    // The right amount then pays; a second payment of it is a mismatch.
    let (_, v) = notify(&http, &app, body("right-1", &reference, 100_000)).await;
    assert_eq!(v["outcome"], "paid", "{v}");
    let (_, v) = notify(&http, &app, body("twice-1", &reference, 100_000)).await;
    assert_eq!(v["reason"], "already_paid", "{v}");
    assert_eq!(count(&app, PAID, &reference).await, 1);
    assert_eq!(count(&app, EVENTS, &reference).await, 3);
    assert_eq!(count(&app, EVENTS, "GR23456789AB").await, 1);
}

/// A deterministic shuffle (xorshift), so a failure can be replayed.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

#[tokio::test]
async fn concurrent_copies_and_a_shuffled_mix_of_duplicates_have_one_effect_per_event() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let mut references = Vec::new();
    for procedure in ["DH-KD01", "DH-KD02", "DH-XD01", "DH-HT02"] {
        let code = open_case(&staff, procedure).await;
        references.push(issue(&staff, &code).await);
    }
    let amounts = [100_000, 50_000, 75_000, 100_000];
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    // 1,000 concurrent copies of one valid notification.
    let one = body("burst-1", &references[0], amounts[0]);
    let copies = (0..1000).map(|_| notify(&http, &app, one.clone()));
    let answers = futures::future::join_all(copies).await;
    let paid = answers
        .iter()
        .filter(|(s, v)| *s == 200 && v["outcome"] == "paid")
        .count();
    let duplicates = answers
        .iter()
        .filter(|(s, v)| *s == 200 && v["outcome"] == "duplicate")
        .count();
    assert_eq!(
        (paid, duplicates),
        (1, 999),
        "{:?}",
        answers.iter().find(|(s, _)| *s != 200)
    );
    // A shuffled mix: each remaining invoice paid by one event, a wrong
    // amount and an unknown reference, every notification sent 50 times.
    let mut mix = Vec::new();
    for i in 1..4 {
        for _ in 0..50 {
            mix.push(body(&format!("mix-pay-{i}"), &references[i], amounts[i]));
        }
    }
    for _ in 0..50 {
        mix.push(body("mix-short", &references[1], 1));
        mix.push(body("mix-lost", "GR99999999XX", 5));
        mix.push(body("burst-1", &references[0], amounts[0]));
    }
    shuffle(&mut mix, 0x9E37_79B9_7F4A_7C15);
    let answers = futures::future::join_all(mix.into_iter().map(|b| notify(&http, &app, b))).await;
    assert!(
        answers.iter().all(|(s, _)| *s == 200),
        "{:?}",
        answers.iter().find(|(s, _)| *s != 200)
    );
    for reference in &references {
        assert_eq!(invoice_status(&app, reference).await, "paid", "{reference}");
        assert_eq!(count(&app, PAID, reference).await, 1, "{reference}");
        assert_eq!(count(&app, PAID_STEPS, reference).await, 1, "{reference}");
    }
    assert_eq!(count(&app, EVENTS, &references[0]).await, 1);
    assert_eq!(count(&app, EVENTS, &references[1]).await, 2);
    assert_eq!(count(&app, EVENTS, "GR99999999XX").await, 1);
    let db = pool(&app.database_url).await;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(total, 6);
    // Each paid invoice points at the one event that paid it.
    let linked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invoices i JOIN payment_events e ON e.id = i.paid_event_id \
         WHERE e.outcome = 'paid' AND e.invoice_id = i.id",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(linked, 4);
}

#[tokio::test]
async fn the_sandbox_bank_pays_through_the_webhook_s_code_path() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let code = open_case(&staff, "DH-HT01").await;
    let reference = issue(&staff, &code).await;
    let bank = app.client();
    let (status, list) = bank.call_json("payments/sandbox_invoices", &[]).await;
    assert_eq!(status, 200, "{list}");
    let payable = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["reference"] == reference.as_str())
        .expect("listed");
    assert_eq!(payable["amount"], 1_500_000);
    let payload = payable["payload"].as_str().unwrap().to_string();
    let page = bank.get("/sandbox/bank").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(&reference));
    let (status, tampered) = bank
        .call_json(
            "payments/sandbox_pay",
            &[("payload", &payload.replace("54071500000", "54071000000"))],
        )
        .await;
    assert_eq!(
        (status, tampered["key"].as_str()),
        (422, Some("payments.payload_invalid")),
        "{tampered}"
    );
    let res = bank
        .call("payments/sandbox_pay", &[("payload", &payload)])
        .await;
    assert_eq!(res.status(), 200);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!("/sandbox/bank?paid={reference}&outcome=paid")
    );
    assert_eq!(invoice_status(&app, &reference).await, "paid");
    let db = pool(&app.database_url).await;
    let provider: String =
        sqlx::query_scalar("SELECT provider FROM payment_events WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(provider, "sandbox");
    // Paying the same code again is another transfer: recorded, not applied.
    let (_, again) = bank
        .call_json("payments/sandbox_pay", &[("payload", &payload)])
        .await;
    assert_eq!(again["outcome"], "mismatch", "{again}");
    assert_eq!(count(&app, PAID, &reference).await, 1);
}

#[tokio::test]
async fn without_demo_mode_there_is_no_sandbox_and_the_webhook_provider_answers() {
    let app = app_with(&[("PAYMENT_WEBHOOK_SECRET", SECRET)]).await;
    let bank = app.client();
    let (status, _) = bank.call_json("payments/sandbox_invoices", &[]).await;
    assert_eq!(status, 404);
    let (status, _) = bank
        .call_json("payments/sandbox_pay", &[("payload", "x")])
        .await;
    assert_eq!(status, 404);
    assert_eq!(bank.get("/sandbox/bank").await.status(), 404);
    let staff = sign_in(&app, CITY_STAFF).await;
    let code = open_case(&staff, "DH-KD01").await;
    let reference = issue(&staff, &code).await;
    let (status, v) = notify(
        &reqwest::Client::new(),
        &app,
        body("w-1", &reference, 100_000),
    )
    .await;
    assert_eq!((status, v["outcome"].as_str()), (200, Some("paid")), "{v}");
    let db = pool(&app.database_url).await;
    let provider: String =
        sqlx::query_scalar("SELECT provider FROM payment_events WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(provider, "webhook");
}
