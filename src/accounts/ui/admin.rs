//! `/admin/outbox`: the mail outbox, for deployments without SMTP (and tests).

use crate::accounts::api::outbox;
use crate::i18n::use_i18n;
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;

/// `/admin/outbox`
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let messages = Resource::new(|| (), |_| outbox());
    view! {
        <PageHeading key="admin.outbox_title" />
        <Transition fallback=|| ()>
            {move || {
                messages
                    .get()
                    .map(|r| match r {
                        Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{i18n.t("admin.outbox_empty")}</p> }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <article class="mail">
                                        <h2>{m.subject.clone()}</h2>
                                        <p>
                                            {i18n.t("admin.to")}": " {m.to_addr.clone()} " · "
                                            <time datetime=format::iso(m.created_at)>{format::datetime(m.created_at)}</time>
                                            " · "
                                            {if m.sent_at.is_some() { i18n.t("admin.sent")() } else { i18n.t("admin.pending")() }}
                                        </p>
                                        <pre class="mail-body">{m.body.clone()}</pre>
                                    </article>
                                }
                            })
                            .collect_view()
                            .into_any(),
                    })
            }}
        </Transition>
    }
}
