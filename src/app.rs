//! The HTML shell, the `App` component and the one route table.

use crate::accounts::model::{can, Action, Scope};
use crate::accounts::ui::account::{AccountPage, AccountSections};
use crate::accounts::ui::admin::OutboxPage;
use crate::accounts::ui::auth::provide_auth;
use crate::accounts::ui::auth::use_auth;
use crate::accounts::ui::inbox::{unread_count, InboxLink, InboxPage};
use crate::accounts::ui::password::{ForgotPasswordPage, ResetPasswordPage};
use crate::accounts::ui::signin::{RegisterPage, SignInPage};
use crate::accounts::ui::verify::VerifyEmailPage;
use crate::consultations::ui as consultations;
use crate::i18n::switch::LanguageSwitch;
use crate::i18n::{provide_i18n, use_i18n};
use crate::petitions::moderation::ui::ModerationQueuePage;
use crate::petitions::stats::ui::StatisticsPage;
use crate::petitions::ui::detail::PetitionPage;
use crate::petitions::ui::list::PetitionListPage;
use crate::petitions::ui::submit::NewPetitionPage;
use crate::petitions::ui::track::TrackPage;
use crate::petitions::workflow::ui::OfficerQueuePage;
use crate::ui::layout::PageHeading;
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
        // leptos_meta writes the title into the head as it is: a petition
        // titled `</title><meta http-equiv=refresh …>` would become markup.
        <Title formatter=move |page: String| {
            if page.is_empty() {
                brand.clone()
            } else {
                format!("{} · {brand}", html_escape::encode_text(&page))
            }
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
    provide_context(AccountSections(ViewFn::from(|| {
        view! {
            <crate::petitions::ui::MyPetitions />
            <crate::open311::ui::ApiKeys />
        }
    })));
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
                <Route path=path!("/verify") view=VerifyEmailPage ssr=SsrMode::Async />
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
                <Route path=path!("/consultations") view=consultations::list::ConsultationListPage ssr=SsrMode::Async />
                <Route path=path!("/consultations/manage") view=consultations::list::ManageConsultationsPage ssr=SsrMode::Async />
                <Route path=path!("/consultations/new") view=consultations::editor::NewConsultationPage ssr=SsrMode::Async />
                <Route path=path!("/consultations/:code") view=consultations::page::ConsultationPage ssr=SsrMode::Async />
                <Route path=path!("/consultations/:code/edit") view=consultations::editor::EditConsultationPage ssr=SsrMode::Async />
                <Route path=path!("/consultations/:code/dieu/:number") view=consultations::article::ArticlePage ssr=SsrMode::Async />
                <Route path=path!("/counter") view=crate::payments::ui::counter::CounterPage ssr=SsrMode::Async />
                <Route path=path!("/counter/cases/:code") view=crate::payments::ui::case::CasePage ssr=SsrMode::Async />
                <Route path=path!("/counter/receipts") view=crate::payments::ui::receipt::CheckReceiptPage ssr=SsrMode::Async />
                <Route path=path!("/officer/refunds") view=crate::payments::ui::refund::RefundsPage ssr=SsrMode::Async />
                <Route path=path!("/counter/reconciliation") view=crate::payments::ui::reconciliation::ReconciliationPage ssr=SsrMode::Async />
                <Route path=path!("/rate/:code/:key") view=crate::payments::ui::rating::RatingPage ssr=SsrMode::Async />
                <Route path=path!("/services/statistics") view=crate::payments::ui::rating::ServiceStatsPage ssr=SsrMode::Async />
                <Route path=path!("/counter/display/:token") view=crate::payments::ui::display::DisplayPage ssr=SsrMode::Async />
                <Route path=path!("/sandbox/bank") view=crate::payments::ui::sandbox::SandboxBankPage ssr=SsrMode::Async />
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
    crate::ui::page_status(&crate::error::AppError::NotFound);
    view! {
        <PageHeading key="error.not_found_title" />
        <p>{i18n.t("error.not_found")}</p>
        <p><A href="/">{i18n.t("nav.home")}</A></p>
    }
}

/// The header every page shares: the skip link, the brand, the language
/// switch, and each domain's links for the signed-in person.
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
                    <li><A href="/consultations">{i18n.t("consultations.nav")}</A></li>
                    <li><A href="/track">{i18n.t("nav.track")}</A></li>
                    <Transition fallback=|| ()>
                        {move || {
                            auth.user()
                                .map(|user| match user {
                                    Some(user) => {
                                        let admin = can(Some(&user), Action::ViewOutbox, Scope::Site);
                                        let officer = can(Some(&user), Action::HandlePetitions, Scope::Site);
                                        let moderator = can(Some(&user), Action::ModeratePetitions, Scope::Site);
                                        let counter = can(Some(&user), Action::WorkCounter, Scope::Site);
                                        let refunds = can(Some(&user), Action::ApproveRefunds, Scope::Site);
                                        view! {
                                            <li><InboxLink unread /></li>
                                            <li><A href="/account">{i18n.t("nav.account")}</A></li>
                                            {officer.then(|| view! {
                                                <li><A href="/officer">{i18n.t("nav.queue")}</A></li>
                                            })}
                                            {moderator.then(|| view! {
                                                <li><A href="/officer/moderation">{i18n.t("moderation.nav")}</A></li>
                                            })}
                                            {counter.then(|| view! {
                                                <li><A href="/counter">{i18n.t("payments.nav")}</A></li>
                                            })}
                                            {refunds.then(|| view! {
                                                <li><A href="/officer/refunds">{i18n.t("payments.refunds_nav")}</A></li>
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

/// The footer every page shares.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{i18n.t("nav.footer")}</p>
            <p>
                <A href="/petitions/statistics">{i18n.t("nav.statistics")}</A>
                " · " <A href="/services/statistics">{i18n.t("payments.ratings_title")}</A>
                " · " <a href="/open311/v2/discovery.json">"Open311"</a>
            </p>
        </footer>
    }
}
