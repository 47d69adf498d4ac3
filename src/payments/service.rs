//! Counter work on the server: opening a case for a walk-in citizen,
//! issuing and cancelling its invoice. Every change is a step of the case's
//! timeline, written in the same transaction, and is
//! published on the invoice's live topic after the commit.

use super::access::{may_work_case, workable_counter};
use super::codes::{CaseCode, PaymentReference};
use super::config::PaymentConfig;
use super::invoice_repo::{self, NewInvoice};
use super::live::invoice_event;
use super::model::{CitizenName, Contact, InvoiceStatus};
use super::repo::{self, NewCase};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::timeline::{self, NewStep};
use crate::subjects::SubjectRef;
use rand::RngCore;
use sqlx::AnyConnection;

use super::model::CASE_KIND;

/// A fresh random key: a form's one-time key, a display's token.
pub fn random_key() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A step of a case's timeline.
pub struct Step<'a> {
    /// The case.
    pub case_id: i64,
    /// Its agency.
    pub agency_id: i64,
    /// Who acted (none: the payment provider).
    pub actor_id: Option<i64>,
    /// What happened: `opened`, `invoice_issued`, `paid`, `cancelled`, `mismatch`.
    pub kind: &'a str,
    /// The case's status after it.
    pub state: &'a str,
    /// A reference, an amount, a reason.
    pub note: &'a str,
    /// When (ms).
    pub at: i64,
}

/// Appends a step to a case's timeline (nobody follows cases: no mail).
pub async fn step(conn: &mut AnyConnection, s: Step<'_>) -> Result<i64, sqlx::Error> {
    let step = NewStep {
        subject: SubjectRef::new(CASE_KIND, s.case_id),
        kind: s.kind,
        state: s.state,
        agency_id: Some(s.agency_id),
        actor_id: s.actor_id,
        note: s.note,
        at: s.at,
    };
    timeline::append(conn, &step, &|_| (String::new(), String::new())).await
}

/// What staff typed to open a case.
pub struct CaseInput {
    /// The counter (id).
    pub counter: String,
    /// The procedure (id).
    pub procedure: String,
    /// The citizen's name.
    pub citizen_name: String,
    /// Their phone or e-mail (optional).
    pub citizen_contact: String,
    /// The form's one-time key.
    pub form_key: String,
}

fn id(field: &str, s: &str, key: &str) -> Result<i64, AppError> {
    s.trim().parse().map_err(|_| AppError::invalid(field, key))
}

/// Opens a case for a walk-in citizen at a counter; returns its code. The
/// same form sent twice opens one case.
pub async fn open_case(
    state: &AppState,
    user: &UserView,
    input: CaseInput,
) -> Result<CaseCode, AppError> {
    let counter_id = id("counter", &input.counter, "payments.counter_invalid")?;
    let counter = workable_counter(state, user, counter_id).await?;
    let key = input.form_key.trim();
    if key.len() != 32 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::BadRequest);
    }
    let procedure = repo::procedure(
        &state.db.pool,
        id("procedure", &input.procedure, "payments.procedure_invalid")?,
    )
    .await?
    .filter(|p| p.agency_id == counter.agency_id)
    .ok_or_else(|| AppError::invalid("procedure", "payments.procedure_invalid"))?;
    let name = CitizenName::parse(&input.citizen_name)?;
    let contact = Contact::parse(&input.citizen_contact)?;
    let year = time::OffsetDateTime::now_utc().year() as u16;
    for _ in 0..5 {
        let code = CaseCode::generate(year, rand::rng().next_u64());
        let at = now_ms();
        let new = NewCase {
            code: code.as_str(),
            procedure_id: procedure.id,
            agency_id: counter.agency_id,
            counter_id: counter.id,
            citizen_name: name.as_str(),
            citizen_contact: contact.as_str(),
            opened_by: user.id,
            request_key: key,
            at,
        };
        let mut tx = state.db.pool.begin().await?;
        match repo::insert_case(&mut tx, &new).await {
            Ok(Some(case_id)) => {
                let opened = Step {
                    case_id,
                    agency_id: counter.agency_id,
                    actor_id: Some(user.id),
                    kind: "opened",
                    state: "open",
                    note: &procedure.code,
                    at,
                };
                step(&mut tx, opened).await?;
                tx.commit().await?;
                return Ok(code);
            }
            // The form was sent before: its case stands.
            Ok(None) => {
                drop(tx);
                return match repo::case_by_request_key(&state.db.pool, key).await? {
                    Some((code, by)) if by == Some(user.id) => CaseCode::parse(&code),
                    _ => Err(AppError::BadRequest),
                };
            }
            // A code drawn twice: draw again.
            Err(e) if crate::accounts::repo::is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::internal("no free case code after 5 draws"))
}

/// A case by its code, if `user` may work it.
pub async fn workable_case(
    state: &AppState,
    user: &UserView,
    code: &str,
) -> Result<repo::CaseRow, AppError> {
    let code = CaseCode::parse(code)?;
    let case = repo::case_by_code(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    may_work_case(state, user, case.agency_id, case.counter_id).await?;
    Ok(case)
}

/// Issues the invoice of a case's fee; returns its reference. Issued twice
/// (the form sent again), the open invoice stands.
pub async fn issue_invoice(
    state: &AppState,
    user: &UserView,
    code: &str,
) -> Result<PaymentReference, AppError> {
    let config = state.domain::<PaymentConfig>()?;
    let case = workable_case(state, user, code).await?;
    let fee = case
        .fee_dong
        .ok_or_else(|| AppError::conflict("payments.free_procedure"))?;
    if repo::bank_account(&state.db.pool, case.agency_id)
        .await?
        .is_none()
    {
        return Err(AppError::conflict("payments.no_bank_account"));
    }
    let at = now_ms();
    if let Some(last) = invoice_repo::latest_invoice(&state.db.pool, case.id).await? {
        match last.status_at(at) {
            InvoiceStatus::Open => return PaymentReference::parse(&last.reference),
            InvoiceStatus::Paid => return Err(AppError::conflict("payments.already_paid")),
            _ => {}
        }
    }
    let expires_at = at + config.invoice_ttl.as_millis() as i64;
    for _ in 0..5 {
        let reference = PaymentReference::generate(rand::rng().next_u64());
        let mut tx = state.db.pool.begin().await?;
        invoice_repo::expire_open(&mut tx, case.id, at).await?;
        let new = NewInvoice {
            reference: reference.as_str(),
            case_id: case.id,
            amount_dong: fee,
            issued_by: user.id,
            at,
            expires_at,
        };
        match invoice_repo::insert_invoice(&mut tx, &new).await {
            Ok(_) => {
                repo::set_case_status(&mut tx, case.id, "awaiting_payment").await?;
                let note = format!("{} · {}", reference.as_str(), fee);
                let issued = Step {
                    case_id: case.id,
                    agency_id: case.agency_id,
                    actor_id: Some(user.id),
                    kind: "invoice_issued",
                    state: "awaiting_payment",
                    note: &note,
                    at,
                };
                let step_id = step(&mut tx, issued).await?;
                tx.commit().await?;
                let token = counter_token(state, case.counter_id).await?;
                state
                    .live
                    .publish(invoice_event(
                        reference.as_str(),
                        token.as_deref(),
                        step_id,
                        InvoiceStatus::Open,
                    ))
                    .await;
                return Ok(reference);
            }
            Err(e) if crate::accounts::repo::is_unique_violation(&e) => {
                drop(tx);
                // Issued at the same moment by another request: that one stands.
                if let Some(last) = invoice_repo::latest_invoice(&state.db.pool, case.id).await? {
                    if last.status_at(now_ms()) == InvoiceStatus::Open {
                        return PaymentReference::parse(&last.reference);
                    }
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::internal(
        "no free payment reference after 5 draws",
    ))
}

async fn counter_token(
    state: &AppState,
    counter_id: Option<i64>,
) -> Result<Option<String>, AppError> {
    Ok(match counter_id {
        Some(id) => repo::counter(&state.db.pool, id)
            .await?
            .map(|c| c.display_token),
        None => None,
    })
}

/// Cancels an unpaid invoice with a reason. Cancelling a cancelled one
/// changes nothing; a paid one cannot be cancelled.
pub async fn cancel_invoice(
    state: &AppState,
    user: &UserView,
    reference: &str,
    reason: &str,
) -> Result<(), AppError> {
    let reference = PaymentReference::parse(reference)?;
    let reason = crate::text::check(
        reason,
        "reason",
        crate::text::Rules {
            min: 0,
            max: 500,
            lines: true,
        },
        crate::text::Messages {
            too_short: "payments.reason_invalid",
            too_long: "payments.reason_invalid",
            invalid: "payments.reason_invalid",
        },
    )?;
    let mut conn = state.db.pool.acquire().await?;
    let invoice = invoice_repo::invoice_by_reference(&mut conn, reference.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    may_work_case(state, user, invoice.agency_id, invoice.counter_id).await?;
    match InvoiceStatus::parse(&invoice.status) {
        Some(InvoiceStatus::Cancelled) => return Ok(()),
        Some(InvoiceStatus::Paid) => return Err(AppError::conflict("payments.already_paid")),
        _ => {}
    }
    let at = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !invoice_repo::cancel_invoice(&mut tx, invoice.id).await? {
        // Paid or cancelled meanwhile: read which.
        drop(tx);
        let mut conn = state.db.pool.acquire().await?;
        let now = invoice_repo::invoice_by_reference(&mut conn, reference.as_str()).await?;
        return match now.and_then(|i| InvoiceStatus::parse(&i.status)) {
            Some(InvoiceStatus::Paid) => Err(AppError::conflict("payments.already_paid")),
            _ => Ok(()),
        };
    }
    repo::set_case_status(&mut tx, invoice.case_id, "open").await?;
    let note = if reason.is_empty() {
        reference.as_str().to_string()
    } else {
        format!("{} · {reason}", reference.as_str())
    };
    let cancelled = Step {
        case_id: invoice.case_id,
        agency_id: invoice.agency_id,
        actor_id: Some(user.id),
        kind: "cancelled",
        state: "open",
        note: &note,
        at,
    };
    let step_id = step(&mut tx, cancelled).await?;
    tx.commit().await?;
    state
        .live
        .publish(invoice_event(
            reference.as_str(),
            invoice.display_token.as_deref(),
            step_id,
            InvoiceStatus::Cancelled,
        ))
        .await;
    Ok(())
}
