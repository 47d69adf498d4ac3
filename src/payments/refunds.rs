//! Refunds of paid fees: counter staff ask with a reason, an officer of the
//! agency (or an admin) approves or declines, each a step of the case's
//! timeline (who, when, why). An approved refund turns the invoice
//! `refunded`, which voids its receipt. Asked once per invoice and decided
//! once, so a form sent twice has one effect. The money itself goes back
//! through the agency's bank, outside this system.

use super::access::may_work_case;
use super::invoice_repo::{self, InvoiceRow};
use super::model::{InvoiceStatus, Money};
use super::refund_repo::{self, RefundRow};
use super::repo;
use super::service::{step, Step};
use super::views::RefundView;
use crate::accounts::model::{can, Action, Role, Scope, UserView};
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// The longest reason or note kept.
const MAX_TEXT: usize = 500;

fn text(raw: &str, field: &str, required: bool) -> Result<String, AppError> {
    let rules = crate::text::Rules {
        min: usize::from(required),
        max: MAX_TEXT,
        lines: true,
    };
    let messages = crate::text::Messages {
        too_short: "payments.refund_reason_required",
        too_long: "payments.refund_text_too_long",
        invalid: "payments.refund_text_too_long",
    };
    crate::text::check(raw, field, rules, messages)
}

/// The refund as pages show it.
pub fn view(r: RefundRow) -> RefundView {
    RefundView {
        reference: r.reference,
        case_code: r.case_code,
        amount: Money::from_dong(r.amount_dong),
        procedure_code: r.procedure_code,
        reason: r.reason,
        requested_at: r.requested_at,
        requested_by: r.requested_by,
        state: match r.approved {
            None => "waiting",
            Some(1) => "approved",
            Some(_) => "declined",
        }
        .into(),
        decision_note: r.decision_note,
    }
}

async fn invoice(state: &AppState, reference: &str) -> Result<InvoiceRow, AppError> {
    if reference.len() > 40 {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.pool.acquire().await?;
    invoice_repo::invoice_by_reference(&mut conn, reference.trim())
        .await?
        .ok_or(AppError::NotFound)
}

/// Staff of the case's counter (or an admin) ask to refund a paid invoice.
pub async fn request(
    state: &AppState,
    user: &UserView,
    reference: &str,
    reason: &str,
) -> Result<(), AppError> {
    let i = invoice(state, reference).await?;
    may_work_case(state, user, i.agency_id, i.counter_id).await?;
    let reason = text(reason, "refund_reason", true)?;
    if i.status_at(now_ms()) != InvoiceStatus::Paid {
        return Err(AppError::conflict("payments.refund_not_paid"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !refund_repo::request(&mut tx, i.id, &reason, user.id, now).await? {
        return Err(AppError::conflict("payments.refund_asked_already"));
    }
    let s = Step {
        case_id: i.case_id,
        agency_id: i.agency_id,
        actor_id: Some(user.id),
        kind: "refund_requested",
        state: "paid",
        note: &reason,
        at: now,
    };
    step(&mut tx, s).await?;
    tx.commit().await?;
    Ok(())
}

/// An officer of the agency (or an admin) approves or declines the refund
/// asked for invoice `reference`; a decline says why.
pub async fn decide(
    state: &AppState,
    user: &UserView,
    reference: &str,
    decision: &str,
    note: &str,
) -> Result<(), AppError> {
    let i = invoice(state, reference).await?;
    if !can(
        Some(user),
        Action::ApproveRefunds,
        Scope::Agency(Some(i.agency_id)),
    ) {
        return Err(AppError::Forbidden);
    }
    let approve = match decision {
        "approve" => true,
        "decline" => false,
        _ => {
            return Err(AppError::invalid(
                "decision",
                "payments.refund_decision_invalid",
            ))
        }
    };
    let note = text(note, "decision_note", !approve)?;
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !refund_repo::decide(&mut tx, i.id, approve, &note, user.id, now).await? {
        return Err(AppError::conflict("payments.refund_not_waiting"));
    }
    let kind = if approve {
        if !refund_repo::mark_refunded(&mut tx, i.id).await? {
            return Err(AppError::conflict("payments.refund_not_paid"));
        }
        repo::set_case_status(&mut tx, i.case_id, "refunded").await?;
        "refunded"
    } else {
        "refund_declined"
    };
    let s = Step {
        case_id: i.case_id,
        agency_id: i.agency_id,
        actor_id: Some(user.id),
        kind,
        state: if approve { "refunded" } else { "paid" },
        note: &note,
        at: now,
    };
    step(&mut tx, s).await?;
    tx.commit().await?;
    Ok(())
}

/// The refunds waiting for `user`'s decision: their agency's, or every
/// agency's for an admin.
pub async fn waiting(state: &AppState, user: &UserView) -> Result<Vec<RefundView>, AppError> {
    let agency = match user.role {
        Role::Admin => None,
        _ => Some(user.agency_id.ok_or(AppError::Forbidden)?),
    };
    Ok(refund_repo::waiting(&state.db.pool, agency)
        .await?
        .into_iter()
        .map(view)
        .collect())
}
