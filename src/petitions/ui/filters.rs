//! Selects for the GET filter forms of the lists: locality (a province or
//! district covers everything within it), agency and category. Each keeps
//! the value in the URL, so the forms work with JavaScript off.

use crate::accounts::api::localities;
use crate::accounts::model::AgencyOption;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::petitions::api::categories;
use leptos::prelude::*;

/// The locality filter.
#[component]
pub fn LocalityFilter(selected: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let options = Resource::new(|| (), |_| localities());
    view! {
        <Suspense fallback=|| ()>
            {move || options.get().map(|r| {
                let items = r.unwrap_or_default().into_iter().map(|o| {
                    let id = o.id.to_string();
                    let value = id.clone();
                    view! { <option value=value selected=move || selected.get() == id>{o.label}</option> }
                }).collect_view();
                view! {
                    <div class="field">
                        <label for="f-locality">{i18n.t("routing.locality")}</label>
                        <select id="f-locality" name="locality">
                            <option value="">{i18n.t("petitions.any")}</option>
                            {items}
                        </select>
                    </div>
                }
            })}
        </Suspense>
    }
}

/// The agency filter; `show` hides it (the officers' queue shows it to admins).
#[component]
pub fn AgencyFilter(
    selected: Signal<String>,
    agencies: Resource<Result<Vec<AgencyOption>, AppError>>,
    #[prop(into)] show: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || agencies.get().map(|r| show.get().then(|| {
                let items = r.unwrap_or_default().into_iter().map(|a| {
                    let id = a.id.to_string();
                    let value = id.clone();
                    view! { <option value=value selected=move || selected.get() == id>{a.name}</option> }
                }).collect_view();
                view! {
                    <div class="field">
                        <label for="f-agency">{i18n.t("routing.agency")}</label>
                        <select id="f-agency" name="agency">
                            <option value="">{i18n.t("petitions.any")}</option>
                            {items}
                        </select>
                    </div>
                }
            }))}
        </Suspense>
    }
}

/// The category filter (by category code).
#[component]
pub fn CategoryFilter(selected: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let cats = Resource::new(|| (), |_| categories());
    view! {
        <Suspense fallback=|| ()>
            {move || cats.get().map(|r| {
                let items = r.unwrap_or_default().into_iter().map(|c| {
                    let code = c.code.clone();
                    view! {
                        <option value=c.code.clone() selected=move || selected.get() == code>
                            {move || c.names.get(i18n.locale()).to_string()}
                        </option>
                    }
                }).collect_view();
                view! {
                    <div class="field">
                        <label for="f-category">{i18n.t("petitions.category")}</label>
                        <select id="f-category" name="category">
                            <option value="">{i18n.t("petitions.any")}</option>
                            {items}
                        </select>
                    </div>
                }
            })}
        </Suspense>
    }
}
