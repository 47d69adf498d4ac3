//! The payments pages: the counter desk, a case with its invoice, the
//! citizen-facing display and the sandbox bank; and the parts they share.

pub mod case;
pub mod counter;
pub mod display;
pub mod rating;
pub mod receipt;
pub mod reconciliation;
pub mod refund;
pub mod sandbox;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::payments::model::InvoiceStatus;
use crate::payments::views::InvoiceView;
use crate::ui::format;
use leptos::prelude::*;
use leptos_router::components::A;

/// The catalogue key of a case status's name.
pub fn case_status_key(status: &str) -> &'static str {
    match status {
        "awaiting_payment" => "payments.case_awaiting_payment",
        "paid" => "payments.case_paid",
        "refunded" => "payments.case_refunded",
        _ => "payments.case_open",
    }
}

/// The catalogue key of a timeline step's description.
pub fn step_key(kind: &str) -> &'static str {
    match kind {
        "opened" => "payments.step_opened",
        "invoice_issued" => "payments.step_invoice_issued",
        "paid" => "payments.step_paid",
        "cancelled" => "payments.step_cancelled",
        "receipt_checked" => "payments.step_receipt_checked",
        "rated" => "payments.step_rated",
        "refund_requested" => "payments.step_refund_requested",
        "refunded" => "payments.step_refunded",
        "refund_declined" => "payments.step_refund_declined",
        _ => "payments.step_mismatch",
    }
}

/// A page's error instead of its content: its message, and a way on.
#[component]
pub fn PageError(e: AppError) -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::page_status(&e);
    let sign_in = e == AppError::Unauthenticated;
    view! {
        <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p>
        {sign_in.then(|| view! { <p><A href="/signin">{i18n.t("nav.sign_in")}</A></p> })}
    }
}

/// An invoice: while open, its large VietQR code with the amount, the
/// reference and the beneficiary written out; once paid, a large "paid".
#[component]
pub fn InvoicePanel(invoice: InvoiceView) -> impl IntoView {
    let i18n = use_i18n();
    let status = invoice.status;
    let amount = invoice.amount.display();
    view! {
        <section class=format!("invoice invoice-{}", status.as_str()) aria-labelledby="invoice-h">
            <h2 id="invoice-h">{i18n.t("payments.invoice")} " " <span class="code">{invoice.reference.clone()}</span></h2>
            <p class="invoice-status" role="status" data-status=status.as_str()>
                <strong>{i18n.t(status.label_key())}</strong>
            </p>
            <p class="invoice-amount"><strong>{amount}</strong></p>
            {(status == InvoiceStatus::Open && !invoice.qr_svg.is_empty()).then(|| view! {
                <figure class="qr">
                    <div class="qr-code" inner_html=invoice.qr_svg.clone()></div>
                    <figcaption>{i18n.t("payments.scan_hint")}</figcaption>
                </figure>
                <p class="meta">
                    {i18n.t("payments.expires")} " "
                    <time datetime=format::iso(invoice.expires_at)>{format::datetime(invoice.expires_at)}</time>
                </p>
            })}
            {invoice.paid_at.map(|t| view! {
                <p class="meta">
                    {i18n.t("payments.paid_at")} " "
                    <time datetime=format::iso(t)>{format::datetime(t)}</time>
                </p>
            })}
            {invoice.bank.clone().map(|b| view! {
                <dl class="bank">
                    <dt>{i18n.t("payments.beneficiary")}</dt><dd>{b.name}</dd>
                    <dt>{i18n.t("payments.account")}</dt><dd>{b.account} " (BIN " {b.bin} ")"</dd>
                    <dt>{i18n.t("payments.reference")}</dt><dd class="code">{invoice.reference.clone()}</dd>
                </dl>
            })}
        </section>
    }
}
