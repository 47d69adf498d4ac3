//! Following subjects: a follower gets each new step of the subject in
//! their inbox and, unless they turned e-mails off, by e-mail
//! ([`super::timeline::append`] tells them). Who may follow what is the
//! subject's domain's to decide.

use super::SubjectRef;
use sqlx::{AnyConnection, AnyPool};

/// Follows a subject, or changes whether its steps come by e-mail.
pub async fn follow<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    subject: SubjectRef,
    user_id: i64,
    email: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subject_follows (subject_kind, subject_id, user_id, email, created_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (subject_kind, subject_id, user_id) DO UPDATE SET email = excluded.email",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(user_id)
    .bind(i64::from(email))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Stops following; returns whether the account was following.
pub async fn unfollow(
    pool: &AnyPool,
    subject: SubjectRef,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM subject_follows WHERE subject_kind = $1 AND subject_id = $2 AND user_id = $3",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether an account follows a subject: `None` if not, else whether
/// e-mails are on.
pub async fn following(
    pool: &AnyPool,
    subject: SubjectRef,
    user_id: i64,
) -> Result<Option<bool>, sqlx::Error> {
    let email: Option<i64> = sqlx::query_scalar(
        "SELECT email FROM subject_follows \
         WHERE subject_kind = $1 AND subject_id = $2 AND user_id = $3",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(email.map(|e| e != 0))
}

/// How many accounts follow a subject.
pub async fn follower_count(pool: &AnyPool, subject: SubjectRef) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM subject_follows WHERE subject_kind = $1 AND subject_id = $2",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_one(pool)
    .await
}

/// The accounts following a subject, by id, with their e-mail choice.
pub async fn followers(
    pool: &AnyPool,
    subject: SubjectRef,
) -> Result<Vec<(i64, bool)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT user_id, email FROM subject_follows \
         WHERE subject_kind = $1 AND subject_id = $2 ORDER BY user_id",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(u, e)| (u, e != 0)).collect())
}

/// Makes the followers of `from` follow `to` too (closing one subject as a
/// duplicate of another), keeping their e-mail choice; those already
/// following `to` keep theirs.
pub async fn copy_followers(
    conn: &mut AnyConnection,
    from: SubjectRef,
    to: SubjectRef,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subject_follows (subject_kind, subject_id, user_id, email, created_at) \
         SELECT $1, $2, user_id, email, $3 FROM subject_follows \
         WHERE subject_kind = $4 AND subject_id = $5 \
         ON CONFLICT (subject_kind, subject_id, user_id) DO NOTHING",
    )
    .bind(to.kind)
    .bind(to.id)
    .bind(now)
    .bind(from.kind)
    .bind(from.id)
    .execute(conn)
    .await?;
    Ok(())
}
