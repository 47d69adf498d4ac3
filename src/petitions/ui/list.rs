//! `/petitions`: the public list with search, filters, sort and pages. The
//! search form is a plain GET form, so it works without JavaScript.

use super::PetitionCard;
use crate::i18n::use_i18n;
use crate::petitions::api::list_petitions;
use crate::petitions::model::Status;
use crate::petitions::ui::filters::{AgencyFilter, CategoryFilter, LocalityFilter};
use crate::petitions::views::ListFilter;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/petitions`
#[component]
pub fn PetitionListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        ListFilter {
            q: q.get("q").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            category: q.get("category").unwrap_or_default(),
            sort: q.get("sort").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
            locality: q.get("locality").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
        }
    });
    let page = Resource::new(move || filter.get(), list_petitions);
    let agencies = Resource::new(|| (), |_| crate::accounts::api::agencies());
    let link_to = move |n: i64| {
        let f = filter.get();
        format!(
            "/petitions?q={}&status={}&category={}&sort={}&locality={}&agency={}&page={n}",
            form_urlencoded::byte_serialize(f.q.as_bytes()).collect::<String>(),
            f.status,
            f.category,
            f.sort,
            form_urlencoded::byte_serialize(f.locality.as_bytes()).collect::<String>(),
            form_urlencoded::byte_serialize(f.agency.as_bytes()).collect::<String>(),
        )
    };
    view! {
        <PageHeading key="petitions.list_title" />
        <crate::live::client::LiveRefresh stream=crate::petitions::live::list_stream() events=crate::petitions::live::EVENTS.to_string() />
        <p><A href="/petitions/new">{i18n.t("petitions.new_link")}</A> " · " <A href="/track">{i18n.t("petitions.track_link")}</A> " · " <A href="/petitions/statistics">{i18n.t("petitions.stats_link")}</A></p>
        <form method="get" action="/petitions" class="filters" role="search">
            <div class="field">
                <label for="f-q">{i18n.t("petitions.search")}</label>
                <input id="f-q" name="q" type="search" maxlength="200" value=move || filter.get().q />
            </div>
            <div class="field">
                <label for="f-status">{i18n.t("petitions.status")}</label>
                <select id="f-status" name="status">
                    <option value="">{i18n.t("petitions.any")}</option>
                    {Status::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=move || filter.get().status == s.as_str()>{i18n.t(s.label_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <CategoryFilter selected=Signal::derive(move || filter.get().category) />
            <LocalityFilter selected=Signal::derive(move || filter.get().locality) />
            <AgencyFilter selected=Signal::derive(move || filter.get().agency) agencies show=true />
            <div class="field">
                <label for="f-sort">{i18n.t("petitions.sort")}</label>
                <select id="f-sort" name="sort">
                    <option value="newest">{i18n.t("petitions.sort_newest")}</option>
                    <option value="supported" selected=move || filter.get().sort == "supported">{i18n.t("petitions.sort_supported")}</option>
                    <option value="deadline" selected=move || filter.get().sort == "deadline">{i18n.t("petitions.sort_deadline")}</option>
                </select>
            </div>
            <button type="submit" class="primary">{i18n.t("petitions.search_submit")}</button>
        </form>
        <Transition fallback=|| ()>
            {move || page.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                Ok(p) => {
                    let (current, pages, total) = (p.page, p.pages(), p.total);
                    // A capped count reads "10000+".
                    let shown = if p.more { format!("{total}+") } else { total.to_string() };
                    view! {
                        <h2 class="results"><span role="status">{shown} " " {move || i18n.plural("petitions.found", total)}</span></h2>
                        <ul class="petition-list">
                            {p.items.into_iter().map(|p| view! { <PetitionCard p /> }).collect_view()}
                        </ul>
                        <nav class="pager" aria-label=i18n.t("petitions.pages")>
                            {(current > 1).then(|| view! { <A href=link_to(current - 1)>{i18n.t("petitions.prev")}</A> })}
                            " " {current} " / " {pages} " "
                            {(current < pages).then(|| view! { <A href=link_to(current + 1)>{i18n.t("petitions.next")}</A> })}
                        </nav>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
