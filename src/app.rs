//! The HTML shell, the `App` component and the one route table.

use crate::accounts::ui::account::AccountPage;
use crate::accounts::ui::admin::OutboxPage;
use crate::accounts::ui::auth::provide_auth;
use crate::accounts::ui::password::{ForgotPasswordPage, ResetPasswordPage};
use crate::accounts::ui::signin::{RegisterPage, SignInPage};
use crate::i18n::{provide_i18n, use_i18n};
use crate::petitions::ui::detail::PetitionPage;
use crate::petitions::ui::inbox::InboxPage;
use crate::petitions::ui::list::PetitionListPage;
use crate::petitions::ui::moderation::ModerationQueuePage;
use crate::petitions::ui::queue::OfficerQueuePage;
use crate::petitions::ui::statistics::StatisticsPage;
use crate::petitions::ui::submit::NewPetitionPage;
use crate::petitions::ui::track::TrackPage;
use crate::ui::layout::{Footer, Header, PageHeading};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Html, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <crate::ui::router_script::RouterScript />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n();
    // leptos_meta renders <html lang> and the title after the body, outside
    // the owner: they get fixed values.
    let locale = i18n.locale_untracked();
    let lang = locale.code();
    let brand = crate::i18n::translate(locale, "nav.brand");
    view! {
        <Html attr:lang=lang />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Meta name="theme-color" content="#0b5394" />
        <Title formatter=move |page: String| {
            if page.is_empty() { brand.clone() } else { format!("{page} · {brand}") }
        } />
        <Router>
            <Frame />
        </Router>
    }
}

/// Everything inside the router: header, the routed page, footer.
#[component]
fn Frame() -> impl IntoView {
    provide_auth();
    let i18n = use_i18n();
    // The islands router's own texts: it shows them when a form could not be sent.
    view! {
        <Header />
        <main
            id="main"
            tabindex="-1"
            data-connection-failed=i18n.t("error.connection_failed")
            data-try-again=i18n.t("error.try_again")
        >
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async />
                <Route path=path!("/petitions") view=PetitionListPage ssr=SsrMode::Async />
                <Route path=path!("/petitions/new") view=NewPetitionPage ssr=SsrMode::Async />
                <Route path=path!("/petitions/statistics") view=StatisticsPage ssr=SsrMode::Async />
                <Route path=path!("/petitions/:code") view=PetitionPage ssr=SsrMode::Async />
                <Route path=path!("/track") view=TrackPage ssr=SsrMode::Async />
                <Route path=path!("/track/:code") view=PetitionPage ssr=SsrMode::Async />
                <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::Async />
                <Route path=path!("/officer") view=OfficerQueuePage ssr=SsrMode::Async />
                <Route path=path!("/officer/moderation") view=ModerationQueuePage ssr=SsrMode::Async />
            </Routes>
        </main>
        <Footer />
    }
}

/// `/`
#[component]
fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hero">
            <PageHeading key="home.title" />
            <p>{i18n.t("home.lead")}</p>
        </section>
        <section aria-labelledby="how-h">
            <h2 id="how-h">{i18n.t("home.how")}</h2>
            <ul class="cards">
                <li><h3>{i18n.t("home.petitions")}</h3><p>{i18n.t("home.petitions_text")}</p></li>
                <li><h3>{i18n.t("home.consultations")}</h3><p>{i18n.t("home.consultations_text")}</p></li>
                <li><h3>{i18n.t("home.payments")}</h3><p>{i18n.t("home.payments_text")}</p></li>
            </ul>
        </section>
    }
}

/// Any path that matches no route.
#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageHeading key="error.not_found_title" />
        <p>{i18n.t("error.not_found")}</p>
        <p><A href="/">{i18n.t("nav.home")}</A></p>
    }
}
