//! Receipts over HTTP, on both databases: a paid case's receipt carries a
//! token signed with the published Ed25519 key; staff of its agency check
//! it once ("valid"), then again ("already checked"), with the page working
//! without JavaScript; a forged or altered token is invalid and records
//! nothing; a citizen, staff of another agency and a stranger get nothing.

use crate::common::{pool, TestApp};
use crate::payments::{app, case, paid_case, sign_in, steps, CITY_STAFF, WARD_STAFF};
use grassroots::payments::receipt_token::verify_with;
use serde_json::Value;

async fn check(c: &crate::common::Client, token: &str) -> (u16, Value) {
    c.call_json("payments/verify_receipt", &[("token", token)])
        .await
}

async fn checks(app: &TestApp) -> i64 {
    let db = pool(&app.database_url).await;
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM receipt_checks")
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    n
}

#[tokio::test]
async fn a_receipt_is_checked_once_and_a_forged_one_is_invalid() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let (code, reference) = paid_case(&app, &staff, "DH-HT01").await;

    let paid = case(&staff, &code).await;
    let token = paid["receipt"]["token"]
        .as_str()
        .expect("a receipt")
        .to_string();
    assert!(paid["receipt"]["qr_svg"].as_str().unwrap().contains("<svg"));
    let page = staff
        .get(&format!("/counter/cases/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Biên lai điện tử") && page.contains(&token));

    // Anyone holding the published key checks it offline.
    let key: Value = app
        .client()
        .get("/api/v1/receipts/public-key")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(key["algorithm"], "Ed25519");
    let claims = verify_with(key["public_key"].as_str().unwrap(), &token).expect("verifies");
    assert_eq!(
        (claims.reference.as_str(), claims.amount_dong),
        (reference.as_str(), 1_500_000)
    );

    // Strangers get nothing, and nothing is recorded.
    let citizen = app.verified_citizen("dan@example.vn", "Người Dân").await;
    assert_eq!(check(&citizen, &token).await.0, 403);
    assert_eq!(check(&app.client(), &token).await.0, 401);
    assert_eq!(check(&sign_in(&app, WARD_STAFF).await, &token).await.0, 403);
    assert_eq!(checks(&app).await, 0);

    // Forged: the amount changed in the claims, a flipped signature, junk.
    let (prefix, rest) = token.split_at(4);
    let (body, signature) = rest.split_once('.').unwrap();
    let raised = {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let text = String::from_utf8(b64.decode(body).unwrap()).unwrap();
        b64.encode(text.replace("1500000", "150000"))
    };
    for forged in [
        format!("{prefix}{raised}.{signature}"),
        format!(
            "{prefix}{body}.{}",
            signature.chars().rev().collect::<String>()
        ),
        "GR1.junk".to_string(),
        reference.clone(),
    ] {
        let (s, r) = check(&staff, &forged).await;
        assert_eq!(
            (s, r["outcome"].as_str()),
            (200, Some("invalid")),
            "{forged}"
        );
        assert_eq!(r["reference"], "", "an invalid receipt tells nothing");
    }
    assert_eq!(checks(&app).await, 0);

    // The agency's staff: valid once, then already checked; one step.
    let (s, first) = check(&staff, &token).await;
    assert_eq!(s, 200, "{first}");
    assert_eq!(first["outcome"], "valid");
    assert_eq!(first["amount"], 1_500_000);
    assert_eq!(first["case_code"], code.as_str());
    let (_, again) = check(&staff, &token).await;
    assert_eq!(again["outcome"], "already_checked");
    assert_eq!(again["checked_at"], first["checked_at"]);
    assert_eq!(checks(&app).await, 1);
    let kinds = steps(&case(&staff, &code).await);
    assert_eq!(
        kinds.iter().filter(|k| *k == "receipt_checked").count(),
        1,
        "{kinds:?}"
    );

    // The check page, as a GET form without JavaScript.
    let page = staff
        .get(&format!("/counter/receipts?token={}", token))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("đã được kiểm tra trước đó"),
        "already checked"
    );
    assert!(page.contains(&reference));
    let page = staff
        .get("/counter/receipts?token=GR1.junk")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Biên lai không hợp lệ"));
}
