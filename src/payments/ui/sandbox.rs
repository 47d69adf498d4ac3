//! `/sandbox/bank` (demo mode only): the sandbox bank app. It pays an open
//! invoice picked from a list, or any VietQR payload pasted in, by sending
//! the payment provider's signed notification to the gateway.

use super::PageError;
use crate::i18n::use_i18n;
use crate::payments::api::{sandbox_invoices, SandboxPay};
use crate::payments::views::PayableInvoice;
use crate::ui::form::{action_error, FormError, TextArea};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/sandbox/bank`
#[component]
pub fn SandboxBankPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let pay = ServerAction::<SandboxPay>::new();
    let invoices = Resource::new(move || pay.version().get(), |_| sandbox_invoices());
    let error = action_error(pay);
    let sent = move || {
        let q = query.read();
        q.get("paid")
            .map(|r| (r, q.get("outcome").unwrap_or_default()))
    };
    view! {
        <PageHeading key="payments.sandbox_title" />
        <p class="notice">{i18n.t("payments.sandbox_lead")}</p>
        {move || sent().map(|(reference, outcome)| view! {
            <p class="notice" role="status" data-outcome=outcome.clone()>
                {i18n.t("payments.sandbox_sent")} " " <strong class="code">{reference}</strong>
                " — " {i18n.tr(&format!("payments.outcome_{}", outcome_key(&outcome)))}
            </p>
        })}
        <Transition fallback=|| ()>
            {move || invoices.get().map(|r| match r {
                Ok(list) => view! { <Payable list pay /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
        <section aria-labelledby="paste-h">
            <h2 id="paste-h">{i18n.t("payments.sandbox_paste")}</h2>
            <ActionForm action=pay attr:class="form" attr:novalidate=true>
                <FormError error />
                <TextArea label="payments.payload" name="payload" error rows=3 />
                <button type="submit" class="primary">{i18n.t("payments.sandbox_confirm")}</button>
            </ActionForm>
        </section>
    }
}

/// The outcomes there are messages for.
fn outcome_key(outcome: &str) -> &'static str {
    match outcome {
        "paid" => "paid",
        "duplicate" => "duplicate",
        _ => "mismatch",
    }
}

#[component]
fn Payable(list: Vec<PayableInvoice>, pay: ServerAction<SandboxPay>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="payable-h">
            <h2 id="payable-h">{i18n.t("payments.sandbox_open")}</h2>
            {if list.is_empty() {
                view! { <p>{i18n.t("payments.sandbox_none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="payable">
                        {list.into_iter().map(|i| { let reference = i.reference.clone(); view! {
                            <li id=format!("pay-{}", &i.reference)>
                                <ActionForm action=pay>
                                    <input type="hidden" name="payload" value=i.payload.clone() />
                                    <strong class="code">{reference}</strong> " · " {i.amount.display()} " "
                                    <button type="submit" class="primary">{i18n.t("payments.sandbox_pay")}</button>
                                </ActionForm>
                            </li>
                        }}).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
