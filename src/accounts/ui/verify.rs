//! `/verify?token=…`: the link mailed to a new account confirms its address
//! when opened, with or without JavaScript.

use crate::accounts::api::verify_email;
use crate::i18n::use_i18n;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/verify?token=…`
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let result = Resource::new(move || token.get(), verify_email);
    view! {
        <PageHeading key="accounts.verify_title" />
        <Transition fallback=|| ()>
            {move || {
                result
                    .get()
                    .map(|r| match r {
                        Ok(()) => view! {
                            <p class="notice" role="status">{i18n.t("accounts.verify_done")}</p>
                            <p><A href="/petitions">{i18n.t("accounts.verify_petitions_link")}</A></p>
                        }
                            .into_any(),
                        Err(e) => view! {
                            <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p>
                            <p><A href="/account">{i18n.t("accounts.verify_account_link")}</A></p>
                        }
                            .into_any(),
                    })
            }}
        </Transition>
    }
}
