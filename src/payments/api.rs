//! Payments server functions: the counter desk, cases and their invoices,
//! the citizen display, and the sandbox bank (demo mode only).

use super::rating_model::{AgencyRatings, RatingView};
use super::views::{
    CaseDetail, DeskView, DisplayView, PayableInvoice, ReceiptCheck, ReconciliationView,
    RefundView, SandboxReceipt,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{pages, ratings, receipts, reconciliation, refunds, service},
    crate::accounts::guard::require,
    crate::accounts::model::Action,
    crate::server::state::app_state,
};

/// The caller's counter desk (`counter`: which of their counters; default the first).
#[server(endpoint = "payments/desk")]
pub async fn counter_desk(#[server(default)] counter: Option<i64>) -> Result<DeskView, AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    pages::desk(&state, &c.user, counter).await
}

/// Opens a case for a walk-in citizen at the caller's counter; goes to its
/// page. `form_key` is the form's one-time key: sent twice, one case.
#[server(endpoint = "payments/open_case")]
pub async fn open_case(
    counter: String,
    procedure: String,
    citizen_name: String,
    #[server(default)] citizen_contact: String,
    form_key: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    let input = service::CaseInput {
        counter,
        procedure,
        citizen_name,
        citizen_contact,
        form_key,
    };
    let code = service::open_case(&state, &c.user, input).await?;
    leptos_axum::redirect(&format!("/counter/cases/{}", code.as_str()));
    Ok(())
}

/// A case at the counter, with its invoice and timeline.
#[server(endpoint = "payments/case")]
pub async fn counter_case(code: String) -> Result<CaseDetail, AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    pages::case_detail(&state, &c.user, &code).await
}

/// Issues the invoice of a case's fee (issued twice: the open one stands).
#[server(endpoint = "payments/issue_invoice")]
pub async fn issue_invoice(code: String) -> Result<String, AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    let reference = service::issue_invoice(&state, &c.user, &code).await?;
    Ok(reference.as_str().to_string())
}

/// Cancels an unpaid invoice, with a reason.
#[server(endpoint = "payments/cancel_invoice")]
pub async fn cancel_invoice(
    reference: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    service::cancel_invoice(&state, &c.user, &reference, &reason).await
}

/// The citizen-facing display of a counter, by its token.
#[server(endpoint = "payments/display")]
pub async fn counter_display(token: String) -> Result<DisplayView, AppError> {
    let state = app_state()?;
    pages::display(&state, &token).await
}

/// The open invoices the sandbox bank may pay (demo mode only).
#[server(endpoint = "payments/sandbox_invoices")]
pub async fn sandbox_invoices() -> Result<Vec<PayableInvoice>, AppError> {
    let state = app_state()?;
    super::sandbox::require_demo(&state)?;
    pages::payable(&state).await
}

/// The sandbox bank pays a VietQR payload: it sends the provider's signed
/// notification through the webhook's code path (demo mode only).
#[server(endpoint = "payments/sandbox_pay")]
pub async fn sandbox_pay(payload: String) -> Result<SandboxReceipt, AppError> {
    let state = app_state()?;
    let receipt = super::sandbox::pay(&state, &payload).await?;
    leptos_axum::redirect(&format!(
        "/sandbox/bank?paid={}&outcome={}",
        receipt.reference, receipt.outcome
    ));
    Ok(receipt)
}

/// Checks a receipt's token (read from its QR code or typed): valid, already
/// checked, or invalid, with what it vouches for. Staff of the invoice's
/// agency and admins; the first check is recorded on the case.
#[server(endpoint = "payments/verify_receipt")]
pub async fn verify_receipt(token: String) -> Result<ReceiptCheck, AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    receipts::check(&state, &c.user, &token).await
}

/// A served case's rating page, for whoever holds its rating link.
#[server(endpoint = "payments/rating")]
pub async fn service_rating(code: String, key: String) -> Result<RatingView, AppError> {
    let state = app_state()?;
    ratings::view(&state, &code, &key).await
}

/// Rates the service of a served case, once: 1 to 5 stars and a comment.
/// The rating link is the permission (walk-in citizens have no account).
#[server(endpoint = "payments/rate")]
pub async fn rate_service(
    code: String,
    key: String,
    #[server(default)] stars: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    ratings::rate(&state, &code, &key, &stars, &comment).await
}

/// The service ratings of every agency and counter (public).
#[server(endpoint = "payments/service_stats")]
pub async fn service_stats() -> Result<Vec<AgencyRatings>, AppError> {
    let state = app_state()?;
    ratings::statistics(&state).await
}

/// A counter's daily reconciliation (`day`: `YYYY-MM-DD`, empty for today):
/// the agency's staff and officers, and admins.
#[server(endpoint = "payments/reconciliation")]
pub async fn reconciliation(
    counter: String,
    #[server(default)] day: String,
) -> Result<ReconciliationView, AppError> {
    let (state, c) = require(Action::ReadCounterAccounts).await?;
    reconciliation::report(&state, &c.user, &counter, &day).await
}

/// Asks to refund a paid fee, with a reason (staff of the case's counter).
#[server(endpoint = "payments/request_refund")]
pub async fn request_refund(
    reference: String,
    #[server(default)] refund_reason: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::WorkCounter).await?;
    refunds::request(&state, &c.user, &reference, &refund_reason).await
}

/// Approves (`decision` = `approve`) or declines (`decline`, with a note)
/// a refund asked for: officers of the agency, and admins.
#[server(endpoint = "payments/decide_refund")]
pub async fn decide_refund(
    reference: String,
    decision: String,
    #[server(default)] decision_note: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ApproveRefunds).await?;
    refunds::decide(&state, &c.user, &reference, &decision, &decision_note).await
}

/// The refunds waiting for the caller's decision.
#[server(endpoint = "payments/refunds")]
pub async fn waiting_refunds() -> Result<Vec<RefundView>, AppError> {
    let (state, c) = require(Action::ApproveRefunds).await?;
    refunds::waiting(&state, &c.user).await
}
