//! Open311 API keys: issued and revoked by their account on the account page,
//! checked when a client files a request. A key is 128 random bits shown to
//! its owner once; the database keeps only its SHA-256, as for sessions.

use super::model::ApiKeyView;
use super::repo;
use crate::accounts::model::{can, Action, Scope, UserView};
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::ratelimit::Bucket;
use crate::server::session::{append_set_cookie, cookie_value, hash_token, new_token};
use crate::server::state::AppState;

/// Active keys an account may hold at once.
const MAX_ACTIVE_KEYS: usize = 10;

/// The cookie that carries a new key to the one page render that shows it.
/// A form posted without JavaScript ends in a redirect, so the key cannot
/// travel in the response body; a URL would keep it in history and logs.
/// The cookie is HttpOnly, SameSite=Strict, lives two minutes and is cleared
/// when read.
const FRESH_KEY_COOKIE: &str = "open311_new_key";

/// Issues a key for `user` labelled `label` (the application using it).
pub async fn issue(state: &AppState, user: &UserView, label: &str) -> Result<String, AppError> {
    let rules = crate::text::Rules {
        min: 0,
        max: 60,
        lines: false,
    };
    let messages = crate::text::Messages {
        too_short: "open311.label_invalid",
        too_long: "open311.label_invalid",
        invalid: "open311.label_invalid",
    };
    let label = crate::text::check(label, "label", rules, messages)?;
    let label = if label.is_empty() {
        "Open311".to_string()
    } else {
        label
    };
    if repo::active_keys(&state.db.pool, user.id).await?.len() >= MAX_ACTIVE_KEYS {
        return Err(AppError::conflict("open311.too_many_keys"));
    }
    let (token, _) = new_token();
    let key = format!("gr_{token}");
    repo::insert_key(&state.db.pool, user.id, &hash_token(&key), &label, now_ms()).await?;
    set_fresh_cookie(state, &key, cookie::time::Duration::minutes(2));
    Ok(key)
}

/// Sets (or, with a zero lifetime, clears) the cookie carrying a new key.
fn set_fresh_cookie(state: &AppState, value: &str, lifetime: cookie::time::Duration) {
    let cookie = cookie::Cookie::build((FRESH_KEY_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(state.config.is_https())
        .max_age(lifetime)
        .build();
    append_set_cookie(cookie.to_string());
}

/// The key just issued to this browser, once. The database records that it
/// was shown, so it is shown once even if the browser keeps the cookie, and
/// only to the account that owns it. Showing it clears the cookie. Worked
/// out once per request ([`crate::server::scope::once`]): a render that
/// reads it from two places, or drops the first read after its write and
/// reads again, gets the same answer every time rather than losing the key.
pub async fn take_fresh(
    state: &AppState,
    user: &UserView,
    parts: &http::request::Parts,
) -> Result<Option<String>, AppError> {
    /// The answer kept for the request.
    #[derive(Clone)]
    struct Fresh(Option<String>);
    let cookie = cookie_value(&parts.headers, FRESH_KEY_COOKIE)
        .filter(|k| k.starts_with("gr_") && k.len() <= 64);
    let (pool, user_id) = (state.db.pool.clone(), user.id);
    let fresh = crate::server::scope::once(|| async move {
        let Some(key) = cookie else {
            return Ok(Fresh(None));
        };
        let shown = repo::mark_shown(&pool, user_id, &hash_token(&key), now_ms()).await?;
        Ok(Fresh(shown.then_some(key)))
    })
    .await?;
    if fresh.0.is_some() {
        set_fresh_cookie(state, "", cookie::time::Duration::ZERO);
    }
    Ok(fresh.0)
}

/// The account's active keys.
pub async fn list(state: &AppState, user: &UserView) -> Result<Vec<ApiKeyView>, AppError> {
    Ok(repo::active_keys(&state.db.pool, user.id).await?)
}

/// Revokes one of the account's keys.
pub async fn revoke(state: &AppState, user: &UserView, key_id: i64) -> Result<(), AppError> {
    if repo::revoke_key(&state.db.pool, user.id, key_id, now_ms()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The key's id and account, if `key` is active, its account may file
/// petitions, and it stays within its rate limit; records the use.
pub async fn authenticate(state: &AppState, key: &str) -> Result<(i64, UserView), AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > 64 {
        return Err(AppError::Forbidden);
    }
    let owner = repo::key_owner(&state.db.pool, &hash_token(key))
        .await?
        .ok_or(AppError::Forbidden)?;
    if !can(Some(&owner.user), Action::SubmitPetition, Scope::Site) {
        return Err(AppError::Forbidden);
    }
    state.limits.check(Bucket::Open311, owner.key_id)?;
    // A request filed through Open311 is a petition of the key's account:
    // the same per-account quota as the site's form.
    state.limits.check(Bucket::Submit, owner.user.id)?;
    let now = now_ms();
    // Record use at most once a minute: no write on every request.
    if owner.last_used_at.is_none_or(|t| now - t > 60_000) {
        repo::touch_key(&state.db.pool, owner.key_id, now).await?;
    }
    Ok((owner.key_id, owner.user))
}
