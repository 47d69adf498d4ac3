//! `/counter/reconciliation?counter=<id>&day=<YYYY-MM-DD>`: a counter's day
//! for reconciliation, by procedure and status with the totals, and the
//! same as CSV. A GET form picks the day, so it works without JavaScript.

use super::PageError;
use crate::i18n::use_i18n;
use crate::payments::api::reconciliation;
use crate::payments::model::InvoiceStatus;
use crate::payments::views::{ReconciliationLine, ReconciliationView};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/counter/reconciliation`
#[component]
pub fn ReconciliationPage() -> impl IntoView {
    let query = use_query_map();
    let report = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("counter").unwrap_or_default(),
                q.get("day").unwrap_or_default(),
            )
        },
        |(counter, day)| reconciliation(counter, day),
    );
    view! {
        <PageHeading key="payments.reconciliation_title" />
        <p><A href="/counter">{use_i18n().t("payments.back_to_counter")}</A></p>
        <Transition fallback=|| ()>
            {move || report.get().map(|r| match r {
                Ok(r) => view! { <Report r /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Report(r: ReconciliationView) -> impl IntoView {
    let i18n = use_i18n();
    let csv = format!(
        "/counter/reconciliation.csv?counter={}&day={}",
        r.counter_id, r.day
    );
    let line = move |l: &ReconciliationLine, total: bool| {
        let status = InvoiceStatus::parse(&l.status)
            .map(|s| i18n.tr(s.label_key()))
            .unwrap_or_else(|| l.status.clone());
        let what = if total {
            i18n.tr("payments.reconciliation_all")
        } else {
            format!("{} — {}", l.procedure_code, l.procedure)
        };
        view! {
            <tr class=if total { "total" } else { "" }>
                <th scope="row">{what}</th>
                <td>{status}</td>
                <td class="num">{l.count}</td>
                <td class="num">{l.total.display()}</td>
            </tr>
        }
    };
    let rows = r
        .lines
        .iter()
        .map(|l| line(l, false))
        .chain(r.totals.iter().map(|l| line(l, true)))
        .collect_view();
    view! {
        <p class="lead">{r.counter.clone()} " · " {r.agency.clone()}</p>
        <form method="get" action="/counter/reconciliation" class="form inline-form">
            <input type="hidden" name="counter" value=r.counter_id.to_string() />
            <label for="recon-day">{i18n.t("payments.reconciliation_day")}</label>
            <input id="recon-day" type="date" name="day" value=r.day.clone() required />
            <button type="submit">{i18n.t("payments.reconciliation_show")}</button>
        </form>
        {if r.lines.is_empty() {
            view! { <p>{i18n.t("payments.reconciliation_empty")}</p> }.into_any()
        } else {
            view! {
                <table class="stats">
                    <caption>{i18n.t("payments.reconciliation_caption")} " " {r.day.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t("payments.procedure")}</th>
                            <th scope="col">{i18n.t("payments.status")}</th>
                            <th scope="col">{i18n.t("payments.reconciliation_invoices")}</th>
                            <th scope="col">{i18n.t("payments.reconciliation_total")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }.into_any()
        }}
        <p><a href=csv download>{i18n.t("payments.reconciliation_csv")}</a></p>
    }
}
