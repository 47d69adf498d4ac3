//! `/inbox`: the steps of the subjects an account follows (petitions now),
//! newest first, unread ones marked; a button marks them all read.

use crate::accounts::inbox::{inbox_items, inbox_unread, MarkInboxRead};
use crate::accounts::ui::auth::use_auth;
use crate::i18n::use_i18n;
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// `/inbox`
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let mark = ServerAction::<MarkInboxRead>::new();
    let items = Resource::new(
        move || (mark.version().get(), auth.user().is_some()),
        |_| inbox_items(),
    );
    view! {
        <PageHeading key="follows.inbox_title" />
        <Transition fallback=|| ()>
            {move || items.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                Ok(items) if items.is_empty() => view! { <p>{i18n.t("follows.inbox_empty")}</p> }.into_any(),
                Ok(items) => {
                    let unread = items.iter().any(|i| !i.read);
                    view! {
                        {unread.then(|| view! {
                            <ActionForm action=mark>
                                <button type="submit">{i18n.t("follows.mark_read")}</button>
                            </ActionForm>
                        })}
                        <ul class="inbox">
                            {items.into_iter().map(|item| {
                                // A withheld title (hidden by a moderator) leaves the code.
                                let name = if item.title.is_empty() { item.code.clone() } else { item.title.clone() };
                                view! {
                                    <li class:unread=!item.read>
                                        {(!item.read).then(|| view! {
                                            <span class="badge">{i18n.t("follows.new")}</span> " "
                                        })}
                                                <A href=item.link.clone()>{name}</A>
                                        " " <span class="code">{item.code.clone()}</span>
                                        <p>
                                            <time datetime=format::iso(item.at)>{format::datetime(item.at)}</time>
                                            " — " {item.what.clone()}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// The number of unread inbox entries, counted again on every navigation
/// (0 when signed out). Created once by the header, outside any Suspense, so
/// the server and the hydrating client create their resources in one order.
pub fn unread_count() -> Resource<Result<i64, crate::error::AppError>> {
    let path = use_location().pathname;
    Resource::new(move || path.get(), |_| inbox_unread())
}

/// The header's link to the inbox, with the number of unread entries.
#[component]
pub fn InboxLink(unread: Resource<Result<i64, crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    // Read inside the header's Transition, which waits for it.
    let count = move || unread.get().and_then(Result::ok).filter(|n| *n > 0);
    view! {
        <A href="/inbox">
            {i18n.t("nav.inbox")}
            {move || count().map(|n| view! {
                " " <span class="badge">{n}<span class="visually-hidden">" "{i18n.t("follows.unread")}</span></span>
            })}
        </A>
    }
}
