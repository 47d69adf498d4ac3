//! What the payments pages show, read on the server: the counter desk, a
//! case with its invoice and timeline, a counter's citizen display, and
//! the sandbox bank's list of payable invoices.

use super::invoice_repo::{self, InvoiceRow};
use super::model::{InvoiceStatus, Money, CASE_KIND};
use super::receipts::ReceiptKeys;
use super::repo::{self, CaseRow, CounterRow};
use super::service;
use super::views::*;
use crate::accounts::model::{Role, UserView};
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::SubjectRef;

/// How long a paid invoice stays on the display (ms).
const DISPLAY_PAID_MS: i64 = 10 * 60 * 1000;

fn counter_view(c: &CounterRow) -> CounterView {
    CounterView {
        id: c.id,
        name: c.name.clone(),
        location: c.location.clone(),
        agency: c.agency.clone(),
        display_link: format!("/counter/display/{}", c.display_token),
    }
}

fn summary(c: &CaseRow) -> CaseSummary {
    CaseSummary {
        code: c.code.clone(),
        citizen_name: c.citizen_name.clone(),
        procedure: ProcedureName {
            vi: c.name_vi.clone(),
            en: c.name_en.clone(),
            ko: c.name_ko.clone(),
        },
        status: c.status.clone(),
        created_at: c.created_at,
    }
}

/// The counter desk of `user`: the counter `wanted` (or their first).
pub async fn desk(
    state: &AppState,
    user: &UserView,
    wanted: Option<i64>,
) -> Result<DeskView, AppError> {
    let pool = &state.db.pool;
    let counters = repo::counters_for(pool, user.id, user.role == Role::Admin).await?;
    let current = match wanted {
        Some(id) => Some(
            counters
                .iter()
                .find(|c| c.id == id)
                .cloned()
                .ok_or(AppError::Forbidden)?,
        ),
        None => counters.first().cloned(),
    };
    let (procedures, cases) = match &current {
        Some(c) => {
            super::access::may_work_case(state, user, c.agency_id, Some(c.id)).await?;
            let procedures = repo::procedures_of(pool, c.agency_id)
                .await?
                .into_iter()
                .map(|p| ProcedureView {
                    id: p.id,
                    code: p.code,
                    name: ProcedureName {
                        vi: p.name_vi,
                        en: p.name_en,
                        ko: p.name_ko,
                    },
                    fee: p.fee_dong.map(Money::from_dong),
                })
                .collect();
            let cases = repo::cases_of_counter(pool, c.id, 20).await?;
            (procedures, cases.iter().map(summary).collect())
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(DeskView {
        counters: counters.iter().map(counter_view).collect(),
        current: current.as_ref().map(counter_view),
        procedures,
        cases,
        form_key: service::random_key(),
    })
}

/// An invoice as its pages show it, with the QR code while it is open.
pub async fn invoice_view(state: &AppState, i: &InvoiceRow) -> Result<InvoiceView, AppError> {
    let status = i.status_at(now_ms());
    let amount = Money::from_dong(i.amount_dong);
    let bank = repo::bank_account(&state.db.pool, i.agency_id).await?;
    let (payload, qr_svg) = match (&bank, status) {
        (Some(bank), InvoiceStatus::Open) => {
            let payload = super::qr::payload(bank, amount, &i.reference, &i.name_vi)?;
            let label = format!("VietQR {} {}", amount.display(), i.reference);
            let svg = super::qr::svg_inline(&payload, &label)?;
            (payload, svg)
        }
        _ => (String::new(), String::new()),
    };
    Ok(InvoiceView {
        reference: i.reference.clone(),
        amount,
        status,
        expires_at: i.expires_at,
        paid_at: i.paid_at,
        payload,
        qr_svg,
        bank: bank.map(|b| BankAccountView {
            bin: b.bank_bin,
            account: b.account_number,
            name: b.account_name,
        }),
    })
}

/// A case's page for `user`.
pub async fn case_detail(
    state: &AppState,
    user: &UserView,
    code: &str,
) -> Result<CaseDetail, AppError> {
    let case = service::workable_case(state, user, code).await?;
    let pool = &state.db.pool;
    let counter = match case.counter_id {
        Some(id) => repo::counter(pool, id).await?,
        None => None,
    };
    let latest = invoice_repo::latest_invoice(pool, case.id).await?;
    let invoice = match &latest {
        Some(i) => Some(invoice_view(state, i).await?),
        None => None,
    };
    let refund = match &latest {
        Some(i) => super::refund_repo::of_reference(pool, &i.reference)
            .await?
            .map(super::refunds::view),
        None => None,
    };
    let receipt = match &latest {
        Some(i) => state
            .domain::<ReceiptKeys>()?
            .receipt(i, &state.config.site_url())?,
        None => None,
    };
    let steps = crate::subjects::timeline::steps(pool, SubjectRef::new(CASE_KIND, case.id))
        .await?
        .into_iter()
        .map(|s| CaseStep {
            at: s.at,
            kind: s.kind,
            note: s.note,
        })
        .collect();
    let can_issue = case.fee_dong.is_some()
        && !matches!(
            invoice.as_ref().map(|i| i.status),
            Some(InvoiceStatus::Open | InvoiceStatus::Paid)
        );
    Ok(CaseDetail {
        summary: summary(&case),
        citizen_contact: case.citizen_contact.clone(),
        procedure_code: case.procedure_code.clone(),
        fee: case.fee_dong.map(Money::from_dong),
        counter: counter.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        agency: counter.map(|c| c.agency).unwrap_or_default(),
        invoice,
        steps,
        can_issue,
        receipt,
        refund,
    })
}

/// The citizen display of the counter whose display token is `token`.
pub async fn display(state: &AppState, token: &str) -> Result<DisplayView, AppError> {
    // Tokens are hex (`random_key`): anything else names no counter.
    if token.is_empty() || token.len() > 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let pool = &state.db.pool;
    let counter = repo::counter_by_token(pool, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = now_ms();
    let shown = invoice_repo::display_invoice(pool, counter.id, now - 24 * 3600 * 1000)
        .await?
        .filter(|i| match i.status_at(now) {
            InvoiceStatus::Open => true,
            InvoiceStatus::Paid => i.paid_at.is_some_and(|t| now - t < DISPLAY_PAID_MS),
            _ => false,
        });
    let (invoice, procedure, rate) = match shown {
        Some(i) => {
            let procedure = repo::case_by_code(pool, &i.case_code)
                .await?
                .map(|c| summary(&c).procedure);
            let rate = match i.status_at(now) {
                InvoiceStatus::Paid => Some(
                    state
                        .domain::<ReceiptKeys>()?
                        .rate_link(&state.config.site_url(), &i.case_code)?,
                ),
                _ => None,
            };
            (Some(invoice_view(state, &i).await?), procedure, rate)
        }
        None => (None, None, None),
    };
    Ok(DisplayView {
        counter: counter.name,
        agency: counter.agency,
        token: counter.display_token,
        invoice,
        procedure,
        rate,
    })
}

/// The open invoices the sandbox bank offers to pay.
pub async fn payable(state: &AppState) -> Result<Vec<PayableInvoice>, AppError> {
    let mut out = Vec::new();
    for i in invoice_repo::open_invoices(&state.db.pool, now_ms(), 20).await? {
        let view = invoice_view(state, &i).await?;
        if !view.payload.is_empty() {
            out.push(PayableInvoice {
                reference: view.reference,
                amount: view.amount,
                payload: view.payload,
            });
        }
    }
    Ok(out)
}
