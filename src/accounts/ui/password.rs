//! Forgotten password: ask for a link, then set a new password from it.

use crate::accounts::api::{ForgotPassword, ResetPassword};
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, field_message, Field, FormError};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/forgot-password`
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let error = action_error(action);
    let query = use_query_map();
    let sent =
        move || query.read().get("sent").is_some() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <PageHeading key="accounts.forgot_title" />
        <Show when=sent>
            <p class="notice" role="status">{i18n.t("accounts.forgot_sent")}</p>
        </Show>
        <p>{i18n.t("accounts.forgot_explain")}</p>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormError error />
            <Field label="accounts.email" name="email" kind="email" autocomplete="email" error />
            <button type="submit" class="primary">{i18n.t("accounts.forgot_submit")}</button>
        </ActionForm>
    }
}

/// `/reset-password?token=…`
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let token_error = field_message(error, "token");
    view! {
        <PageHeading key="accounts.reset_title" />
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormError error />
            <p class="field-error" role="alert">{token_error}</p>
            <input type="hidden" name="token" value=token />
            <Field
                label="accounts.new_password"
                name="new_password"
                kind="password"
                autocomplete="new-password"
                hint="accounts.password_hint"
                error
            />
            <button type="submit" class="primary">{i18n.t("accounts.reset_submit")}</button>
        </ActionForm>
    }
}
