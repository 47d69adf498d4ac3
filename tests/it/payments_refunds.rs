//! Refunds over HTTP, on both databases: staff of the counter ask with a
//! reason, an officer of the agency approves or declines (with a note),
//! each a case step; an approved refund turns the invoice refunded and voids
//! its receipt; asked twice or decided twice has one effect; the wrong
//! people (citizen, staff elsewhere, officer elsewhere, staff deciding) get
//! nothing; an unpaid invoice cannot be refunded.

use crate::payments::{
    app, case, issue, open_case, paid_case, pay, sign_in, steps, CITY_STAFF, WARD_STAFF,
};

const CITY_OFFICER: &str = "officer.dongha@demo.grassroots.vn";
const OTHER_OFFICER: &str = "officer@demo.grassroots.vn";

#[tokio::test]
async fn a_refund_is_asked_by_staff_and_decided_once_by_the_agency_s_officer() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let officer = sign_in(&app, CITY_OFFICER).await;
    let code = open_case(&staff, "DH-HT01").await;
    let reference = issue(&staff, &code).await;

    // Not before the payment.
    let form = [
        ("reference", reference.as_str()),
        ("refund_reason", "Người dân nộp nhầm thủ tục."),
    ];
    let (s, body) = staff.call_json("payments/request_refund", &form).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("payments.refund_not_paid"))
    );
    pay(&app, &reference, 1_500_000).await;
    let token = case(&staff, &code).await["receipt"]["token"]
        .as_str()
        .unwrap()
        .to_string();

    // A reason is required; the wrong people are refused.
    let (s, body) = staff
        .call_json(
            "payments/request_refund",
            &[("reference", &reference), ("refund_reason", " ")],
        )
        .await;
    assert_eq!(
        (s, body["field"].as_str(), body["key"].as_str()),
        (
            422,
            Some("refund_reason"),
            Some("payments.refund_reason_required")
        )
    );
    let citizen = app.verified_citizen("dan@example.vn", "Người Dân").await;
    assert_eq!(
        citizen.call_json("payments/request_refund", &form).await.0,
        403
    );
    let ward = sign_in(&app, WARD_STAFF).await;
    assert_eq!(
        ward.call_json("payments/request_refund", &form).await.0,
        403
    );

    // Asked once; a repeated form has no second effect.
    let (s, body) = staff.call_json("payments/request_refund", &form).await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = staff.call_json("payments/request_refund", &form).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("payments.refund_asked_already"))
    );
    let c = case(&staff, &code).await;
    assert_eq!(c["refund"]["state"], "waiting");

    // The agency's officer sees it waiting; another agency's does not.
    let (s, waiting) = officer.call_json("payments/refunds", &[]).await;
    assert_eq!(s, 200, "{waiting}");
    assert!(waiting
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["reference"] == reference.as_str()));
    let other = sign_in(&app, OTHER_OFFICER).await;
    let (_, theirs) = other.call_json("payments/refunds", &[]).await;
    assert!(!theirs
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["reference"] == reference.as_str()));
    let approve = [("reference", reference.as_str()), ("decision", "approve")];
    assert_eq!(
        other.call_json("payments/decide_refund", &approve).await.0,
        403
    );
    assert_eq!(
        staff.call_json("payments/decide_refund", &approve).await.0,
        403
    );
    assert_eq!(
        citizen
            .call_json("payments/decide_refund", &approve)
            .await
            .0,
        403
    );
    let (s, body) = officer
        .call_json(
            "payments/decide_refund",
            &[("reference", reference.as_str()), ("decision", "maybe")],
        )
        .await;
    assert_eq!(
        (s, body["field"].as_str()),
        (422, Some("decision")),
        "{body}"
    );

    // Approved once: the invoice is refunded and its receipt void.
    let (s, body) = officer.call_json("payments/decide_refund", &approve).await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = officer.call_json("payments/decide_refund", &approve).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("payments.refund_not_waiting"))
    );
    let c = case(&staff, &code).await;
    assert_eq!(c["invoice"]["status"], "refunded");
    assert_eq!(c["summary"]["status"], "refunded");
    assert_eq!(c["refund"]["state"], "approved");
    assert!(c["receipt"].is_null(), "no receipt for a refunded fee");
    let kinds = steps(&c);
    assert!(
        kinds.ends_with(&["refund_requested".to_string(), "refunded".to_string()]),
        "{kinds:?}"
    );
    let (_, check) = staff
        .call_json("payments/verify_receipt", &[("token", &token)])
        .await;
    assert_eq!(check["outcome"], "invalid", "the old receipt is void");

    // Declined: a note is required, and the fee stays paid.
    let (second, paid) = paid_case(&app, &staff, "DH-HT01").await;
    let (s, _) = staff
        .call_json(
            "payments/request_refund",
            &[("reference", &paid), ("refund_reason", "Thử từ chối.")],
        )
        .await;
    assert_eq!(s, 200);
    let decline = [("reference", paid.as_str()), ("decision", "decline")];
    let (s, body) = officer.call_json("payments/decide_refund", &decline).await;
    assert_eq!(
        (s, body["field"].as_str()),
        (422, Some("decision_note")),
        "{body}"
    );
    let mut with_note = decline.to_vec();
    with_note.push(("decision_note", "Hồ sơ đã được xử lý xong."));
    assert_eq!(
        officer
            .call_json("payments/decide_refund", &with_note)
            .await
            .0,
        200
    );
    let c = case(&staff, &second).await;
    assert_eq!(
        (
            c["invoice"]["status"].as_str(),
            c["refund"]["state"].as_str()
        ),
        (Some("paid"), Some("declined"))
    );
    assert!(steps(&c).contains(&"refund_declined".to_string()));

    // The officers' page, without JavaScript.
    let page = officer.get("/officer/refunds").await.text().await.unwrap();
    assert!(page.contains("Đề nghị hoàn tiền chờ duyệt"));
}
