//! SQL of the closing report and of the close notice.

use super::report_model::{ResponseView, Verdict};
use sqlx::{AnyConnection, AnyPool};

/// Stores a report; `false` when the consultation already has one.
pub async fn insert(
    conn: &mut AnyConnection,
    consultation_id: i64,
    summary: &str,
    written_by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO consultation_reports (consultation_id, summary, written_by, published_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (consultation_id) DO NOTHING",
    )
    .bind(consultation_id)
    .bind(summary)
    .bind(written_by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores the response to an article.
pub async fn insert_response(
    conn: &mut AnyConnection,
    consultation_id: i64,
    response: &ResponseView,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultation_responses (consultation_id, article_number, verdict, reason) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(consultation_id)
    .bind(&response.article)
    .bind(response.verdict.as_str())
    .bind(&response.reason)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A consultation's report: its summary and when it was published.
pub async fn report(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT summary, published_at FROM consultation_reports WHERE consultation_id = $1",
    )
    .bind(consultation_id)
    .fetch_optional(pool)
    .await
}

/// A report's responses, by article number (the caller orders them).
pub async fn responses(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<ResponseView>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT article_number, verdict, reason FROM consultation_responses \
         WHERE consultation_id = $1",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(article, verdict, reason)| {
            Some(ResponseView {
                article,
                verdict: Verdict::parse(&verdict)?,
                reason,
            })
        })
        .collect())
}

/// Published consultations that have closed and whose followers were not
/// told yet, at most `limit`.
pub async fn closed_unnoticed(
    pool: &AnyPool,
    now: i64,
    limit: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, agency_id FROM consultations WHERE status = 'published' \
         AND closes_at <= $1 AND close_noticed_at IS NULL ORDER BY closes_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Claims the close notice of a consultation: `false` when another
/// instance (or an earlier round) already has.
pub async fn claim_close_notice(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consultations SET close_noticed_at = $1 WHERE id = $2 AND close_noticed_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
