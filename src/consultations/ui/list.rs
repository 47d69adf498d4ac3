//! `/consultations`: the published consultations (open, upcoming, closed)
//! with filters by phase, agency and locality (a plain GET form, so it works
//! without JavaScript); and `/consultations/manage`, the officer's own.

use super::ConsultationCard;
use crate::accounts::api::localities;
use crate::accounts::model::{can, Action, Scope};
use crate::accounts::ui::auth::use_auth;
use crate::consultations::api::{list_consultations, managed_consultations};
use crate::consultations::model::Phase;
use crate::consultations::views::ListFilter;
use crate::i18n::use_i18n;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/consultations`
#[component]
pub fn ConsultationListPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        ListFilter {
            phase: q.get("phase").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
            locality: q.get("locality").unwrap_or_default(),
        }
    });
    let list = Resource::new(move || filter.get(), list_consultations);
    let agencies = Resource::new(|| (), |_| crate::accounts::api::agencies());
    let places = Resource::new(|| (), |_| localities());
    view! {
        <PageHeading key="consultations.list_title" />
        <p>{i18n.t("consultations.list_lead")}</p>
        <Transition fallback=|| ()>
            {move || auth.user().map(|u| can(u.as_ref(), Action::ManageConsultations, Scope::Site).then(|| view! {
                <p><A href="/consultations/manage">{i18n.t("consultations.manage_link")}</A></p>
            }))}
        </Transition>
        <form method="get" action="/consultations" class="filters" role="search">
            <div class="field">
                <label for="f-phase">{i18n.t("consultations.phase")}</label>
                <select id="f-phase" name="phase">
                    <option value="">{i18n.t("consultations.any")}</option>
                    {[Phase::Open, Phase::Upcoming, Phase::Closed].into_iter().map(|p| view! {
                        <option value=p.as_str() selected=move || filter.get().phase == p.as_str()>{i18n.t(p.label_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <Suspense fallback=|| ()>
                {move || agencies.get().map(|r| view! {
                    <div class="field">
                        <label for="f-agency">{i18n.t("consultations.agency")}</label>
                        <select id="f-agency" name="agency">
                            <option value="">{i18n.t("consultations.any")}</option>
                            {r.unwrap_or_default().into_iter().map(|a| {
                                let id = a.id.to_string();
                                let chosen = id.clone();
                                view! { <option value=id selected=move || filter.get().agency == chosen>{a.name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || places.get().map(|r| view! {
                    <div class="field">
                        <label for="f-locality">{i18n.t("consultations.locality")}</label>
                        <select id="f-locality" name="locality">
                            <option value="">{i18n.t("consultations.any")}</option>
                            {r.unwrap_or_default().into_iter().map(|l| {
                                let id = l.id.to_string();
                                let chosen = id.clone();
                                view! { <option value=id selected=move || filter.get().locality == chosen>{l.label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
            </Suspense>
            <button type="submit" class="primary">{i18n.t("consultations.filter")}</button>
        </form>
        <Transition fallback=|| ()>
            {move || list.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                Ok(items) if items.is_empty() => view! { <p>{i18n.t("consultations.none")}</p> }.into_any(),
                Ok(items) => view! {
                    <ul class="petition-list">
                        {items.into_iter().map(|c| view! { <ConsultationCard c /> }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}

/// `/consultations/manage`: the officer's consultations, drafts first to hand.
#[component]
pub fn ManageConsultationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| managed_consultations());
    view! {
        <PageHeading key="consultations.manage_title" />
        <p><A href="/consultations/new">{i18n.t("consultations.new_link")}</A></p>
        <super::comment_moderation::ReportedComments />
        <Transition fallback=|| ()>
            {move || list.get().map(|r| match r {
                Err(e) => {
                    crate::ui::page_status(&e);
                    view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any()
                }
                Ok(items) if items.is_empty() => view! { <p>{i18n.t("consultations.none")}</p> }.into_any(),
                Ok(items) => view! {
                    <ul class="petition-list">
                        {items.into_iter().map(|c| view! { <ConsultationCard c /> }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}
