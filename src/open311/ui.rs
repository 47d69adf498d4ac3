//! The account page's "API keys for Open311" section: issue a key (shown
//! once), list the active ones with their last use, revoke. Plain forms, so
//! it works with JavaScript off.

use super::api::{api_keys, new_api_key, IssueApiKey, RevokeApiKey};
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, Field, FormError};
use crate::ui::format;
use leptos::prelude::*;

/// The API-key section of the account page.
#[component]
pub fn ApiKeys() -> impl IntoView {
    let i18n = use_i18n();
    let issue = ServerAction::<IssueApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let issue_error = action_error(issue);
    let revoke_error = action_error(revoke);
    let keys = Resource::new(
        move || (issue.version().get(), revoke.version().get()),
        |_| api_keys(),
    );
    let fresh = Resource::new(move || issue.version().get(), |_| new_api_key());
    view! {
        <section aria-labelledby="apikeys-h">
            <h2 id="apikeys-h">{i18n.t("open311.keys_title")}</h2>
            <p>{i18n.t("open311.keys_explain")} " " <code>"/open311/v2/discovery.json"</code></p>
            <Transition fallback=|| ()>
                {move || fresh.get().and_then(|r| r.ok().flatten()).map(|key| view! {
                    <div class="notice" role="status">
                        <p>{i18n.t("open311.key_once")}</p>
                        <p><code class="api-key">{key}</code></p>
                    </div>
                })}
            </Transition>
            <ActionForm action=issue attr:class="form" attr:novalidate=true>
                <FormError error=issue_error />
                <Field
                    label="open311.key_label"
                    name="label"
                    hint="open311.key_label_hint"
                    required=false
                    error=issue_error
                />
                <button type="submit">{i18n.t("open311.issue")}</button>
            </ActionForm>
            <FormError error=revoke_error />
            <Transition fallback=|| ()>
                {move || keys.get().map(|r| {
                    let list = r.unwrap_or_default();
                    if list.is_empty() {
                        return view! { <p>{i18n.t("open311.no_keys")}</p> }.into_any();
                    }
                    view! {
                        <ul class="sessions">
                            {list.into_iter().map(|k| view! {
                                <li class="session">
                                    <p><strong>{k.label.clone()}</strong></p>
                                    <p>
                                        {i18n.t("open311.key_created")}" "
                                        <time datetime=format::iso(k.created_at)>{format::datetime(k.created_at)}</time>
                                        " · " {i18n.t("open311.key_last_used")}" "
                                        {match k.last_used_at {
                                            Some(t) => view! {
                                                <time datetime=format::iso(t)>{format::datetime(t)}</time>
                                            }.into_any(),
                                            None => view! { <span>{i18n.t("open311.key_never_used")}</span> }.into_any(),
                                        }}
                                    </p>
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="id" value=k.id.to_string() />
                                        <button type="submit">{i18n.t("open311.revoke")}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
