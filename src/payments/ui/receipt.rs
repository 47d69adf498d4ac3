//! Receipts on the counter's pages: a paid case's receipt (its QR code,
//! which prints on A4 and on an 80 mm slip), and `/counter/receipts`, where
//! staff check a receipt by its token: read by the camera scanner, or typed
//! or pasted as the fallback. The check is a GET form, so it works without
//! JavaScript; it records only the first check, so repeating it (a reload)
//! changes nothing more and answers "already checked".

use super::PageError;
use crate::i18n::use_i18n;
use crate::payments::api::verify_receipt;
use crate::payments::views::{ReceiptCheck, ReceiptOutcome, ReceiptView};
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// A paid case's receipt.
#[component]
pub fn ReceiptPanel(receipt: ReceiptView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="receipt" aria-labelledby="receipt-h">
            <h2 id="receipt-h">{i18n.t("payments.receipt_title")}</h2>
            <figure class="qr">
                <div class="qr-code" inner_html=receipt.qr_svg.clone()></div>
                <figcaption>{i18n.t("payments.receipt_hint")}</figcaption>
            </figure>
            <super::rating::RateLinkPanel rate=receipt.rate.clone() />
            <details class="no-print">
                <summary>{i18n.t("payments.receipt_token")}</summary>
                <p><code class="receipt-token">{receipt.token.clone()}</code></p>
            </details>
        </section>
    }
}

/// `/counter/receipts?token=…`
#[component]
pub fn CheckReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let check = Resource::new(token, |token| async move {
        if token.trim().is_empty() {
            None
        } else {
            Some(verify_receipt(token).await)
        }
    });
    view! {
        <PageHeading key="payments.check_title" />
        <p><A href="/counter">{i18n.t("payments.back_to_counter")}</A></p>
        <Transition fallback=|| ()>
            {move || check.get().flatten().map(|r| match r {
                Ok(c) => view! { <CheckResult c /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
        <form method="get" action="/counter/receipts" class="form">
            <label for="receipt-token">{i18n.t("payments.check_token")}</label>
            <p class="hint" id="receipt-token-hint">{i18n.t("payments.check_token_hint")}</p>
            <textarea id="receipt-token" name="token" rows="3" required
                aria-describedby="receipt-token-hint" autocomplete="off" spellcheck="false"></textarea>
            <button type="submit" class="primary">{i18n.t("payments.check_submit")}</button>
        </form>
    }
}

#[component]
fn CheckResult(c: ReceiptCheck) -> impl IntoView {
    let i18n = use_i18n();
    let (class, key) = match c.outcome {
        ReceiptOutcome::Valid => ("check check-valid", "payments.check_valid"),
        ReceiptOutcome::AlreadyChecked => ("check check-again", "payments.check_again"),
        ReceiptOutcome::Invalid => ("check check-invalid", "payments.check_invalid"),
    };
    let details = (c.outcome != ReceiptOutcome::Invalid).then(|| {
        view! {
            <dl class="case">
                <dt>{i18n.t("payments.reference")}</dt><dd class="code">{c.reference.clone()}</dd>
                <dt>{i18n.t("payments.fee")}</dt><dd>{c.amount.map(|a| a.display())}</dd>
                <dt>{i18n.t("payments.procedure")}</dt><dd>{c.procedure.clone()}</dd>
                {c.paid_at.map(|t| view! {
                    <dt>{i18n.t("payments.paid_at")}</dt>
                    <dd><time datetime=format::iso(t)>{format::datetime(t)}</time></dd>
                })}
                {c.checked_at.map(|t| view! {
                    <dt>{i18n.t("payments.checked_at")}</dt>
                    <dd><time datetime=format::iso(t)>{format::datetime(t)}</time></dd>
                })}
            </dl>
            <p><A href=format!("/counter/cases/{}", c.case_code)>{i18n.t("payments.open_case_link")}</A></p>
        }
    });
    view! {
        <section class=class role="status" aria-live="polite" data-outcome=format!("{:?}", c.outcome)>
            <p><strong>{i18n.t(key)}</strong></p>
            {details}
        </section>
    }
}
