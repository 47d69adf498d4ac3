//! Moderation of any subject: a moderator hides it with a reason (who, when
//! and why are kept, and so is a later restore, for audit), citizens report
//! it as abusive (once per account; a report is open until the subject is
//! hidden or the reports dismissed), and the queue of subjects with open
//! reports. Who may moderate is the subject's domain's to decide (`can`).

use super::{literal, SubjectRef};
use crate::error::AppError;
use sqlx::{AnyConnection, AnyPool};

/// A moderator's or reporter's text: trimmed, NFC, at most `max` characters,
/// required unless `optional`. Errors name `field`.
pub fn note(text: &str, field: &str, max: usize, optional: bool) -> Result<String, AppError> {
    let rules = crate::text::Rules {
        min: usize::from(!optional),
        max,
        lines: true,
    };
    let messages = crate::text::Messages {
        too_short: "moderation.note_required",
        too_long: "moderation.note_too_long",
        invalid: "moderation.note_too_long",
    };
    crate::text::check(text, field, rules, messages)
}

/// A subject hidden by a moderator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hidden {
    /// When (ms).
    pub hidden_at: i64,
    /// Who.
    pub hidden_by: Option<i64>,
    /// The moderator's reason, shown to the public.
    pub reason: String,
}

/// SQL that is true while the subject of `kind` whose id is `id_column` is
/// hidden (one look-up in an index), for a domain's list queries.
pub fn hidden_sql(kind: &'static str, id_column: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM subject_hides sh WHERE sh.subject_kind = '{}' \
         AND sh.subject_id = {id_column} AND sh.restored_at IS NULL)",
        literal(kind)
    )
}

/// SQL giving when the subject of `kind` whose id is `id_column` was hidden
/// (NULL while it is not), for a domain's queries.
pub fn hidden_at_sql(kind: &'static str, id_column: &str) -> String {
    format!(
        "(SELECT sh.hidden_at FROM subject_hides sh WHERE sh.subject_kind = '{}' \
         AND sh.subject_id = {id_column} AND sh.restored_at IS NULL)",
        literal(kind)
    )
}

/// Whether a subject is hidden now, and by whom and why.
pub async fn hidden(pool: &AnyPool, subject: SubjectRef) -> Result<Option<Hidden>, sqlx::Error> {
    sqlx::query_as(
        "SELECT hidden_at, hidden_by, reason FROM subject_hides \
         WHERE subject_kind = $1 AND subject_id = $2 AND restored_at IS NULL",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_optional(pool)
    .await
}

/// Hides a subject, unless already hidden; returns whether it did.
pub async fn hide(
    conn: &mut AnyConnection,
    subject: SubjectRef,
    reason: &str,
    moderator: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // At most one current hide per subject (a unique index): a second one,
    // even from a concurrent request, does nothing.
    let done = sqlx::query(
        "INSERT INTO subject_hides (subject_kind, subject_id, hidden_at, hidden_by, reason) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(now)
    .bind(moderator)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Shows a hidden subject again, recording who did it, when and why (the
/// hide stays on record); returns whether it was hidden.
pub async fn restore(
    conn: &mut AnyConnection,
    subject: SubjectRef,
    moderator: i64,
    note: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE subject_hides SET restored_at = $1, restored_by = $2, restore_note = $3 \
         WHERE subject_kind = $4 AND subject_id = $5 AND restored_at IS NULL",
    )
    .bind(now)
    .bind(moderator)
    .bind(note)
    .bind(subject.kind)
    .bind(subject.id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records an abuse report (`reason` is the domain's code for it); returns
/// `false` when the account had already reported the subject.
pub async fn report(
    pool: &AnyPool,
    subject: SubjectRef,
    user_id: i64,
    reason: &str,
    comment: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO subject_reports (subject_kind, subject_id, user_id, reason, comment, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (subject_kind, subject_id, user_id) DO NOTHING",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(user_id)
    .bind(reason)
    .bind(comment)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a subject's open reports with `outcome` (`hidden` or
/// `dismissed`), recording who and when; returns how many it closed.
pub async fn close_reports<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    subject: SubjectRef,
    moderator: i64,
    outcome: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE subject_reports SET closed_at = $1, closed_by = $2, outcome = $3 \
         WHERE subject_kind = $4 AND subject_id = $5 AND closed_at IS NULL",
    )
    .bind(now)
    .bind(moderator)
    .bind(outcome)
    .bind(subject.kind)
    .bind(subject.id)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Whether an account has reported a subject (open or closed).
pub async fn has_reported(
    pool: &AnyPool,
    subject: SubjectRef,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM subject_reports \
         WHERE subject_kind = $1 AND subject_id = $2 AND user_id = $3",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// How many open reports a subject has.
pub async fn open_reports(pool: &AnyPool, subject: SubjectRef) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM subject_reports \
         WHERE subject_kind = $1 AND subject_id = $2 AND closed_at IS NULL",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_one(pool)
    .await
}

/// A subject in the moderation queue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reported {
    /// Its kind.
    pub subject_kind: String,
    /// Its id.
    pub subject_id: i64,
    /// Its open reports.
    pub reports: i64,
    /// When the first of them was made (ms).
    pub first_reported_at: i64,
}

/// Visible subjects (of `kind`, or of every kind) with at least `threshold`
/// open reports, most reported first.
pub async fn queue(
    pool: &AnyPool,
    kind: Option<&str>,
    threshold: i64,
) -> Result<Vec<Reported>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.subject_kind, r.subject_id, COUNT(*) AS reports, \
         MIN(r.created_at) AS first_reported_at FROM subject_reports r \
         WHERE r.closed_at IS NULL AND ($1 = '' OR r.subject_kind = $1) \
         AND NOT EXISTS (SELECT 1 FROM subject_hides sh WHERE sh.subject_kind = r.subject_kind \
         AND sh.subject_id = r.subject_id AND sh.restored_at IS NULL) \
         GROUP BY r.subject_kind, r.subject_id HAVING COUNT(*) >= $2 \
         ORDER BY COUNT(*) DESC, r.subject_id DESC",
    )
    .bind(kind.unwrap_or(""))
    .bind(threshold)
    .fetch_all(pool)
    .await
}

/// A subject's open reports: counts by reason (most first), and the latest
/// five comments.
pub async fn report_details(
    pool: &AnyPool,
    subject: SubjectRef,
) -> Result<(Vec<(String, i64)>, Vec<String>), sqlx::Error> {
    let counts = sqlx::query_as(
        "SELECT reason, COUNT(*) FROM subject_reports \
         WHERE subject_kind = $1 AND subject_id = $2 AND closed_at IS NULL \
         GROUP BY reason ORDER BY COUNT(*) DESC, reason",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_all(pool)
    .await?;
    let comments = sqlx::query_scalar(
        "SELECT comment FROM subject_reports \
         WHERE subject_kind = $1 AND subject_id = $2 AND closed_at IS NULL AND comment <> '' \
         ORDER BY id DESC LIMIT 5",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_all(pool)
    .await?;
    Ok((counts, comments))
}
