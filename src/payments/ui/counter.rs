//! `/counter`: the counter desk of a staff member: which counter, the
//! citizen display's link, the form that opens a case for a walk-in
//! citizen, and the counter's latest cases.

use super::{case_status_key, PageError};
use crate::i18n::use_i18n;
use crate::payments::api::{counter_desk, OpenCase};
use crate::payments::views::DeskView;
use crate::ui::form::{action_error, Field, FormError};
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/counter`
#[component]
pub fn CounterPage() -> impl IntoView {
    let query = use_query_map();
    let open = ServerAction::<OpenCase>::new();
    let desk = Resource::new(
        move || {
            let counter = query
                .read()
                .get("counter")
                .and_then(|c| c.parse::<i64>().ok());
            (counter, open.version().get())
        },
        |(counter, _)| counter_desk(counter),
    );
    view! {
        <PageHeading key="payments.counter_title" />
        <Transition fallback=|| ()>
            {move || desk.get().map(|r| match r {
                Ok(d) => view! { <Desk d open /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Desk(d: DeskView, open: ServerAction<OpenCase>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(current) = d.current.clone() else {
        return view! { <p class="notice">{i18n.t("payments.no_counter")}</p> }.into_any();
    };
    let error = action_error(open);
    let others: Vec<_> = d
        .counters
        .iter()
        .filter(|c| c.id != current.id)
        .cloned()
        .collect();
    view! {
        <section class="counter" aria-labelledby="counter-h">
            <h2 id="counter-h">{current.name.clone()} " · " {current.agency.clone()}</h2>
            <p class="meta">{current.location.clone()}</p>
            <p>
                <a href=current.display_link.clone() target="_blank" rel="noopener">
                    {i18n.t("payments.open_display")}
                </a>
                " · "
                <A href="/counter/receipts">{i18n.t("payments.check_nav")}</A>
                " · "
                <A href=format!("/counter/reconciliation?counter={}", current.id)>{i18n.t("payments.reconciliation_title")}</A>
            </p>
            {(!others.is_empty()).then(|| view! {
                <nav aria-label=i18n.t("payments.other_counters")>
                    <ul class="inline">
                        {others.into_iter().map(|c| view! {
                            <li><A href=format!("/counter?counter={}", c.id)>{c.name} " · " {c.agency}</A></li>
                        }).collect_view()}
                    </ul>
                </nav>
            })}
        </section>
        <section aria-labelledby="open-h">
            <h2 id="open-h">{i18n.t("payments.open_case")}</h2>
            <ActionForm action=open attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="counter" value=current.id.to_string() />
                <input type="hidden" name="form_key" value=d.form_key.clone() />
                <div class="field">
                    <label for="f-procedure">{i18n.t("payments.procedure")}</label>
                    <select id="f-procedure" name="procedure" required=true>
                        {d.procedures.iter().map(|p| {
                            let fee = p.fee.map(|f| f.display());
                            let (id, code, name) = (p.id.to_string(), p.code.clone(), p.name.clone());
                            view! {
                                <option value=id>
                                    {code} " — " {move || name.get(i18n.locale()).to_string()} " — "
                                    {match fee.clone() {
                                        Some(f) => f,
                                        None => i18n.tr("payments.free"),
                                    }}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="f-procedure-error" aria-live="polite">
                        {crate::ui::form::field_message(error, "procedure")}
                    </p>
                </div>
                <Field label="payments.citizen_name" name="citizen_name" error autocomplete="off" />
                <Field label="payments.citizen_contact" name="citizen_contact" error required=false hint="payments.citizen_contact_hint" />
                <button type="submit" class="primary">{i18n.t("payments.open_case_submit")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="cases-h">
            <h2 id="cases-h">{i18n.t("payments.latest_cases")}</h2>
            {if d.cases.is_empty() {
                view! { <p>{i18n.t("payments.no_cases")}</p> }.into_any()
            } else {
                view! {
                    <ul class="cases">
                        {d.cases.iter().map(|c| {
                            let name = c.procedure.clone();
                            let code = c.code.clone();
                            view! {
                                <li id=format!("case-{}", c.code)>
                                    <A href=format!("/counter/cases/{}", c.code)><strong class="code">{code}</strong></A>
                                    " · " {c.citizen_name.clone()}
                                    " · " {move || name.get(i18n.locale()).to_string()}
                                    " · " <span class=format!("status status-{}", c.status)>{i18n.t(case_status_key(&c.status))}</span>
                                    " · " <time datetime=format::iso(c.created_at)>{format::datetime(c.created_at)}</time>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
