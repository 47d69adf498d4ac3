//! `/counter/display/:token`: the citizen-facing display beside a counter.
//! It shows the counter's current invoice as a large VietQR code, then
//! "paid", by itself (the display's live topic); whoever holds the
//! display's unguessable link may open it, no sign-in needed.

use super::{InvoicePanel, PageError};
use crate::i18n::use_i18n;
use crate::live::client::LiveRefresh;
use crate::payments::api::counter_display;
use crate::payments::views::DisplayView;
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/counter/display/:token`
#[component]
pub fn DisplayPage() -> impl IntoView {
    let params = use_params_map();
    let display = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        counter_display,
    );
    view! {
        <Transition fallback=|| ()>
            {move || display.get().map(|r| match r {
                Ok(d) => view! { <Display d /> }.into_any(),
                Err(e) => view! { <h1>{use_i18n().t("payments.display_title")}</h1> <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Display(d: DisplayView) -> impl IntoView {
    let i18n = use_i18n();
    let title = format!("{} · {}", d.counter, d.agency);
    view! {
        <PageMeta title=title.clone() description=i18n.late("payments.display_title") />
        <LiveRefresh stream=crate::payments::live::display_stream(&d.token) events=crate::payments::live::EVENTS.to_string() />
        <div class="counter-display">
            <h1>{title}</h1>
            {match d.invoice.clone() {
                Some(invoice) => {
                    let procedure = d.procedure.clone().unwrap_or_default();
                    view! {
                        <p class="lead">{move || procedure.get(i18n.locale()).to_string()}</p>
                        <InvoicePanel invoice />
                    }.into_any()
                }
                None => view! { <p class="lead" role="status">{i18n.t("payments.display_welcome")}</p> }.into_any(),
            }}
            // Right after the payment, the display offers to rate the service.
            {d.rate.clone().map(|rate| view! { <super::rating::RateLinkPanel rate /> })}
        </div>
    }
}
