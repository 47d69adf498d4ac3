//! `/officer`: the open petitions of the officer's agency, filtered by
//! status, category and locality (admins see every agency's, and may filter
//! by agency). The filters are a GET form, so they work without JavaScript.

use crate::accounts::api::agencies;
use crate::accounts::model::Role;
use crate::accounts::ui::auth::use_auth;
use crate::i18n::use_i18n;
use crate::petitions::model::Status;
use crate::petitions::routing::api::{filtered_queue, QueueFilter};
use crate::petitions::ui::filters::{AgencyFilter, CategoryFilter, LocalityFilter};
use crate::petitions::ui::PetitionCard;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/officer`
#[component]
pub fn OfficerQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        QueueFilter {
            status: q.get("status").unwrap_or_default(),
            category: q.get("category").unwrap_or_default(),
            locality: q.get("locality").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
        }
    });
    let queue = Resource::new(move || filter.get(), filtered_queue);
    let agency_list = Resource::new(|| (), |_| agencies());
    let is_admin =
        Signal::derive(move || auth.user().flatten().is_some_and(|u| u.role == Role::Admin));
    let open = Status::ALL.iter().copied().filter(|s| s.is_open());
    view! {
        <PageHeading key="petitions.queue_title" />
        <form method="get" action="/officer" class="filters" role="search" aria-label=i18n.t("routing.queue_filters")>
            <div class="field">
                <label for="f-status">{i18n.t("petitions.status")}</label>
                <select id="f-status" name="status">
                    <option value="">{i18n.t("petitions.any")}</option>
                    {open.map(|s| view! {
                        <option value=s.as_str() selected=move || filter.get().status == s.as_str()>{i18n.t(s.label_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <CategoryFilter selected=Signal::derive(move || filter.get().category) />
            <LocalityFilter selected=Signal::derive(move || filter.get().locality) />
            <AgencyFilter selected=Signal::derive(move || filter.get().agency) agencies=agency_list show=is_admin />
            <button type="submit" class="primary">{i18n.t("routing.filter_submit")}</button>
        </form>
        <Transition fallback=|| ()>
            {move || queue.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{i18n.t("petitions.queue_empty")}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="petition-list">
                        {list.into_iter().map(|p| view! { <PetitionCard p /> }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}
