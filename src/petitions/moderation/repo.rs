//! Moderation SQL for petitions, written once for both dialects: what the
//! rules check about a petition, duplicates, and the moderation queue. The
//! hides, restores and abuse reports themselves are the platform's
//! ([`crate::subjects::moderation`]).

use crate::petitions::model::{Status, Visibility};
use crate::petitions::moderation::model::{ReasonCount, ReportReason, ReportedPetition};
use crate::petitions::subject::{self, KIND};
use crate::subjects::moderation::{self as subject_moderation, hidden_at_sql};
use sqlx::{AnyConnection, AnyPool};

/// A petition's moderation state.
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
    let duplicate_code: Option<String> = sqlx::query_scalar(
        "SELECT o.code FROM petitions p JOIN petitions o ON o.id = p.duplicate_of WHERE p.id = $1",
    )
    .bind(petition_id)
    .fetch_optional(pool)
    .await?;
    let hidden = subject_moderation::hidden(pool, subject::of(petition_id)).await?;
    Ok(ModerationRow {
        hidden_at: hidden.as_ref().map(|h| h.hidden_at),
        hidden_reason: hidden.map(|h| h.reason),
        duplicate_code,
    })
}

/// What the moderation rules check about a petition.
#[derive(sqlx::FromRow)]
pub struct Target {
    /// Id.
    pub id: i64,
    /// Tracking code.
    pub code: String,
    /// Title.
    pub title: String,
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

fn target_sql(condition: &str) -> String {
    format!(
        "SELECT p.id, p.code, p.title, p.author_id, p.visibility, p.status, p.agency_id, \
         {} AS hidden_at, p.duplicate_of FROM petitions p WHERE {condition}",
        hidden_at_sql(KIND, "p.id")
    )
}

/// A petition by tracking code (canonical form).
pub async fn target(pool: &AnyPool, code: &str) -> Result<Option<Target>, sqlx::Error> {
    sqlx::query_as(&target_sql("p.code = $1"))
        .bind(code)
        .fetch_optional(pool)
        .await
}

/// A petition by id.
pub async fn target_by_id(pool: &AnyPool, id: i64) -> Result<Option<Target>, sqlx::Error> {
    sqlx::query_as(&target_sql("p.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Marks a petition changed (hidden or restored), for feeds that sort by it.
pub async fn touch(
    conn: &mut AnyConnection,
    petition_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(petition_id)
        .execute(conn)
        .await?;
    Ok(())
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

/// The most petitions the queue shows.
const QUEUE_SIZE: usize = 200;

/// Visible petitions with at least `threshold` open reports, most reported
/// first: those of `agency_id`, or all of them (`all`, for admins).
pub async fn queue(
    pool: &AnyPool,
    all: bool,
    agency_id: Option<i64>,
    threshold: i64,
) -> Result<Vec<ReportedPetition>, sqlx::Error> {
    let reported = subject_moderation::queue(pool, Some(KIND), threshold).await?;
    let mut out = Vec::new();
    for r in reported {
        let Some(p) = target_by_id(pool, r.subject_id).await? else {
            continue;
        };
        if !(all || (agency_id.is_some() && p.agency_id == agency_id)) {
            continue;
        }
        let (counts, comments) =
            subject_moderation::report_details(pool, subject::of(p.id)).await?;
        let reasons = counts
            .into_iter()
            .filter_map(|(reason, count)| {
                ReportReason::parse(&reason).map(|reason| ReasonCount { reason, count })
            })
            .collect();
        out.push(ReportedPetition {
            code: p.code,
            title: p.title,
            reports: r.reports,
            reasons,
            comments,
            first_reported_at: r.first_reported_at,
        });
        if out.len() == QUEUE_SIZE {
            break;
        }
    }
    Ok(out)
}
