//! Refunds on the counter's pages: a paid case's refund (ask with a reason,
//! or where the request stands), and `/officer/refunds`, where the agency's
//! officers approve or decline the requests waiting for them. Plain forms:
//! they work without JavaScript.

use super::PageError;
use crate::i18n::use_i18n;
use crate::payments::api::{waiting_refunds, DecideRefund, RequestRefund};
use crate::payments::views::RefundView;
use crate::ui::form::{action_error, FormError, TextArea};
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

/// A case's refund: where its request stands, or (`paid`: the paid
/// invoice's reference) the form that asks for one.
#[component]
pub fn RefundPanel(
    refund: Option<RefundView>,
    paid: Option<String>,
    action: ServerAction<RequestRefund>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let body = match (refund, paid) {
        (Some(r), _) => {
            let key = match r.state.as_str() {
                "approved" => "payments.refund_approved",
                "declined" => "payments.refund_declined",
                _ => "payments.refund_waiting",
            };
            view! {
                <p class="notice" role="status"><strong>{i18n.t(key)}</strong></p>
                <p>{i18n.t("payments.refund_reason")} ": " {r.reason.clone()}</p>
                {(!r.decision_note.is_empty()).then(|| view! {
                    <p>{i18n.t("payments.decision_note")} ": " {r.decision_note.clone()}</p>
                })}
            }
            .into_any()
        }
        (None, Some(reference)) => view! {
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="reference" value=reference />
                <TextArea label="payments.refund_reason" name="refund_reason" error rows=2
                    hint="payments.refund_hint" />
                <button type="submit">{i18n.t("payments.refund_submit")}</button>
            </ActionForm>
        }
        .into_any(),
        (None, None) => return ().into_any(),
    };
    view! {
        <section aria-labelledby="refund-h" class="no-print">
            <h2 id="refund-h">{i18n.t("payments.refund_title")}</h2>
            {body}
        </section>
    }
    .into_any()
}

/// `/officer/refunds`
#[component]
pub fn RefundsPage() -> impl IntoView {
    let decide = ServerAction::<DecideRefund>::new();
    let list = Resource::new(move || decide.version().get(), |_| waiting_refunds());
    view! {
        <PageHeading key="payments.refunds_title" />
        <Transition fallback=|| ()>
            {move || list.get().map(|r| match r {
                Ok(list) => view! { <Waiting list decide /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Waiting(list: Vec<RefundView>, decide: ServerAction<DecideRefund>) -> impl IntoView {
    let i18n = use_i18n();
    // One message for the list, field errors included: each item's note
    // has its own id, and the message names what to fix.
    let error = action_error(decide);
    let message = move || error.get().map(|e| i18n.tr(e.message_key()));
    let alert = view! {
        <Show when=move || message().is_some()>
            <p class="form-error" role="alert">{message}</p>
        </Show>
    };
    if list.is_empty() {
        return view! { {alert} <p>{i18n.t("payments.refunds_none")}</p> }.into_any();
    }
    view! {
        {alert}
        <ul class="sessions">
            {list.into_iter().map(|r| {
                let (approve_ref, decline_ref) = (r.reference.clone(), r.reference.clone());
                let note_id = format!("note-{}", r.reference);
                view! {
                    <li class="session" id=format!("refund-{}", r.reference)>
                        <p>
                            <strong>{r.amount.display()}</strong> " · " {r.procedure_code.clone()} " · "
                            <A href=format!("/counter/cases/{}", r.case_code)>{r.case_code.clone()}</A>
                        </p>
                        <p>{i18n.t("payments.refund_reason")} ": " {r.reason.clone()}</p>
                        <p class="meta">
                            {r.requested_by.clone()} " · "
                            <time datetime=format::iso(r.requested_at)>{format::datetime(r.requested_at)}</time>
                        </p>
                        <ActionForm action=decide attr:class="form">
                            <input type="hidden" name="reference" value=approve_ref />
                            <input type="hidden" name="decision" value="approve" />
                            <button type="submit" class="primary">{i18n.t("payments.refund_approve")}</button>
                        </ActionForm>
                        <ActionForm action=decide attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="reference" value=decline_ref />
                            <input type="hidden" name="decision" value="decline" />
                            <label for=note_id.clone()>{i18n.t("payments.decision_note")}</label>
                            <textarea id=note_id name="decision_note" rows="2"></textarea>
                            <button type="submit">{i18n.t("payments.refund_decline")}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
