//! The page frame: skip link, header with navigation and sign-in state, the
//! language switcher, and the footer.

use crate::accounts::model::{can, Action, Scope};
use crate::accounts::ui::auth::use_auth;
use crate::i18n::switch::LanguageSwitch;
use crate::i18n::use_i18n;
use crate::petitions::ui::inbox::{unread_count, InboxLink};
use leptos::prelude::*;
use leptos_router::components::A;

/// The header every page shares.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let unread = unread_count();
    view! {
        <a class="skip-link" href="#main">{i18n.t("nav.skip")}</a>
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">{i18n.t("nav.brand")}</A>
                <LanguageSwitch />
            </div>
            <nav aria-label=i18n.t("nav.main")>
                <ul>
                    <li><A href="/">{i18n.t("nav.home")}</A></li>
                    <li><A href="/petitions">{i18n.t("nav.petitions")}</A></li>
                    <li><A href="/track">{i18n.t("nav.track")}</A></li>
                    <Transition fallback=|| ()>
                        {move || {
                            auth.user()
                                .map(|user| match user {
                                    Some(user) => {
                                        let admin = can(Some(&user), Action::ViewOutbox, Scope::Site);
                                        let officer = can(Some(&user), Action::HandlePetitions, Scope::Site);
                                        let moderator = can(Some(&user), Action::ModeratePetitions, Scope::Site);
                                        view! {
                                            <li><InboxLink unread /></li>
                                            <li><A href="/account">{i18n.t("nav.account")}</A></li>
                                            {officer.then(|| view! {
                                                <li><A href="/officer">{i18n.t("nav.queue")}</A></li>
                                            })}
                                            {moderator.then(|| view! {
                                                <li><A href="/officer/moderation">{i18n.t("moderation.nav")}</A></li>
                                            })}
                                            {admin.then(|| view! {
                                                <li><A href="/admin/outbox">{i18n.t("nav.outbox")}</A></li>
                                            })}
                                            <li class="who">
                                                <span class="visually-hidden">{i18n.t("nav.signed_in_as")}" "</span>
                                                {user.display_name.clone()}
                                            </li>
                                        }
                                            .into_any()
                                    }
                                    None => view! {
                                        <li><A href="/signin">{i18n.t("nav.sign_in")}</A></li>
                                        <li><A href="/register">{i18n.t("nav.register")}</A></li>
                                    }
                                        .into_any(),
                                })
                        }}
                    </Transition>
                </ul>
            </nav>
        </header>
    }
}

/// A page's `<h1>`, also used as the document title and, with the site's
/// tagline, as its description.
#[component]
pub fn PageHeading(key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.late(key);
    view! {
        <PageMeta title=title.clone() description=format!("{title} — {}", i18n.late("nav.footer")) />
        <h1>{i18n.t(key)}</h1>
    }
}

/// The document title and meta description of a page. Both may hold user
/// text (a petition's title): the shell escapes the title, and the
/// description is an attribute, escaped as every attribute is.
#[component]
pub fn PageMeta(title: String, description: String) -> impl IntoView {
    let description: String = description.chars().take(160).collect();
    view! {
        <leptos_meta::Title text=title />
        <leptos_meta::Meta name="description" content=description />
    }
}

/// The footer every page shares.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{i18n.t("nav.footer")}</p>
            <p>
                <A href="/petitions/statistics">{i18n.t("nav.statistics")}</A>
                " · " <a href="/open311/v2/discovery.json">"Open311"</a>
            </p>
        </footer>
    }
}
