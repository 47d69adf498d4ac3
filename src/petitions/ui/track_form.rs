//! The form that opens a petition by its tracking code: on `/track`, and
//! on a petition page that could not be shown.

use crate::i18n::use_i18n;
use leptos::prelude::*;

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
