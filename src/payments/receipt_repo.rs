//! SQL of receipt checks: the first check of a paid invoice's receipt is
//! recorded once; later ones read it back.

use sqlx::AnyConnection;

/// Records the first check of invoice `invoice_id`'s receipt; false when it
/// had been checked before (the earlier check stands).
pub async fn record_check(
    conn: &mut AnyConnection,
    invoice_id: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO receipt_checks (invoice_id, checked_by, checked_at) VALUES ($1, $2, $3) \
         ON CONFLICT (invoice_id) DO NOTHING",
    )
    .bind(invoice_id)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When invoice `invoice_id`'s receipt was first checked, if it was.
pub async fn checked_at(
    conn: &mut AnyConnection,
    invoice_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT checked_at FROM receipt_checks WHERE invoice_id = $1")
        .bind(invoice_id)
        .fetch_optional(conn)
        .await
}
