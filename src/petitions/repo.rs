//! Petitions SQL, written once for both dialects.

use crate::petitions::model::{EventKind, PetitionKind, Status, Visibility};
use crate::petitions::subject;
use crate::petitions::views::{CategoryView, Names, PetitionSummary, RatingView};
use crate::petitions::workflow::timeline::Step;
use crate::subjects::moderation::hidden_at_sql;
use sqlx::{AnyConnection, AnyPool};

pub use crate::petitions::workflow::timeline::{events_since, last_answered_at};

/// Petitions per list page.
pub const PER_PAGE: i64 = 20;

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    code: String,
    name_vi: String,
    name_en: String,
    name_ko: String,
}

/// Every category.
pub async fn categories(pool: &AnyPool) -> Result<Vec<CategoryView>, sqlx::Error> {
    let rows: Vec<CategoryRow> =
        sqlx::query_as("SELECT id, code, name_vi, name_en, name_ko FROM categories ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| CategoryView {
            id: r.id,
            code: r.code,
            names: Names {
                vi: r.name_vi,
                en: r.name_en,
                ko: r.name_ko,
            },
        })
        .collect())
}

/// The agency a category routes to, if the category exists.
pub async fn category_route(pool: &AnyPool, id: i64) -> Result<Option<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar("SELECT agency_id FROM categories WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A new petition's fields.
pub struct NewPetition<'a> {
    /// Tracking code.
    pub code: &'a str,
    /// Kind.
    pub kind: PetitionKind,
    /// Title.
    pub title: &'a str,
    /// Body.
    pub body: &'a str,
    /// Folded title and body for search.
    pub search_text: &'a str,
    /// Category.
    pub category_id: i64,
    /// Locality.
    pub locality_id: i64,
    /// Author.
    pub author_id: i64,
    /// Visibility.
    pub visibility: Visibility,
    /// Whether the author's name is shown.
    pub show_name: bool,
    /// Agency suggested by routing.
    pub agency_id: Option<i64>,
}

/// Inserts a petition and its first timeline step; returns both ids.
pub async fn insert_petition(
    conn: &mut AnyConnection,
    p: &NewPetition<'_>,
    now: i64,
) -> Result<(i64, i64), sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO petitions (code, kind, title, body, search_text, category_id, locality_id, author_id, \
         visibility, show_name, status, agency_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(p.code)
    .bind(p.kind.as_str())
    .bind(p.title)
    .bind(p.body)
    .bind(p.search_text)
    .bind(p.category_id)
    .bind(p.locality_id)
    .bind(p.author_id)
    .bind(p.visibility.as_str())
    .bind(i64::from(p.show_name))
    .bind(Status::Submitted.as_str())
    .bind(p.agency_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    index_for_search(conn, id, p.search_text).await?;
    let event = crate::petitions::workflow::timeline::first(
        conn,
        &Step {
            petition_id: id,
            kind: EventKind::Status,
            status: Status::Submitted,
            agency_id: p.agency_id,
            actor_id: Some(p.author_id),
            note: String::new(),
            at: now,
        },
    )
    .await?;
    Ok((id, event))
}

pub(super) const SUMMARY_COLUMNS: &str = "p.id, p.code, p.kind, p.title, p.status, \
    c.name_vi, c.name_en, c.name_ko, \
    l.name AS locality, lp.name AS locality_parent, \
    p.support_count AS supports, p.answer_due_at, p.created_at";

pub(super) const SUMMARY_FROM: &str = "FROM petitions p \
    JOIN categories c ON c.id = p.category_id \
    JOIN localities l ON l.id = p.locality_id \
    LEFT JOIN localities lp ON lp.id = l.parent_id";

#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    code: String,
    #[sqlx(try_from = "String")]
    kind: PetitionKind,
    title: String,
    #[sqlx(try_from = "String")]
    status: Status,
    name_vi: String,
    name_en: String,
    name_ko: String,
    locality: String,
    locality_parent: Option<String>,
    supports: i64,
    answer_due_at: Option<i64>,
    created_at: i64,
}

impl From<SummaryRow> for PetitionSummary {
    fn from(r: SummaryRow) -> Self {
        PetitionSummary {
            code: r.code,
            kind: r.kind,
            title: r.title,
            status: r.status,
            category: Names {
                vi: r.name_vi,
                en: r.name_en,
                ko: r.name_ko,
            },
            locality: match r.locality_parent {
                Some(parent) => format!("{}, {parent}", r.locality),
                None => r.locality,
            },
            supports: r.supports,
            answer_due_at: r.answer_due_at,
            created_at: r.created_at,
        }
    }
}

/// A petition's stored fields, for its page and for officers.
#[derive(sqlx::FromRow)]
pub struct PetitionRow {
    /// Id.
    pub id: i64,
    /// Author.
    pub author_id: i64,
    /// Author's display name ("" once the account is deleted).
    pub author_name: String,
    /// Visibility.
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// 1 when the author's name is shown.
    pub show_name: i64,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// Handling agency.
    pub agency_id: Option<i64>,
    /// Its name.
    pub agency_name: Option<String>,
    /// Body.
    pub body: String,
    /// Official answer.
    pub answer: Option<String>,
    /// When the hearing threshold was reached.
    pub hearing_at: Option<i64>,
}

impl PetitionRow {
    /// Whether its petitioner may rate it: only an answer is rated, so a
    /// petition closed (as a duplicate, say) without one is not.
    pub fn has_answer_to_rate(&self) -> bool {
        matches!(self.status, Status::Answered | Status::Closed)
            && self.answer.as_deref().is_some_and(|a| !a.is_empty())
    }
}

/// Who may read the petition with this code, if there is one.
pub async fn visibility(pool: &AnyPool, code: &str) -> Result<Option<Visibility>, sqlx::Error> {
    let v: Option<(String,)> = sqlx::query_as("SELECT visibility FROM petitions WHERE code = $1")
        .bind(code)
        .fetch_optional(pool)
        .await?;
    Ok(v.and_then(|(v,)| Visibility::parse(&v)))
}

/// A petition by tracking code: its list fields and its stored fields.
pub async fn petition_by_code(
    pool: &AnyPool,
    code: &str,
) -> Result<Option<(PetitionSummary, PetitionRow)>, sqlx::Error> {
    let summary: Option<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM} WHERE p.code = $1"
    ))
    .bind(code)
    .fetch_optional(pool)
    .await?;
    let Some(summary) = summary else {
        return Ok(None);
    };
    let row: PetitionRow = sqlx::query_as(
        "SELECT p.id, p.author_id, u.display_name AS author_name, p.visibility, p.show_name, p.status, \
         p.agency_id, a.name AS agency_name, p.body, p.answer, p.hearing_at \
         FROM petitions p JOIN users u ON u.id = p.author_id \
         LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.code = $1",
    )
    .bind(code)
    .fetch_one(pool)
    .await?;
    Ok(Some((summary.into(), row)))
}

/// A petitioner's own petitions, newest first.
pub async fn by_author(
    pool: &AnyPool,
    author_id: i64,
) -> Result<Vec<PetitionSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM} WHERE p.author_id = $1 ORDER BY p.id DESC"
    ))
    .bind(author_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Moves a petition to `status` if it is still in `from` (so two officers
/// acting at once cannot both move it); returns whether it moved.
pub async fn update_status(
    conn: &mut AnyConnection,
    petition_id: i64,
    from: Status,
    to: Status,
    answer: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET status = $1, answer = COALESCE($2, answer), updated_at = $3 \
         WHERE id = $4 AND status = $5",
    )
    .bind(to.as_str())
    .bind(answer)
    .bind(now)
    .bind(petition_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What supporting and following check about a petition.
#[derive(sqlx::FromRow)]
pub struct SupportTarget {
    /// Id.
    pub id: i64,
    /// Author.
    pub author_id: i64,
    /// Visibility.
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// When a moderator hid it, if they did.
    pub hidden_at: Option<i64>,
}

/// The few fields supporting and following check, by tracking code.
pub async fn support_target(
    pool: &AnyPool,
    code: &str,
) -> Result<Option<SupportTarget>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.author_id, p.visibility, p.status, {} AS hidden_at \
         FROM petitions p WHERE p.code = $1",
        hidden_at_sql(subject::KIND, "p.id")
    ))
    .bind(code)
    .fetch_optional(pool)
    .await
}

/// Adds petition `id` to the SQLite search index, in the transaction that
/// inserted it (PostgreSQL's index is over the column itself).
pub async fn index_for_search(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    search_text: &str,
) -> Result<(), sqlx::Error> {
    if conn.backend_name() == "SQLite" {
        sqlx::query("INSERT INTO petitions_search (rowid, search_text) VALUES ($1, $2)")
            .bind(id)
            .bind(search_text)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Routes every category without an agency to `agency_id` (demo set-up).
pub async fn route_unrouted_categories(pool: &AnyPool, agency_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE categories SET agency_id = $1 WHERE agency_id IS NULL")
        .bind(agency_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// How many petitions exist.
pub async fn count_all(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM petitions")
        .fetch_one(pool)
        .await
}

/// The rating of a petition's answer.
pub async fn rating(pool: &AnyPool, petition_id: i64) -> Result<Option<RatingView>, sqlx::Error> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT stars, comment FROM petition_ratings WHERE petition_id = $1")
            .bind(petition_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(stars, comment)| RatingView { stars, comment }))
}

/// Records (or replaces) the rating of a petition's answer.
pub async fn upsert_rating(
    pool: &AnyPool,
    petition_id: i64,
    stars: i64,
    comment: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_ratings (petition_id, stars, comment, rated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (petition_id) DO UPDATE SET stars = $2, comment = $3, rated_at = $4",
    )
    .bind(petition_id)
    .bind(stars)
    .bind(comment)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}
