//! SQL for following petitions and for the followers' inboxes.

use super::follows::InboxRow;
use super::views::InboxItem;
use sqlx::{AnyConnection, AnyPool};

/// Follows a petition, or changes whether its steps come by e-mail.
pub async fn follow<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    petition_id: i64,
    user_id: i64,
    email: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_follows (petition_id, user_id, email, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (petition_id, user_id) DO UPDATE SET email = excluded.email",
    )
    .bind(petition_id)
    .bind(user_id)
    .bind(i64::from(email))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Stops following; returns whether the account was following.
pub async fn unfollow(pool: &AnyPool, petition_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM petition_follows WHERE petition_id = $1 AND user_id = $2")
        .bind(petition_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether an account follows a petition, and with e-mails or not.
pub async fn following(
    pool: &AnyPool,
    petition_id: i64,
    user_id: i64,
) -> Result<Option<bool>, sqlx::Error> {
    let email: Option<i64> = sqlx::query_scalar(
        "SELECT email FROM petition_follows WHERE petition_id = $1 AND user_id = $2",
    )
    .bind(petition_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(email.map(|e| e != 0))
}

/// How many accounts follow a petition.
pub async fn follower_count(pool: &AnyPool, petition_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM petition_follows WHERE petition_id = $1")
        .bind(petition_id)
        .fetch_one(pool)
        .await
}

/// Puts a new step in the inbox of every follower but the one who acted.
pub async fn fill_inboxes(
    conn: &mut AnyConnection,
    petition_id: i64,
    event_id: i64,
    actor_id: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (user_id, petition_id, event_id, created_at) \
         SELECT f.user_id, f.petition_id, $2, $3 FROM petition_follows f \
         WHERE f.petition_id = $1 AND f.user_id <> $4",
    )
    .bind(petition_id)
    .bind(event_id)
    .bind(now)
    .bind(actor_id.unwrap_or(0))
    .execute(conn)
    .await?;
    Ok(())
}

/// A follower to e-mail.
#[derive(sqlx::FromRow)]
pub struct Recipient {
    /// Address.
    pub email: String,
    /// Interface language.
    pub locale: String,
}

/// The followers of a petition who keep e-mails on, but the one who acted.
pub async fn mail_recipients(
    conn: &mut AnyConnection,
    petition_id: i64,
    actor_id: Option<i64>,
) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.locale FROM petition_follows f JOIN users u ON u.id = f.user_id \
         WHERE f.petition_id = $1 AND f.email = 1 AND f.user_id <> $2 AND u.deleted_at IS NULL",
    )
    .bind(petition_id)
    .bind(actor_id.unwrap_or(0))
    .fetch_all(conn)
    .await
}

/// An account's inbox, newest first.
pub async fn inbox(
    pool: &AnyPool,
    user_id: i64,
    limit: i64,
) -> Result<Vec<InboxItem>, sqlx::Error> {
    let rows: Vec<InboxRow> = sqlx::query_as(
        "SELECT n.id, n.created_at, n.read_at, p.code, \
         CASE WHEN p.hidden_at IS NULL OR p.author_id = $1 THEN p.title ELSE '' END AS title, \
         e.kind, e.status, e.note \
         FROM notifications n JOIN petitions p ON p.id = n.petition_id \
         JOIN petition_events e ON e.id = n.event_id \
         WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(InboxItem::from).collect())
}

/// How many inbox entries an account has not read.
pub async fn unread_count(pool: &AnyPool, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

/// Marks every entry of an account's inbox read.
pub async fn mark_all_read(pool: &AnyPool, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}
