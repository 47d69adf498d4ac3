//! Accounts server functions: thin wrappers that check the caller, parse the
//! input, call the service and return shared types.

use super::model::{AgencyOption, LocalityOption, SessionView, UserView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::guard::{caller, require},
    super::model::Action,
    super::{repo, service, session_repo},
    crate::server::{ratelimit::Bucket, session, state::app_state},
};

/// The signed-in user, or `None`.
#[server(endpoint = "accounts/me")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    let state = app_state()?;
    Ok(caller(&state).await?.map(|c| c.user))
}

/// The seeded localities, for pickers.
#[server(endpoint = "accounts/localities")]
pub async fn localities() -> Result<Vec<LocalityOption>, AppError> {
    let state = app_state()?;
    Ok(crate::accounts::directory::localities(&state)
        .await?
        .to_vec())
}

/// Every agency, for pickers and filters (their names are public: they are
/// on every petition and consultation).
#[server(endpoint = "accounts/agencies")]
pub async fn agencies() -> Result<Vec<AgencyOption>, AppError> {
    let state = app_state()?;
    Ok(crate::accounts::directory::agencies(&state).await?.to_vec())
}

/// Registers a citizen account and signs it in.
#[server(endpoint = "accounts/register")]
pub async fn register(
    email: String,
    password: String,
    display_name: String,
    locality: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let parts = session::request_parts()?;
    let ip = session::client_ip(&state.config, &parts);
    state.limits.check(Bucket::Register, &ip)?;
    let user_id = service::register(
        &state,
        service::Registration {
            email,
            password,
            display_name,
            locality,
            locale: crate::i18n::request::from_request_parts(&parts),
        },
    )
    .await?;
    let token = service::start_session(&state, user_id, &session::user_agent(&parts), &ip).await?;
    session::set_session_cookie(&state.config, &token);
    leptos_axum::redirect("/account");
    Ok(())
}

/// Signs in with e-mail and password.
#[server(endpoint = "accounts/sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let parts = session::request_parts()?;
    let ip = session::client_ip(&state.config, &parts);
    state
        .limits
        .check_signin(&ip, &email.trim().to_lowercase())?;
    let user = service::authenticate(&state, &email, &password).await?;
    let token = service::start_session(&state, user.id, &session::user_agent(&parts), &ip).await?;
    session::set_session_cookie(&state.config, &token);
    leptos_axum::redirect("/account");
    Ok(())
}

/// Signs out of this session.
#[server(endpoint = "accounts/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(c) = caller(&state).await? {
        session_repo::delete_session(&state.db.pool, c.user.id, c.session_id).await?;
    }
    session::clear_session_cookie(&state.config);
    leptos_axum::redirect("/");
    Ok(())
}

/// The caller's sessions.
#[server(endpoint = "accounts/sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    Ok(session_repo::list_sessions(&state.db.pool, c.user.id, c.session_id).await?)
}

/// Revokes one of the caller's sessions.
#[server(endpoint = "accounts/revoke_session")]
pub async fn revoke_session(id: i64) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    if !session_repo::delete_session(&state.db.pool, c.user.id, id).await? {
        return Err(AppError::NotFound);
    }
    if id == c.session_id {
        session::clear_session_cookie(&state.config);
        leptos_axum::redirect("/");
    }
    Ok(())
}

/// Changes display name and locality.
#[server(endpoint = "accounts/update_profile")]
pub async fn update_profile(display_name: String, locality: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    let name = super::model::DisplayName::parse(&display_name)?;
    let locality = service::check_locality(&state.db, &locality).await?;
    repo::update_profile(&state.db.pool, c.user.id, name.as_str(), locality).await?;
    // The query tells a page rendered without JavaScript to say "saved".
    leptos_axum::redirect("/account?saved=profile");
    Ok(())
}

/// Changes the password; the current one is required. Other sessions end.
#[server(endpoint = "accounts/change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    service::change_password(
        &state,
        c.user.id,
        c.session_id,
        &current_password,
        &new_password,
    )
    .await?;
    leptos_axum::redirect("/account?saved=password");
    Ok(())
}

/// E-mails a password-reset link (always answers the same way).
#[server(endpoint = "accounts/forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let state = app_state()?;
    let parts = session::request_parts()?;
    state
        .limits
        .check_password_reset(&session::client_ip(&state.config, &parts))?;
    let base = state.config.site_url();
    let locale = crate::i18n::request::from_request_parts(&parts);
    service::request_password_reset(&state, &email, &base, locale).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Sets a new password from an e-mailed link.
#[server(endpoint = "accounts/reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    service::reset_password(&state, &token, &new_password).await?;
    leptos_axum::redirect("/signin?reset=1");
    Ok(())
}

/// Confirms an e-mail address from a mailed link (the `/verify` page).
#[server(endpoint = "accounts/verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    super::verify::verify(&state, &token).await
}

/// Mails the caller a new verification link; earlier links end.
#[server(endpoint = "accounts/resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    let parts = session::request_parts()?;
    state
        .limits
        .check_password_reset(&session::client_ip(&state.config, &parts))?;
    let locale = crate::i18n::request::from_request_parts(&parts);
    super::verify::resend(&state, &c.user, locale).await?;
    leptos_axum::redirect("/account?saved=verification");
    Ok(())
}

/// Deletes the caller's account (password required).
#[server(endpoint = "accounts/delete")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    service::delete_account(&state, c.user.id, &password).await?;
    session::clear_session_cookie(&state.config);
    leptos_axum::redirect("/?deleted=1");
    Ok(())
}

/// The newest mail in the outbox (admins), with the tokens of reset and
/// verification links hidden: reading the outbox must not let anyone use them.
#[server(endpoint = "admin/outbox")]
pub async fn outbox() -> Result<Vec<crate::accounts::model::OutboxMessage>, AppError> {
    let (state, _) = require(Action::ViewOutbox).await?;
    let mut messages = repo::recent_mail(&state.db.pool, 100).await?;
    for m in &mut messages {
        m.body = super::model::mask_tokens(&m.body);
    }
    Ok(messages)
}
