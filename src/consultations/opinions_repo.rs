//! SQL of opinion maps: which need drawing again, the marks they are drawn
//! from, and the drawn map (kept as JSON, one row per consultation).

use sqlx::AnyPool;

/// Published consultations whose marks changed after their map was drawn
/// (a map drawn after the close is final and never looked at again), with
/// the newest mark's time.
pub async fn stale(pool: &AnyPool, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, MAX(m.updated_at) FROM consultations c \
         JOIN consultation_comments k ON k.consultation_id = c.id \
         JOIN consultation_marks m ON m.comment_id = k.id \
         LEFT JOIN consultation_opinion_maps o ON o.consultation_id = c.id \
         WHERE c.status = 'published' AND (o.computed_at IS NULL OR o.computed_at < c.closes_at) \
         GROUP BY c.id, o.marks_at \
         HAVING MAX(m.updated_at) > COALESCE(o.marks_at, -1) \
         ORDER BY c.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Every mark on a consultation's shown comments: participant, comment, mark.
pub async fn marks(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.user_id, m.comment_id, m.mark FROM consultation_marks m \
         JOIN consultation_comments k ON k.id = m.comment_id \
         WHERE k.consultation_id = $1 AND NOT EXISTS (SELECT 1 FROM subject_hides h \
         WHERE h.subject_kind = 'consultation_comment' AND h.subject_id = k.id \
         AND h.restored_at IS NULL)",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// Keeps a consultation's newly drawn map (`body`: JSON, `null` when too
/// few took part), drawn from the marks up to `marks_at`.
pub async fn store(
    pool: &AnyPool,
    consultation_id: i64,
    marks_at: i64,
    now: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultation_opinion_maps (consultation_id, marks_at, computed_at, body) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (consultation_id) DO UPDATE SET \
         marks_at = excluded.marks_at, computed_at = excluded.computed_at, body = excluded.body",
    )
    .bind(consultation_id)
    .bind(marks_at)
    .bind(now)
    .bind(body)
    .execute(pool)
    .await
    .map(|_| ())
}

/// A consultation's drawn map (JSON), if drawn.
pub async fn load(pool: &AnyPool, consultation_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM consultation_opinion_maps WHERE consultation_id = $1")
        .bind(consultation_id)
        .fetch_optional(pool)
        .await
}
