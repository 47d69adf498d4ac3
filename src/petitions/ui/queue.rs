//! `/officer`: the open petitions of the officer's agency.

use super::PetitionCard;
use crate::i18n::use_i18n;
use crate::petitions::api::officer_queue;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;

/// `/officer`
#[component]
pub fn OfficerQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(|| (), |_| officer_queue());
    view! {
        <PageHeading key="petitions.queue_title" />
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
