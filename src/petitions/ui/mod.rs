//! Petition pages: the public list, submitting, a petition's page (also
//! reached by tracking code), the officers' queue, and the statistics.

pub mod detail;
pub mod filters;
pub mod list;
pub mod submit;
pub mod track;
pub mod track_form;

use super::views::PetitionSummary;
use crate::i18n::use_i18n;
use crate::ui::format;
use leptos::prelude::*;
use leptos_router::components::A;

/// A petition in a list.
#[component]
pub fn PetitionCard(p: PetitionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/petitions/{}", p.code);
    let category = p.category.clone();
    view! {
        <li class="petition-card" data-key=p.code.clone()>
            <h3><A href=href>{p.title.clone()}</A></h3>
            <p class="meta">
                <span class=format!("status status-{}", p.status.as_str())>{i18n.t(p.status.label_key())}</span>
                " · " {move || category.get(i18n.locale()).to_string()}
                " · " {p.locality.clone()}
            </p>
            <p class="meta">
                <span class="code">{p.code.clone()}</span>
                " · " <time datetime=format::iso(p.created_at)>{format::datetime(p.created_at)}</time>
                " · " <crate::ui::live_count::LiveCount key=crate::petitions::live::supports_key(&p.code) n=p.supports label="petitions.supporters" />
            </p>
            {p.answer_due_at.map(|due| view! {
                <p class="meta deadline">
                    {i18n.t("petitions.answer_due")} " "
                    <time datetime=format::iso(due)>{format::datetime(due)}</time>
                </p>
            })}
        </li>
    }
}

/// The signed-in citizen's own petitions, for the account page.
#[component]
pub fn MyPetitions() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| super::api::my_petitions());
    view! {
        <section aria-labelledby="mine-h">
            <h2 id="mine-h">{i18n.t("petitions.mine")}</h2>
            <Transition fallback=|| ()>
                {move || mine.get().map(|r| {
                    let list = r.unwrap_or_default();
                    if list.is_empty() {
                        view! {
                            <p>{i18n.t("petitions.mine_empty")} " " <A href="/petitions/new">{i18n.t("petitions.new_link")}</A></p>
                        }.into_any()
                    } else {
                        view! {
                            <ul class="petition-list">
                                {list.into_iter().map(|p| view! { <PetitionCard p /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
