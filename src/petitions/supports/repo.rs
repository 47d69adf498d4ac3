//! Supports SQL, written once for both dialects: the rows of who supports
//! what, the maintained counts and the thresholds reached.

use crate::petitions::model::{EventKind, Status};
use sqlx::{AnyConnection, AnyPool};

/// Records a support; a second one by the same account changes nothing.
/// Returns whether it was recorded.
pub async fn insert_support(
    conn: &mut AnyConnection,
    petition_id: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO petition_supports (petition_id, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (petition_id, user_id) DO NOTHING",
    )
    .bind(petition_id)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Most supports one INSERT statement carries: groups go in slices of this
/// many, so the statements a connection prepares stay few.
pub const INSERT_SLICE: usize = 64;

/// Records supports (`(petition, account)`, no pair twice) in one statement
/// per [`INSERT_SLICE`]; a pair already recorded changes nothing. Returns
/// the pairs that were recorded.
pub async fn insert_supports(
    conn: &mut AnyConnection,
    pairs: &[(i64, i64)],
    now: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let mut recorded = Vec::with_capacity(pairs.len());
    for slice in pairs.chunks(INSERT_SLICE) {
        let values: Vec<String> = (0..slice.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO petition_supports (petition_id, user_id, created_at) VALUES {} \
             ON CONFLICT (petition_id, user_id) DO NOTHING RETURNING petition_id, user_id",
            values.join(", ")
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
        for (petition, user) in slice {
            query = query.bind(*petition).bind(*user).bind(now);
        }
        recorded.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(recorded)
}

/// Withdraws a support; returns whether there was one.
pub async fn delete_support(
    conn: &mut AnyConnection,
    petition_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM petition_supports WHERE petition_id = $1 AND user_id = $2")
        .bind(petition_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a petition's maintained support count by a committed group's net
/// change; returns the new count and the petition's status.
pub async fn move_support_count(
    conn: &mut AnyConnection,
    petition_id: i64,
    delta: i64,
) -> Result<(i64, Status), sqlx::Error> {
    let (count, status): (i64, String) = sqlx::query_as(
        "UPDATE petitions SET support_count = support_count + $1 WHERE id = $2 \
         RETURNING support_count, status",
    )
    .bind(delta)
    .bind(petition_id)
    .fetch_one(conn)
    .await?;
    Ok((count, Status::parse(&status).unwrap_or(Status::Submitted)))
}

/// Records that a petition reached a threshold, once: returns `false` when
/// it had already reached it (supports withdrawn and given again).
pub async fn mark_threshold(
    conn: &mut AnyConnection,
    petition_id: i64,
    kind: EventKind,
    now: i64,
    answer_due_at: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let query = match kind {
        EventKind::Hearing => {
            sqlx::query("UPDATE petitions SET hearing_at = $1 WHERE id = $2 AND hearing_at IS NULL")
                .bind(now)
        }
        _ => sqlx::query(
            "UPDATE petitions SET answer_due_at = $1 WHERE id = $2 AND answer_due_at IS NULL",
        )
        .bind(answer_due_at),
    };
    let done = query.bind(petition_id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Whether an account supports a petition.
pub async fn supports(pool: &AnyPool, petition_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM petition_supports WHERE petition_id = $1 AND user_id = $2",
    )
    .bind(petition_id)
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}
