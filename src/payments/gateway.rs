//! The gateway: a provider's payment notification, believed only once its
//! adapter verified it, takes effect exactly once. The event id is stored
//! (unique per provider) in the same transaction as the effect, as the
//! transaction's first write: a retry, a duplicate or a concurrent copy
//! finds it there (or waits for the first copy to commit) and changes
//! nothing. The amount and the reference must match an open invoice;
//! otherwise the event is recorded as a mismatch for review and the
//! invoice stays unpaid.

use super::invoice_repo::{self, InvoiceRow};
use super::live::invoice_event;
use super::model::InvoiceStatus;
use super::provider::{Notification, Provider, Rejection};
use super::repo;
use super::service::{step, Step};
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use sqlx::AnyConnection;

/// What a notification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It paid its invoice.
    Paid,
    /// Recorded for review; the invoice (if any) stays as it was.
    Mismatch(&'static str),
    /// Seen before: nothing changed.
    Duplicate,
}

impl Outcome {
    /// Its name in answers and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Paid => "paid",
            Outcome::Mismatch(_) => "mismatch",
            Outcome::Duplicate => "duplicate",
        }
    }
}

/// Why a notification was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// Refused: forged, stale or malformed.
    #[error("{0}")]
    Rejected(#[from] Rejection),
    /// Not recorded through no fault of the provider: it should retry.
    #[error("{0}")]
    Unavailable(#[from] AppError),
}

impl From<sqlx::Error> for GatewayError {
    fn from(e: sqlx::Error) -> Self {
        GatewayError::Unavailable(e.into())
    }
}

/// Verifies, reads and records a notification of `provider`.
pub async fn receive(
    state: &AppState,
    provider: &dyn Provider,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<(Notification, Outcome), GatewayError> {
    provider.verify(headers, body, now_ms().div_euclid(1000))?;
    let n = provider.read(body)?;
    let outcome = record(state, provider.name(), &n).await?;
    Ok((n, outcome))
}

async fn insert_event(
    conn: &mut AnyConnection,
    provider: &str,
    n: &Notification,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO payment_events (provider, event_id, reference, amount_dong, received_at, outcome) \
         VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT (provider, event_id) DO NOTHING RETURNING id",
    )
    .bind(provider)
    .bind(&n.event_id)
    .bind(&n.reference)
    .bind(n.amount.dong())
    .bind(at)
    .fetch_optional(conn)
    .await
}

/// Why an invoice cannot take this payment, if it cannot.
fn mismatch(invoice: Option<&InvoiceRow>, n: &Notification, at: i64) -> Option<&'static str> {
    let Some(invoice) = invoice else {
        return Some("unknown_reference");
    };
    match invoice.status_at(at) {
        InvoiceStatus::Open if invoice.amount_dong == n.amount.dong() => None,
        InvoiceStatus::Open => Some("wrong_amount"),
        InvoiceStatus::Paid | InvoiceStatus::Refunded => Some("already_paid"),
        InvoiceStatus::Cancelled => Some("cancelled"),
        InvoiceStatus::Expired => Some("expired"),
    }
}

async fn record(
    state: &AppState,
    provider: &str,
    n: &Notification,
) -> Result<Outcome, GatewayError> {
    let at = now_ms();
    let mut tx = state.db.pool.begin().await?;
    let Some(event_row) = insert_event(&mut tx, provider, n, at).await? else {
        return Ok(Outcome::Duplicate);
    };
    let reference = n.reference.to_ascii_uppercase();
    let invoice = invoice_repo::invoice_by_reference(&mut tx, &reference).await?;
    let mut reason = mismatch(invoice.as_ref(), n, at);
    if let (None, Some(i)) = (reason, &invoice) {
        // Paid by another event meanwhile, or expired this instant.
        let paid = sqlx::query(
            "UPDATE invoices SET status = 'paid', paid_at = $2, paid_event_id = $3 \
             WHERE id = $1 AND status = 'open' AND expires_at > $2",
        )
        .bind(i.id)
        .bind(at)
        .bind(event_row)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if paid == 0 {
            reason = Some("not_open");
        }
    }
    let outcome = match reason {
        None => Outcome::Paid,
        Some(r) => Outcome::Mismatch(r),
    };
    sqlx::query(
        "UPDATE payment_events SET outcome = $2, reason = $3, invoice_id = $4 WHERE id = $1",
    )
    .bind(event_row)
    .bind(outcome.as_str())
    .bind(reason.unwrap_or(""))
    .bind(invoice.as_ref().map(|i| i.id))
    .execute(&mut *tx)
    .await?;
    let mut published = None;
    if let Some(i) = &invoice {
        let note = format!(
            "{} · {} · {}",
            i.reference,
            n.amount.dong(),
            reason.unwrap_or(&n.event_id)
        );
        let (kind, case_state) = match outcome {
            Outcome::Paid => ("paid", "paid"),
            _ => ("mismatch", ""),
        };
        if outcome == Outcome::Paid {
            repo::set_case_status(&mut tx, i.case_id, "paid").await?;
        }
        let case_state = if case_state.is_empty() {
            sqlx::query_scalar::<_, String>("SELECT status FROM cases WHERE id = $1")
                .bind(i.case_id)
                .fetch_one(&mut *tx)
                .await?
        } else {
            case_state.to_string()
        };
        let s = Step {
            case_id: i.case_id,
            agency_id: i.agency_id,
            actor_id: None,
            kind,
            state: &case_state,
            note: &note,
            at,
        };
        let step_id = step(&mut tx, s).await?;
        let status = if outcome == Outcome::Paid {
            InvoiceStatus::Paid
        } else {
            i.status_at(at)
        };
        published = Some(invoice_event(
            &i.reference,
            i.display_token.as_deref(),
            step_id,
            status,
        ));
    }
    tx.commit().await?;
    if let Some(event) = published {
        state.live.publish(event).await;
    }
    Ok(outcome)
}
