//! SQL of service ratings: one per case, and the statistics.

use sqlx::{AnyConnection, AnyPool};

/// A rating to record.
pub struct NewRating<'a> {
    /// The case.
    pub case_id: i64,
    /// Its agency.
    pub agency_id: i64,
    /// Its counter.
    pub counter_id: Option<i64>,
    /// 1 to 5.
    pub stars: i64,
    /// The comment (may be empty).
    pub comment: &'a str,
    /// When (ms).
    pub at: i64,
}

/// Records a case's rating; false when it was rated before (that stands).
pub async fn insert(conn: &mut AnyConnection, r: &NewRating<'_>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO service_ratings (case_id, agency_id, counter_id, stars, comment, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING",
    )
    .bind(r.case_id)
    .bind(r.agency_id)
    .bind(r.counter_id)
    .bind(r.stars)
    .bind(r.comment)
    .bind(r.at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The stars a case was given, if rated.
pub async fn stars_of(pool: &AnyPool, case_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT CAST(stars AS BIGINT) FROM service_ratings WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(pool)
        .await
}

/// (agency, counter or empty, count, sum of stars) for every counter rated,
/// by agency then counter.
pub async fn by_counter(pool: &AnyPool) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.name, COALESCE(c.name, ''), COUNT(*), CAST(SUM(r.stars) AS BIGINT) \
         FROM service_ratings r JOIN agencies a ON a.id = r.agency_id \
         LEFT JOIN counters c ON c.id = r.counter_id \
         GROUP BY a.name, c.name ORDER BY a.name, COALESCE(c.name, '')",
    )
    .fetch_all(pool)
    .await
}
