//! The language switcher on every page: one small form per language, so it
//! works without JavaScript (the cookie is set and the page comes back in
//! the new language) and, with it, through the islands router without a
//! reload. One form per language rather than one form of three buttons:
//! the router posts the form's fields, not the clicked button.

use super::{use_i18n, Locale};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Remembers the chosen language in a cookie.
#[server(endpoint = "set_locale")]
pub async fn set_locale(locale: String) -> Result<Locale, AppError> {
    let locale =
        Locale::parse(&locale).ok_or_else(|| AppError::invalid("locale", "error.bad_request"))?;
    let state = crate::server::state::app_state()?;
    crate::server::session::append_set_cookie(crate::i18n::request::set_cookie_header(
        locale,
        state.config.is_https(),
    ));
    Ok(locale)
}

/// The switcher.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let current = i18n.locale_untracked();
    view! {
        <div class="lang-switch" role="group" aria-labelledby="lang-label">
            <span class="visually-hidden" id="lang-label">{i18n.t("nav.language")}</span>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <form method="post" action=SetLocale::url()>
                            <input type="hidden" name="locale" value=l.code() />
                            <button type="submit" lang=l.code() aria-pressed=(l == current).to_string()>
                                {l.native_name()}
                            </button>
                        </form>
                    }
                })
                .collect_view()}
        </div>
    }
}
