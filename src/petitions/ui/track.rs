//! The tracking form and `/track`: open any petition by its tracking code.

use super::detail::PetitionView;
use crate::i18n::use_i18n;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The form that opens a petition by its tracking code (a GET form).
#[component]
pub fn TrackForm() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/track" class="form" role="search">
            <div class="field">
                <label for="f-code">{i18n.t("petitions.code")}</label>
                <p class="hint" id="f-code-hint">{i18n.t("petitions.code_hint")}</p>
                <input id="f-code" name="code" autocomplete="off" aria-describedby="f-code-hint" required=true />
            </div>
            <button type="submit" class="primary">{i18n.t("petitions.track_submit")}</button>
        </form>
    }
}

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
