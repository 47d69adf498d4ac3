//! The language switcher on every page: a form of three buttons that works
//! without JavaScript (the cookie is set and the page reloads) and, once
//! hydrated, switches every text in place.

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
    crate::server::session::append_set_cookie(crate::server::locale::set_cookie_header(
        locale,
        state.config.is_https(),
    ));
    Ok(locale)
}

/// The switcher. A plain form rather than `ActionForm`: without JavaScript
/// it posts to the server function as before; hydrated, the submit handler
/// sends the clicked button's value itself, so the first-load client needs
/// no form-data decoding (`ActionForm` pulls in `serde_qs`'s deserialiser).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(locale) = ev.submitter().and_then(|b| b.get_attribute("value")) else {
            return;
        };
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            if let Ok(locale) = set_locale(locale).await {
                i18n.set_locale(locale);
            }
        });
    };
    view! {
        <form method="post" action=SetLocale::url() class="lang-switch" on:submit=on_submit>
            <span class="visually-hidden" id="lang-label">{i18n.t("nav.language")}</span>
            <div role="group" aria-labelledby="lang-label">
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <button
                                type="submit"
                                name="locale"
                                value=l.code()
                                lang=l.code()
                                aria-pressed=move || (i18n.locale() == l).to_string()
                            >
                                {l.native_name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </form>
    }
}
