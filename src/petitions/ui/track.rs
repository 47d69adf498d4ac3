//! The tracking form and `/track`: open any petition by its tracking code.

use crate::petitions::ui::detail::PetitionView;
use crate::petitions::ui::track_form::TrackForm;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/track`, and `/track?code=…` where the GET form lands: shows the
/// petition right there, so it works the same without JavaScript.
#[component]
pub fn TrackPage() -> impl IntoView {
    let query = use_query_map();
    let code = Memo::new(move |_| {
        query
            .read()
            .get("code")
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    });
    view! {
        <Show
            when=move || code.get().is_some()
            fallback=|| view! { <PageHeading key="petitions.track_title" /> <TrackForm /> }
        >
            <PetitionView code=Signal::derive(move || code.get().unwrap_or_default()) />
        </Show>
    }
}
