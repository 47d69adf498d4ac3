//! `/account`: profile, password, sessions, sign-out and deletion, and the
//! sections other domains add ([`AccountSections`]).

use super::auth::use_auth;
use super::signin::LocalityPicker;
use crate::accounts::api::{
    my_sessions, ChangePassword, DeleteAccount, ResendVerification, RevokeSession, SignOut,
    UpdateProfile,
};
use crate::accounts::model::UserView;
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, action_ok, Field, FormError, Notice};
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// What other domains show on the account page (the person's petitions,
/// their Open311 keys), given by the shell: accounts knows no other domain.
#[derive(Clone)]
pub struct AccountSections(pub ViewFn);

/// `/account`
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let actions = AccountActions {
        profile: ServerAction::new(),
        sign_out: ServerAction::new(),
        revoke: ServerAction::new(),
        delete: ServerAction::new(),
    };
    view! {
        <PageHeading key="accounts.account_title" />
        <Transition fallback=|| ()>
            {move || {
                auth.user()
                    .map(|user| match user {
                        Some(user) => view! { <Account user actions /> }.into_any(),
                        None => view! {
                            <p class="notice" role="status">
                                {i18n.t("error.unauthenticated")}" "
                                <A href="/signin">{i18n.t("nav.sign_in")}</A>
                            </p>
                        }
                            .into_any(),
                    })
            }}
        </Transition>
    }
}

/// The account page's actions that change who is signed in (or their name).
#[derive(Clone, Copy)]
struct AccountActions {
    profile: ServerAction<UpdateProfile>,
    sign_out: ServerAction<SignOut>,
    revoke: ServerAction<RevokeSession>,
    delete: ServerAction<DeleteAccount>,
}

#[component]
fn Account(user: UserView, actions: AccountActions) -> impl IntoView {
    let i18n = use_i18n();
    let profile_error = action_error(actions.profile);
    let password = ServerAction::<ChangePassword>::new();
    let password_error = action_error(password);
    let delete_error = action_error(actions.delete);
    view! {
        <section aria-labelledby="profile-h">
            <h2 id="profile-h">{i18n.t("accounts.profile")}</h2>
            <p>
                {i18n.t("accounts.email")}": " <strong>{user.email.clone()}</strong>
                {user
                    .email_verified_at
                    .is_some()
                    .then(|| format!(" ({})", i18n.tr("accounts.email_verified")))}
            </p>
            {user.email_verified_at.is_none().then(|| view! { <Unverified /> })}
            <p>{i18n.t("accounts.role")}": " {i18n.t(user.role.label_key())}</p>
            <ActionForm action=actions.profile attr:class="form" attr:novalidate=true>
                <FormError error=profile_error />
                <Notice show=saved("profile", actions.profile) message="accounts.saved" />
                <Field
                    label="accounts.display_name"
                    name="display_name"
                    autocomplete="name"
                    value=user.display_name.clone()
                    error=profile_error
                />
                <LocalityPicker error=profile_error selected=user.locality_id />
                <button type="submit">{i18n.t("accounts.save")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="password-h">
            <h2 id="password-h">{i18n.t("accounts.change_password")}</h2>
            <ActionForm action=password attr:class="form" attr:novalidate=true>
                <FormError error=password_error />
                <Notice show=saved("password", password) message="accounts.password_changed" />
                <Field
                    label="accounts.current_password"
                    name="current_password"
                    kind="password"
                    autocomplete="current-password"
                    error=password_error
                />
                <Field
                    label="accounts.new_password"
                    name="new_password"
                    kind="password"
                    autocomplete="new-password"
                    hint="accounts.password_hint"
                    error=password_error
                />
                <button type="submit">{i18n.t("accounts.change_password")}</button>
            </ActionForm>
        </section>
        {use_context::<AccountSections>().map(|sections| sections.0.run())}
        <Sessions revoke=actions.revoke />
        <section aria-labelledby="signout-h">
            <h2 id="signout-h">{i18n.t("accounts.sign_out")}</h2>
            <ActionForm action=actions.sign_out>
                <button type="submit">{i18n.t("accounts.sign_out")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="delete-h" class="danger">
            <h2 id="delete-h">{i18n.t("accounts.delete_title")}</h2>
            <p>{i18n.t("accounts.delete_explain")}</p>
            <ActionForm action=actions.delete attr:class="form" attr:novalidate=true>
                <FormError error=delete_error />
                <Field
                    label="accounts.password"
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    error=delete_error
                />
                <button type="submit" class="danger">{i18n.t("accounts.delete_submit")}</button>
            </ActionForm>
        </section>
    }
}

/// The address is not confirmed yet: say what that means, and offer a new link.
#[component]
fn Unverified() -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendVerification>::new();
    let error = action_error(resend);
    view! {
        <div class="unverified">
            <p class="notice">{i18n.t("accounts.email_not_verified")}</p>
            <ActionForm action=resend attr:class="form">
                <FormError error />
                <Notice show=saved("verification", resend) message="accounts.verify_sent" />
                <button type="submit">{i18n.t("accounts.verify_resend")}</button>
            </ActionForm>
        </div>
    }
}

/// Whether to say a form was saved: after the action succeeded (hydrated), or
/// when the redirect says so (`?saved=…`, JavaScript off).
fn saved<I>(what: &'static str, action: ServerAction<I>) -> Signal<bool>
where
    I: leptos::server_fn::ServerFn<Output = (), Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let query = use_query_map();
    let ok = action_ok(action);
    Signal::derive(move || ok.get() || query.read().get("saved").as_deref() == Some(what))
}

#[component]
fn Sessions(revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let i18n = use_i18n();
    let sessions = Resource::new(move || revoke.version().get(), |_| my_sessions());
    view! {
        <section aria-labelledby="sessions-h">
            <h2 id="sessions-h">{i18n.t("accounts.sessions")}</h2>
            <Transition fallback=|| ()>
                <ul class="sessions">
                    {move || {
                        sessions
                            .get()
                            .map(|r| {
                                r.unwrap_or_default()
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <li class="session">
                                                <p class="ua">{s.user_agent.clone()}</p>
                                                <p>
                                                    {i18n.t("accounts.session_started")}" "
                                                    <time datetime=format::iso(s.created_at)>
                                                        {format::datetime(s.created_at)}
                                                    </time>
                                                    {s.current.then(|| view! {
                                                        " · " <strong>{i18n.t("accounts.session_current")}</strong>
                                                    })}
                                                </p>
                                                <ActionForm action=revoke>
                                                    <input type="hidden" name="id" value=s.id.to_string() />
                                                    <button type="submit">{i18n.t("accounts.revoke")}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </ul>
            </Transition>
        </section>
    }
}
