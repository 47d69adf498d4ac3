//! Register and sign-in pages.

use crate::accounts::api::{localities, Register, SignIn};
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, field_message, Field, FormError};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/register`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<Register>::new();
    let error = action_error(register);
    view! {
        <PageHeading key="accounts.register_title" />
        <ActionForm action=register attr:class="form" attr:novalidate=true>
            <FormError error />
            <Field label="accounts.email" name="email" kind="email" autocomplete="email" error />
            <Field
                label="accounts.password"
                name="password"
                kind="password"
                autocomplete="new-password"
                hint="accounts.password_hint"
                error
            />
            <Field label="accounts.display_name" name="display_name" autocomplete="name" error />
            <LocalityPicker error selected=None />
            <button type="submit" class="primary">{i18n.t("accounts.register_submit")}</button>
        </ActionForm>
        <p>{i18n.t("accounts.have_account")}" " <A href="/signin">{i18n.t("nav.sign_in")}</A></p>
    }
}

/// A select of the seeded localities, with its error.
#[component]
pub fn LocalityPicker(
    error: Signal<Option<crate::error::AppError>>,
    selected: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Still a OnceResource: as a Resource, the account page's hydrated
    // journey lost the just-issued Open311 key about one run in eight.
    let options = OnceResource::new(localities());
    let message = field_message(error, "locality");
    let describedby = move || message().is_some().then_some("f-locality-error");
    view! {
        <div class="field">
            <label for="f-locality">{i18n.t("accounts.locality")}</label>
            <Suspense fallback=|| ()>
                {move || {
                    options
                        .get()
                        .map(|r| {
                            let items = r
                                .unwrap_or_default()
                                .into_iter()
                                .map(|o| {
                                    view! {
                                        <option value=o.id.to_string() selected=selected == Some(o.id)>
                                            {o.label}
                                        </option>
                                    }
                                })
                                .collect_view();
                            view! {
                                <select
                                    id="f-locality"
                                    name="locality"
                                    aria-invalid=move || message().is_some().then_some("true")
                                    aria-describedby=describedby
                                >
                                    <option value="">{i18n.t("accounts.locality_none")}</option>
                                    {items}
                                </select>
                            }
                        })
                }}
            </Suspense>
            <p class="field-error" id="f-locality-error" aria-live="polite">{message}</p>
        </div>
    }
}

/// `/signin`
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let sign_in = ServerAction::<SignIn>::new();
    let error = action_error(sign_in);
    let query = use_query_map();
    let reset_done = move || query.read().get("reset").is_some();
    view! {
        <PageHeading key="accounts.signin_title" />
        <Show when=reset_done>
            <p class="notice" role="status">{i18n.t("accounts.reset_done")}</p>
        </Show>
        <ActionForm action=sign_in attr:class="form" attr:novalidate=true>
            <FormError error />
            <Field label="accounts.email" name="email" kind="email" autocomplete="username" error />
            <Field
                label="accounts.password"
                name="password"
                kind="password"
                autocomplete="current-password"
                error
            />
            <button type="submit" class="primary">{i18n.t("accounts.signin_submit")}</button>
        </ActionForm>
        <p><A href="/forgot-password">{i18n.t("accounts.forgot_link")}</A></p>
        <p>{i18n.t("accounts.no_account")}" " <A href="/register">{i18n.t("nav.register")}</A></p>
    }
}
