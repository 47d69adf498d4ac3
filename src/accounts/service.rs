//! Account rules on the server: registration, sign-in, sessions, password
//! changes and resets, deletion. Passwords are hashed with argon2id off the
//! async runtime.

use super::model::{DisplayName, Email, NewPassword, Role, UserView};
use super::repo::{self, NewUser};
use super::session_repo;
use crate::error::AppError;
use crate::i18n::{translate, Locale};
use crate::server::db::{now_ms, Db};
use crate::server::mail;
use crate::server::session::{hash_token, new_token};
use crate::server::state::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Hashes a password with argon2id (default parameters) on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Checks a password against a stored hash on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, verified against when the e-mail is unknown so
/// that a failed sign-in takes the same time either way.
async fn decoy_hash() -> String {
    static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DECOY
        .get_or_init(|| async { hash_password(new_token().0).await.unwrap_or_default() })
        .await
        .clone()
}

/// What a person types to register.
pub struct Registration {
    /// E-mail.
    pub email: String,
    /// Password.
    pub password: String,
    /// Display name.
    pub display_name: String,
    /// Locality id as typed ("" for none).
    pub locality: String,
    /// The language of the verification mail.
    pub locale: Locale,
}

/// Validates the locality field against the seeded table.
pub async fn check_locality(db: &Db, raw: &str) -> Result<Option<i64>, AppError> {
    let id = super::model::parse_locality(raw)?;
    if let Some(id) = id {
        if !repo::locality_exists(&db.pool, id).await? {
            return Err(AppError::invalid("locality", "accounts.locality_invalid"));
        }
    }
    Ok(id)
}

/// Creates an account of any role for an operator (command line, demo seed):
/// its address counts as verified, since the operator vouches for it.
pub async fn create_user(
    db: &Db,
    email: &Email,
    password: &NewPassword,
    name: &DisplayName,
    locality_id: Option<i64>,
    role: Role,
    agency_id: Option<i64>,
) -> Result<i64, AppError> {
    if role.needs_agency() && agency_id.is_none() {
        return Err(AppError::invalid("agency", "accounts.agency_required"));
    }
    let hash = hash_password(password.as_str().to_string()).await?;
    let mut conn = db.pool.acquire().await?;
    let now = now_ms();
    let new = NewUser {
        email: email.as_str(),
        password_hash: &hash,
        display_name: name.as_str(),
        locality_id,
        role,
        agency_id,
        email_verified_at: Some(now),
    };
    insert(&mut conn, &new, now).await
}

async fn insert(
    conn: &mut sqlx::AnyConnection,
    new: &NewUser<'_>,
    now: i64,
) -> Result<i64, AppError> {
    repo::insert_user(conn, new, now).await.map_err(|e| {
        if repo::is_unique_violation(&e) {
            AppError::invalid("email", "accounts.email_taken")
        } else {
            AppError::internal(e)
        }
    })
}

/// Registers a citizen and mails the link that verifies the address, in one
/// transaction; returns the new account's id.
pub async fn register(state: &AppState, input: Registration) -> Result<i64, AppError> {
    let email = Email::parse(&input.email)?;
    let password = NewPassword::parse("password", &input.password)?;
    let name = DisplayName::parse(&input.display_name)?;
    let locality = check_locality(&state.db, &input.locality).await?;
    let hash = hash_password(password.as_str().to_string()).await?;
    let new = NewUser {
        email: email.as_str(),
        password_hash: &hash,
        display_name: name.as_str(),
        locality_id: locality,
        role: Role::Citizen,
        agency_id: None,
        email_verified_at: None,
    };
    let mut tx = state.db.pool.begin().await?;
    let id = insert(&mut tx, &new, now_ms()).await?;
    super::verify::queue_link(
        &mut tx,
        state,
        (id, email.as_str(), name.as_str()),
        input.locale,
    )
    .await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(id)
}

/// Checks e-mail and password; the same error for an unknown e-mail and a wrong password.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<UserView, AppError> {
    let wrong = || AppError::invalid("password", "accounts.signin_failed");
    let email = Email::parse(email).map_err(|_| wrong())?;
    match repo::user_with_hash_by_email(&state.db.pool, email.as_str()).await? {
        Some(found) => {
            if verify_password(password.to_string(), found.password_hash).await {
                Ok(found.user)
            } else {
                Err(wrong())
            }
        }
        None => {
            verify_password(password.to_string(), decoy_hash().await).await;
            Err(wrong())
        }
    }
}

/// Starts a session and returns the token for the cookie.
pub async fn start_session(
    state: &AppState,
    user_id: i64,
    user_agent: &str,
    ip: &str,
) -> Result<String, AppError> {
    let (token, hash) = new_token();
    session_repo::insert_session(&state.db.pool, &hash, user_id, user_agent, ip, now_ms()).await?;
    Ok(token)
}

/// The session a token opens, if it has not expired (idle or absolute).
pub async fn resume_session(
    state: &AppState,
    token: &str,
) -> Result<Option<(i64, UserView)>, AppError> {
    let Some(session_repo::SessionWithUser {
        session_id,
        created_at,
        last_seen_at,
        user,
    }) = session_repo::session_user(&state.db.pool, &hash_token(token)).await?
    else {
        return Ok(None);
    };
    let now = now_ms();
    let idle = state.config.session_idle.as_millis() as i64;
    let absolute = state.config.session_absolute.as_millis() as i64;
    if now - last_seen_at > idle || now - created_at > absolute {
        session_repo::delete_session(&state.db.pool, user.id, session_id).await?;
        return Ok(None);
    }
    // Record use at most once a minute: no write on every request.
    if now - last_seen_at > 60_000 {
        session_repo::touch_session(&state.db.pool, session_id, now).await?;
    }
    Ok(Some((session_id, user)))
}

/// Changes the password (the current one required) and signs out every other session.
pub async fn change_password(
    state: &AppState,
    user_id: i64,
    session_id: i64,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let hash = repo::password_hash(&state.db.pool, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !verify_password(current.to_string(), hash).await {
        return Err(AppError::invalid(
            "current_password",
            "accounts.password_wrong",
        ));
    }
    let new = NewPassword::parse("new_password", new)?;
    let new_hash = hash_password(new.as_str().to_string()).await?;
    let mut tx = state.db.pool.begin().await?;
    repo::update_password(&mut tx, user_id, &new_hash).await?;
    session_repo::delete_other_sessions(&mut tx, user_id, Some(session_id)).await?;
    // A reset link mailed before the change must not undo it.
    repo::end_password_resets(&mut tx, user_id, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// E-mails a single-use reset link if the address has an account; says
/// nothing either way, so addresses cannot be probed.
pub async fn request_password_reset(
    state: &AppState,
    email: &str,
    base_url: &str,
    locale: Locale,
) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    let Some(repo::UserWithHash { user, .. }) =
        repo::user_with_hash_by_email(&state.db.pool, email.as_str()).await?
    else {
        return Ok(());
    };
    let (token, hash) = new_token();
    let now = now_ms();
    let expires = now + state.config.password_reset_ttl.as_millis() as i64;
    let link = format!("{base_url}/reset-password?token={token}");
    let body = translate(locale, "accounts.reset_mail_body")
        .replace("%{name}", &user.display_name)
        .replace("%{link}", &link)
        .replace(
            "%{minutes}",
            &(state.config.password_reset_ttl.as_secs() / 60).to_string(),
        );
    let mut tx = state.db.pool.begin().await?;
    // Only the newest link works: one outstanding link per account.
    repo::end_password_resets(&mut tx, user.id, now).await?;
    repo::insert_password_reset(&mut tx, &hash, user.id, now, expires).await?;
    mail::enqueue(
        &mut tx,
        &user.email,
        &translate(locale, "accounts.reset_mail_subject"),
        &body,
    )
    .await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(())
}

/// Sets a new password from a reset link; the link works once, any other
/// outstanding link of the account ends, and every session is signed out.
pub async fn reset_password(state: &AppState, token: &str, new: &str) -> Result<(), AppError> {
    let new = NewPassword::parse("new_password", new)?;
    let new_hash = hash_password(new.as_str().to_string()).await?;
    let mut tx = state.db.pool.begin().await?;
    let now = now_ms();
    let user_id = repo::take_password_reset(&mut tx, &hash_token(token.trim()), now)
        .await?
        .ok_or_else(|| AppError::invalid("token", "accounts.reset_link_invalid"))?;
    repo::end_password_resets(&mut tx, user_id, now).await?;
    repo::update_password(&mut tx, user_id, &new_hash).await?;
    session_repo::delete_other_sessions(&mut tx, user_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an account (the password required): personal data is erased,
/// public contributions stay under an anonymous name.
pub async fn delete_account(
    state: &AppState,
    user_id: i64,
    password: &str,
) -> Result<(), AppError> {
    let hash = repo::password_hash(&state.db.pool, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !verify_password(password.to_string(), hash).await {
        return Err(AppError::invalid("password", "accounts.password_wrong"));
    }
    let mut tx = state.db.pool.begin().await?;
    repo::anonymise_user(&mut tx, user_id, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}
