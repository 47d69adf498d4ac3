//! SQL for routing: the rules that pick a petition's agency by category and
//! locality, reassigning a petition, and the locality and agency filters of
//! the lists.

use crate::petitions::model::Status;
use crate::petitions::repo::{SummaryRow, SUMMARY_COLUMNS, SUMMARY_FROM};
use crate::petitions::routing::model::QueueFilter;
use crate::petitions::views::PetitionSummary;
use crate::server::filter::Where;
use sqlx::{AnyConnection, AnyPool};

/// The agencies a category's petitions from `locality_id` may go to, most
/// specific first: the rules for the locality itself, its district and its
/// province (localities are at most three levels deep).
pub async fn rule_chain(
    pool: &AnyPool,
    category_id: i64,
    locality_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.agency_id FROM localities l \
         LEFT JOIN localities lp ON lp.id = l.parent_id \
         JOIN routing_rules r ON r.category_id = $1 \
          AND (r.locality_id = l.id OR r.locality_id = lp.id OR r.locality_id = lp.parent_id) \
         WHERE l.id = $2 \
         ORDER BY CASE WHEN r.locality_id = l.id THEN 0 WHEN r.locality_id = lp.id THEN 1 ELSE 2 END",
    )
    .bind(category_id)
    .bind(locality_id)
    .fetch_all(pool)
    .await
}

/// A petition's category, locality and handling agency, by tracking code.
#[derive(sqlx::FromRow)]
pub struct Placement {
    /// Id.
    pub id: i64,
    /// Category.
    pub category_id: i64,
    /// Locality.
    pub locality_id: i64,
    /// Handling agency.
    pub agency_id: Option<i64>,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: Status,
}

/// Where a petition is and who handles it.
pub async fn placement(pool: &AnyPool, code: &str) -> Result<Option<Placement>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, category_id, locality_id, agency_id, status FROM petitions WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(pool)
    .await
}

/// Hands a petition to `agency_id` with status `assigned`, if it is still
/// where the caller saw it (status and agency); returns whether it moved.
pub async fn reassign(
    conn: &mut AnyConnection,
    p: &Placement,
    agency_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET agency_id = $1, status = $2, updated_at = $3 \
         WHERE id = $4 AND status = $5 AND COALESCE(agency_id, -1) = $6",
    )
    .bind(agency_id)
    .bind(Status::Assigned.as_str())
    .bind(now)
    .bind(p.id)
    .bind(p.status.as_str())
    .bind(p.agency_id.unwrap_or(-1))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds the list filters by place and agency (already checked to be
/// numbers) to a query over [`SUMMARY_FROM`]: a locality matches itself and
/// everything within it.
pub fn push_place_filters(w: &mut Where, locality: &str, agency: &str) {
    if !locality.is_empty() {
        w.and(
            "(l.id = CAST(? AS BIGINT) OR l.parent_id = CAST(? AS BIGINT) \
             OR lp.parent_id = CAST(? AS BIGINT))",
            locality,
        );
    }
    if !agency.is_empty() {
        w.and("p.agency_id = CAST(? AS BIGINT)", agency);
    }
}

/// The officers' queue: open petitions of `agency` (all of them for an admin
/// with no agency chosen), filtered, newest first.
pub async fn queue(
    pool: &AnyPool,
    agency: Option<i64>,
    filter: &QueueFilter,
) -> Result<Vec<PetitionSummary>, sqlx::Error> {
    let mut w = Where::new("p.status NOT IN ('closed', 'rejected')");
    if let Some(agency) = agency {
        w.and("p.agency_id = CAST(? AS BIGINT)", agency.to_string());
    }
    if !filter.status.is_empty() {
        w.and("p.status = ?", filter.status.clone());
    }
    if !filter.category.is_empty() {
        w.and("c.code = ?", filter.category.clone());
    }
    push_place_filters(&mut w, &filter.locality, "");
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM} WHERE {} ORDER BY p.id DESC LIMIT 200",
        w.sql()
    );
    let rows = w
        .bind_as(sqlx::query_as::<_, SummaryRow>(&sql))
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Adds a routing rule, or points an existing one at `agency_id` (demo set-up).
pub async fn upsert_rule(
    pool: &AnyPool,
    category_id: i64,
    locality_id: i64,
    agency_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO routing_rules (category_id, locality_id, agency_id) VALUES ($1, $2, $3) \
         ON CONFLICT (category_id, locality_id) DO UPDATE SET agency_id = $3",
    )
    .bind(category_id)
    .bind(locality_id)
    .bind(agency_id)
    .execute(pool)
    .await?;
    Ok(())
}
