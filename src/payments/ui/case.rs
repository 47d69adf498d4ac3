//! `/counter/cases/:code`: a case at the counter: the citizen and the
//! procedure, the invoice with its large VietQR code (turning to "paid" by
//! itself when the payment arrives), issue and cancel, and the timeline.

use super::{case_status_key, step_key, InvoicePanel, PageError};
use crate::i18n::use_i18n;
use crate::live::client::LiveRefresh;
use crate::payments::api::{counter_case, CancelInvoice, IssueInvoice, RequestRefund};
use crate::payments::model::InvoiceStatus;
use crate::payments::views::CaseDetail;
use crate::ui::form::{action_error, FormError, TextArea};
use crate::ui::format;
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy)]
struct Actions {
    issue: ServerAction<IssueInvoice>,
    cancel: ServerAction<CancelInvoice>,
    refund: ServerAction<RequestRefund>,
}

/// `/counter/cases/:code`
#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let actions = Actions {
        issue: ServerAction::<IssueInvoice>::new(),
        cancel: ServerAction::<CancelInvoice>::new(),
        refund: ServerAction::<RequestRefund>::new(),
    };
    let case = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                actions.issue.version().get(),
                actions.cancel.version().get(),
                actions.refund.version().get(),
            )
        },
        |(code, ..)| counter_case(code),
    );
    view! {
        <Transition fallback=|| ()>
            {move || case.get().map(|r| match r {
                Ok(d) => view! { <Case d actions /> }.into_any(),
                Err(e) => view! { <h1>{use_i18n().t("payments.case_title")}</h1> <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Case(d: CaseDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.summary.clone();
    let title = format!("{} {}", i18n.tr("payments.case_title"), s.code);
    let procedure = s.procedure.clone();
    let issue_error = action_error(actions.issue);
    let cancel_error = action_error(actions.cancel);
    let open_invoice = d
        .invoice
        .clone()
        .filter(|i| i.status == InvoiceStatus::Open);
    view! {
        <PageMeta title=title.clone() description=title.clone() />
        {d.invoice.as_ref().map(|i| view! {
            // The invoice turns to paid (or cancelled) by itself.
            <LiveRefresh stream=crate::payments::live::invoice_stream(&i.reference) events=crate::payments::live::EVENTS.to_string() />
        })}
        <h1>{title}</h1>
        <p><A href="/counter">{i18n.t("payments.back_to_counter")}</A></p>
        <dl class="case">
            <dt>{i18n.t("payments.citizen_name")}</dt><dd>{s.citizen_name.clone()}</dd>
            {(!d.citizen_contact.is_empty()).then(|| view! {
                <dt>{i18n.t("payments.citizen_contact")}</dt><dd>{d.citizen_contact.clone()}</dd>
            })}
            <dt>{i18n.t("payments.procedure")}</dt>
            <dd>{d.procedure_code.clone()} " — " {move || procedure.get(i18n.locale()).to_string()}</dd>
            <dt>{i18n.t("payments.fee")}</dt>
            <dd>{match d.fee {
                Some(f) => f.display(),
                None => i18n.tr("payments.free"),
            }}</dd>
            <dt>{i18n.t("payments.status")}</dt>
            <dd><span class=format!("status status-{}", s.status)>{i18n.t(case_status_key(&s.status))}</span></dd>
            <dt>{i18n.t("payments.counter")}</dt><dd>{d.counter.clone()} " · " {d.agency.clone()}</dd>
        </dl>
        {d.invoice.clone().map(|invoice| view! { <InvoicePanel invoice /> })}
        {d.receipt.clone().map(|receipt| view! { <super::receipt::ReceiptPanel receipt /> })}
        <FormError error=issue_error />
        {d.can_issue.then(|| view! {
            <ActionForm action=actions.issue attr:class="form">
                <input type="hidden" name="code" value=s.code.clone() />
                <button type="submit" class="primary">{i18n.t("payments.issue_invoice")}</button>
            </ActionForm>
        })}
        {open_invoice.map(|i| view! {
            <section aria-labelledby="cancel-h">
                <h2 id="cancel-h">{i18n.t("payments.cancel_invoice")}</h2>
                <ActionForm action=actions.cancel attr:class="form" attr:novalidate=true>
                    <FormError error=cancel_error />
                    <input type="hidden" name="reference" value=i.reference.clone() />
                    <TextArea label="payments.cancel_reason" name="reason" error=cancel_error rows=2 />
                    <button type="submit">{i18n.t("payments.cancel_submit")}</button>
                </ActionForm>
            </section>
        })}
        <super::refund::RefundPanel
            refund=d.refund.clone()
            paid=d.invoice.as_ref().filter(|i| i.status == InvoiceStatus::Paid).map(|i| i.reference.clone())
            action=actions.refund
        />
        <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">{i18n.t("payments.timeline")}</h2>
            <ol class="timeline">
                {d.steps.iter().map(|step| view! {
                    <li>
                        <time datetime=format::iso(step.at)>{format::datetime(step.at)}</time>
                        " — " <strong>{i18n.t(step_key(&step.kind))}</strong>
                        {(!step.note.is_empty()).then(|| view! { <p class="note">{step.note.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
