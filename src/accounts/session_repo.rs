//! Sessions SQL: the session behind a cookie with its account, sign-in,
//! use, sign-out and the list an account sees.

use super::model::{SessionView, UserView};
use super::repo::USER_COLUMNS;
use sqlx::{AnyConnection, AnyPool};

/// A session with its account.
#[derive(sqlx::FromRow)]
pub struct SessionWithUser {
    /// Session id.
    pub session_id: i64,
    /// Sign-in time (ms).
    pub created_at: i64,
    /// Last use (ms).
    pub last_seen_at: i64,
    /// The account.
    #[sqlx(flatten)]
    pub user: UserView,
}

/// The session behind a token hash, with its account, if both are active.
pub async fn session_user(
    pool: &AnyPool,
    token_hash: &str,
) -> Result<Option<SessionWithUser>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT s.id AS session_id, s.created_at, s.last_seen_at, {USER_COLUMNS} \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND u.deleted_at IS NULL"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await
}

/// Records a new session.
pub async fn insert_session(
    pool: &AnyPool,
    token_hash: &str,
    user_id: i64,
    user_agent: &str,
    ip: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, user_agent, ip) \
         VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(user_agent)
    .bind(ip)
    .execute(pool)
    .await?;
    Ok(())
}

/// Marks a session as used now.
pub async fn touch_session(pool: &AnyPool, session_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(now)
        .bind(session_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes one of a user's sessions; returns whether it existed.
pub async fn delete_session(
    pool: &AnyPool,
    user_id: i64,
    session_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(session_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes every session of a user except `keep` (if given).
pub async fn delete_other_sessions(
    conn: &mut AnyConnection,
    user_id: i64,
    keep: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(-1))
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes sessions idle or older than the limits.
pub async fn delete_expired_sessions(
    pool: &AnyPool,
    idle_before: i64,
    created_before: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(created_before)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// A user's sessions, newest use first.
pub async fn list_sessions(
    pool: &AnyPool,
    user_id: i64,
    current: i64,
) -> Result<Vec<SessionView>, sqlx::Error> {
    let mut sessions: Vec<SessionView> = sqlx::query_as(
        "SELECT id, created_at, last_seen_at, user_agent FROM sessions \
         WHERE user_id = $1 ORDER BY last_seen_at DESC, id DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    for s in &mut sessions {
        s.current = s.id == current;
    }
    Ok(sessions)
}
