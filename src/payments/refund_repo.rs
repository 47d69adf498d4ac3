//! SQL of refunds: a request per invoice, decided once, and the requests
//! waiting for an agency's decision.

use sqlx::{AnyConnection, AnyPool};

/// A refund as the case page and the officers' list show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RefundRow {
    /// The invoice's payment reference.
    pub reference: String,
    /// Its case's code.
    pub case_code: String,
    /// The amount paid, in đồng.
    pub amount_dong: i64,
    /// The procedure's code.
    pub procedure_code: String,
    /// Why staff ask for it.
    pub reason: String,
    /// When (ms).
    pub requested_at: i64,
    /// Who asked (display name).
    pub requested_by: String,
    /// 1 approved, 0 declined, none while waiting.
    pub approved: Option<i64>,
    /// The officer's note.
    pub decision_note: String,
}

const REFUND: &str = "SELECT i.reference, k.code AS case_code, i.amount_dong, \
     p.code AS procedure_code, r.reason, r.requested_at, u.display_name AS requested_by, \
     CAST(r.approved AS BIGINT) AS approved, r.decision_note \
     FROM refunds r JOIN invoices i ON i.id = r.invoice_id JOIN cases k ON k.id = i.case_id \
     JOIN procedures p ON p.id = k.procedure_id JOIN users u ON u.id = r.requested_by";

/// Asks for a refund of invoice `invoice_id`; false when one was asked before.
pub async fn request(
    conn: &mut AnyConnection,
    invoice_id: i64,
    reason: &str,
    user_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO refunds (invoice_id, reason, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (invoice_id) DO NOTHING",
    )
    .bind(invoice_id)
    .bind(reason)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Decides the waiting request of invoice `invoice_id`; false when there is
/// none waiting (never asked, or decided before).
pub async fn decide(
    conn: &mut AnyConnection,
    invoice_id: i64,
    approved: bool,
    note: &str,
    user_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE refunds SET approved = $2, decision_note = $3, decided_by = $4, decided_at = $5 \
         WHERE invoice_id = $1 AND decided_at IS NULL",
    )
    .bind(invoice_id)
    .bind(i64::from(approved))
    .bind(note)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a paid invoice refunded; false if it was not paid.
pub async fn mark_refunded(conn: &mut AnyConnection, invoice_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE invoices SET status = 'refunded' WHERE id = $1 AND status = 'paid'")
        .bind(invoice_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected() == 1)
}

/// The refund of the invoice with `reference`, if one was asked.
pub async fn of_reference(
    pool: &AnyPool,
    reference: &str,
) -> Result<Option<RefundRow>, sqlx::Error> {
    sqlx::query_as(&format!("{REFUND} WHERE i.reference = $1"))
        .bind(reference)
        .fetch_optional(pool)
        .await
}

/// The requests waiting for a decision, of `agency` (none: every agency),
/// oldest first.
pub async fn waiting(pool: &AnyPool, agency: Option<i64>) -> Result<Vec<RefundRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{REFUND} WHERE r.decided_at IS NULL AND ($1 IS NULL OR k.agency_id = $1) \
         ORDER BY r.requested_at LIMIT 200"
    ))
    .bind(agency)
    .fetch_all(pool)
    .await
}
