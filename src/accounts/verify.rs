//! E-mail verification: a new account is mailed a link, and its supports
//! count only once the link is opened (support thresholds carry legal
//! weight, as UK e-petitions counts a signature only once its address is
//! confirmed). Accounts an operator creates (command line, demo seed) are
//! verified from the start.

use super::model::UserView;
use super::verify_repo as repo;
use crate::error::AppError;
use crate::i18n::{translate, Locale};
use crate::server::db::now_ms;
use crate::server::mail;
use crate::server::session::{hash_token, new_token};
use crate::server::state::AppState;
use sqlx::AnyConnection;

/// How long a mailed verification link works.
pub const LINK_HOURS: i64 = 72;

/// Refuses, with a message saying how to confirm, unless the account's
/// e-mail address is verified. Called before a support, a comment, a mark
/// or a ballot is accepted; withdrawing stays allowed. `user` is read with
/// the session on every request, so it is as fresh as a query would be.
pub fn require_verified(user: &UserView) -> Result<(), AppError> {
    match user.email_verified_at {
        Some(_) => Ok(()),
        None => Err(AppError::conflict("accounts.verify_to_support")),
    }
}

/// Creates a verification link for `user` (ending the earlier ones) and
/// queues its mail; call inside the transaction that makes the account or
/// asks again. Links use the configured site origin, never the request's.
pub async fn queue_link(
    conn: &mut AnyConnection,
    state: &AppState,
    user: (i64, &str, &str),
    locale: Locale,
) -> Result<(), AppError> {
    let (user_id, email, name) = user;
    let (token, hash) = new_token();
    let now = now_ms();
    repo::insert_verification(conn, &hash, user_id, now, now + LINK_HOURS * 3_600_000).await?;
    let link = format!("{}/verify?token={token}", state.config.site_url());
    let body = translate(locale, "accounts.verify_mail_body")
        .replace("%{name}", name)
        .replace("%{link}", &link)
        .replace("%{hours}", &LINK_HOURS.to_string());
    mail::enqueue(
        conn,
        email,
        &translate(locale, "accounts.verify_mail_subject"),
        &body,
    )
    .await?;
    Ok(())
}

/// Confirms the address of the account a link was mailed to. An unknown,
/// used, replaced or expired link is refused, each with its own message.
pub async fn verify(state: &AppState, token: &str) -> Result<(), AppError> {
    let hash = hash_token(token.trim());
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    let Some(user_id) = repo::take_verification(&mut tx, &hash, now).await? else {
        let key = match repo::verification_state(&mut tx, &hash).await? {
            None => "accounts.verify_unknown",
            Some((Some(_), _)) => "accounts.verify_used",
            Some((None, Some(_))) => "accounts.verify_replaced",
            Some((None, None)) => "accounts.verify_expired",
        };
        return Err(AppError::invalid("token", key));
    };
    repo::mark_verified(&mut tx, user_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Mails the signed-in user a new link (the earlier ones end).
pub async fn resend(state: &AppState, user: &UserView, locale: Locale) -> Result<(), AppError> {
    match repo::verified_at(&state.db.pool, user.id).await? {
        None => return Err(AppError::NotFound),
        Some(Some(_)) => return Err(AppError::conflict("accounts.already_verified")),
        Some(None) => {}
    }
    let mut tx = state.db.pool.begin().await?;
    queue_link(
        &mut tx,
        state,
        (user.id, user.email.as_str(), user.display_name.as_str()),
        locale,
    )
    .await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(())
}
