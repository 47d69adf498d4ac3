//! E-mail verification SQL, written once for both dialects.

use sqlx::{AnyConnection, AnyPool};

/// Stores a new verification link for an account and ends the earlier ones
/// still unused: only the newest link works.
pub async fn insert_verification(
    conn: &mut AnyConnection,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE email_verifications SET replaced_at = $1 \
         WHERE user_id = $2 AND used_at IS NULL AND replaced_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a live link (unused, not replaced, unexpired) as used and returns
/// its account: one statement, so a link works once even under concurrent use.
pub async fn take_verification(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE email_verifications SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND replaced_at IS NULL AND expires_at > $1 \
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// Why a link no longer works: its `used_at` and `replaced_at`, if it exists.
pub async fn verification_state(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<(Option<i64>, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT used_at, replaced_at FROM email_verifications WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// Records that an active account's address is confirmed (the first time only).
pub async fn mark_verified(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email_verified_at = $1 \
         WHERE id = $2 AND email_verified_at IS NULL AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// When an active account's address was confirmed: `None` for no such
/// account, `Some(None)` while unconfirmed.
pub async fn verified_at(pool: &AnyPool, user_id: i64) -> Result<Option<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar("SELECT email_verified_at FROM users WHERE id = $1 AND deleted_at IS NULL")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}
