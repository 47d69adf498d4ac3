//! Moderation SQL, written once for both dialects: hiding and restoring,
//! duplicates, abuse reports and the moderation queue.

use super::model::{Status, Visibility};
use super::moderation_model::{ReasonCount, ReportReason, ReportedPetition};
use sqlx::{AnyConnection, AnyPool};

/// A petition's moderation state.
#[derive(sqlx::FromRow)]
pub struct ModerationRow {
    /// When it was hidden, if it is.
    pub hidden_at: Option<i64>,
    /// The moderator's reason.
    pub hidden_reason: Option<String>,
    /// The original's tracking code, when closed as a duplicate.
    pub duplicate_code: Option<String>,
}

/// A petition's moderation state by id.
pub async fn state(pool: &AnyPool, petition_id: i64) -> Result<ModerationRow, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.hidden_at, p.hidden_reason, o.code AS duplicate_code FROM petitions p \
         LEFT JOIN petitions o ON o.id = p.duplicate_of WHERE p.id = $1",
    )
    .bind(petition_id)
    .fetch_one(pool)
    .await
}

/// What the moderation rules check about a petition.
#[derive(sqlx::FromRow)]
pub struct Target {
    /// Id.
    pub id: i64,
    /// Tracking code.
    pub code: String,
    /// Author.
    pub author_id: i64,
    /// Visibility.
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// Handling agency.
    pub agency_id: Option<i64>,
    /// When hidden, if it is.
    pub hidden_at: Option<i64>,
    /// The petition this one duplicates, if any.
    pub duplicate_of: Option<i64>,
}

const TARGET: &str = "SELECT id, code, author_id, visibility, status, agency_id, hidden_at, \
    duplicate_of FROM petitions";

/// A petition by tracking code (canonical form).
pub async fn target(pool: &AnyPool, code: &str) -> Result<Option<Target>, sqlx::Error> {
    sqlx::query_as(&format!("{TARGET} WHERE code = $1"))
        .bind(code)
        .fetch_optional(pool)
        .await
}

/// A petition by id.
pub async fn target_by_id(pool: &AnyPool, id: i64) -> Result<Option<Target>, sqlx::Error> {
    sqlx::query_as(&format!("{TARGET} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Hides a petition's text, unless already hidden; returns whether it did.
pub async fn hide(
    conn: &mut AnyConnection,
    petition_id: i64,
    reason: &str,
    moderator: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET hidden_at = $1, hidden_reason = $2, hidden_by = $3, updated_at = $1 \
         WHERE id = $4 AND hidden_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(moderator)
    .bind(petition_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Shows a hidden petition's text again; returns whether it was hidden. Who
/// hid it and why stays in the timeline.
pub async fn restore(
    conn: &mut AnyConnection,
    petition_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET hidden_at = NULL, hidden_reason = NULL, hidden_by = NULL, \
         updated_at = $1 WHERE id = $2 AND hidden_at IS NOT NULL",
    )
    .bind(now)
    .bind(petition_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a petition as a duplicate of `original` if it is still in `from`;
/// returns whether it did.
pub async fn close_as_duplicate(
    conn: &mut AnyConnection,
    petition_id: i64,
    from: Status,
    original: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET status = $1, duplicate_of = $2, updated_at = $3 \
         WHERE id = $4 AND status = $5",
    )
    .bind(Status::Closed.as_str())
    .bind(original)
    .bind(now)
    .bind(petition_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes the followers of a duplicate follow its original too (keeping
/// their e-mail choice; those already following keep theirs).
pub async fn copy_followers(
    conn: &mut AnyConnection,
    from: i64,
    to: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_follows (petition_id, user_id, email, created_at) \
         SELECT $1, user_id, email, $2 FROM petition_follows WHERE petition_id = $3 \
         ON CONFLICT (petition_id, user_id) DO NOTHING",
    )
    .bind(to)
    .bind(now)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records an abuse report; returns `false` when the account had already
/// reported the petition.
pub async fn insert_report(
    pool: &AnyPool,
    petition_id: i64,
    user_id: i64,
    reason: ReportReason,
    comment: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO petition_reports (petition_id, user_id, reason, comment, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (petition_id, user_id) DO NOTHING",
    )
    .bind(petition_id)
    .bind(user_id)
    .bind(reason.as_str())
    .bind(comment)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a petition's open reports with `outcome` (`hidden` or
/// `dismissed`), recording who and when; returns how many it closed.
pub async fn close_reports<'e>(
    conn: impl sqlx::Executor<'e, Database = sqlx::Any>,
    petition_id: i64,
    moderator: i64,
    outcome: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petition_reports SET closed_at = $1, closed_by = $2, outcome = $3 \
         WHERE petition_id = $4 AND closed_at IS NULL",
    )
    .bind(now)
    .bind(moderator)
    .bind(outcome)
    .bind(petition_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Whether an account has reported a petition.
pub async fn has_reported(
    pool: &AnyPool,
    petition_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM petition_reports WHERE petition_id = $1 AND user_id = $2",
    )
    .bind(petition_id)
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// How many open reports a petition has.
pub async fn open_reports(pool: &AnyPool, petition_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM petition_reports WHERE petition_id = $1 AND closed_at IS NULL",
    )
    .bind(petition_id)
    .fetch_one(pool)
    .await
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    code: String,
    title: String,
    reports: i64,
    first_reported_at: i64,
}

/// Visible petitions with at least `threshold` open reports, most reported
/// first: those of `agency_id`, or all of them (`all`, for admins).
pub async fn queue(
    pool: &AnyPool,
    all: bool,
    agency_id: Option<i64>,
    threshold: i64,
) -> Result<Vec<ReportedPetition>, sqlx::Error> {
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT p.id, p.code, p.title, COUNT(r.id) AS reports, MIN(r.created_at) AS first_reported_at \
         FROM petition_reports r JOIN petitions p ON p.id = r.petition_id \
         WHERE r.closed_at IS NULL AND p.hidden_at IS NULL \
         AND ($1 = 1 OR p.agency_id = $2) \
         GROUP BY p.id, p.code, p.title HAVING COUNT(r.id) >= $3 \
         ORDER BY COUNT(r.id) DESC, p.id DESC LIMIT 200",
    )
    .bind(i64::from(all))
    .bind(agency_id.unwrap_or(-1))
    .bind(threshold)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let (reasons, comments) = report_details(pool, r.id).await?;
        out.push(ReportedPetition {
            code: r.code,
            title: r.title,
            reports: r.reports,
            reasons,
            comments,
            first_reported_at: r.first_reported_at,
        });
    }
    Ok(out)
}

/// A petition's open reports: counts by reason, and the latest comments.
async fn report_details(
    pool: &AnyPool,
    petition_id: i64,
) -> Result<(Vec<ReasonCount>, Vec<String>), sqlx::Error> {
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT reason, COUNT(*) FROM petition_reports WHERE petition_id = $1 AND closed_at IS NULL \
         GROUP BY reason ORDER BY COUNT(*) DESC, reason",
    )
    .bind(petition_id)
    .fetch_all(pool)
    .await?;
    let comments: Vec<String> = sqlx::query_scalar(
        "SELECT comment FROM petition_reports WHERE petition_id = $1 AND closed_at IS NULL \
         AND comment <> '' ORDER BY id DESC LIMIT 5",
    )
    .bind(petition_id)
    .fetch_all(pool)
    .await?;
    let reasons = counts
        .into_iter()
        .filter_map(|(reason, count)| {
            ReportReason::parse(&reason).map(|reason| ReasonCount { reason, count })
        })
        .collect();
    Ok((reasons, comments))
}
