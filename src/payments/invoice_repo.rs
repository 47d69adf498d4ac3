//! The invoices' SQL (portable: `$n` placeholders, times bound from Rust):
//! issuing, reading, expiring and cancelling a case's invoices. Payments
//! received are written by `gateway_repo`.

use super::model::InvoiceStatus;
use sqlx::{AnyConnection, AnyPool};

/// An invoice with where it belongs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvoiceRow {
    /// Id.
    pub id: i64,
    /// Reference.
    pub reference: String,
    /// Its case.
    pub case_id: i64,
    /// The case's code.
    pub case_code: String,
    /// Amount in đồng.
    pub amount_dong: i64,
    /// Stored status.
    pub status: String,
    /// Issued (ms).
    pub created_at: i64,
    /// Expires (ms).
    pub expires_at: i64,
    /// Paid (ms).
    pub paid_at: Option<i64>,
    /// The case's agency.
    pub agency_id: i64,
    /// The case's counter.
    pub counter_id: Option<i64>,
    /// The procedure's Vietnamese name (the transfer's purpose).
    pub name_vi: String,
    /// The procedure's catalogue code.
    pub procedure_code: String,
    /// The token of the case's counter's display.
    pub display_token: Option<String>,
}

impl InvoiceRow {
    /// Its status at `now`: an open invoice past its expiry is expired.
    pub fn status_at(&self, now: i64) -> InvoiceStatus {
        match InvoiceStatus::parse(&self.status) {
            Some(InvoiceStatus::Open) if now >= self.expires_at => InvoiceStatus::Expired,
            Some(s) => s,
            None => InvoiceStatus::Cancelled,
        }
    }
}

const INVOICE: &str =
    "SELECT i.id, i.reference, i.case_id, k.code AS case_code, i.amount_dong, i.status, \
     i.created_at, i.expires_at, i.paid_at, k.agency_id, k.counter_id, p.name_vi, p.code AS procedure_code, c.display_token \
     FROM invoices i JOIN cases k ON k.id = i.case_id JOIN procedures p ON p.id = k.procedure_id \
     LEFT JOIN counters c ON c.id = k.counter_id";

/// An invoice by reference.
pub async fn invoice_by_reference(
    conn: &mut AnyConnection,
    reference: &str,
) -> Result<Option<InvoiceRow>, sqlx::Error> {
    sqlx::query_as(&format!("{INVOICE} WHERE i.reference = $1"))
        .bind(reference)
        .fetch_optional(conn)
        .await
}

/// A case's newest invoice.
pub async fn latest_invoice(
    pool: &AnyPool,
    case_id: i64,
) -> Result<Option<InvoiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{INVOICE} WHERE i.case_id = $1 ORDER BY i.id DESC LIMIT 1"
    ))
    .bind(case_id)
    .fetch_optional(pool)
    .await
}

/// What a counter's display shows: its newest invoice issued after `since`
/// that is open or paid.
pub async fn display_invoice(
    pool: &AnyPool,
    counter_id: i64,
    since: i64,
) -> Result<Option<InvoiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{INVOICE} WHERE k.counter_id = $1 AND i.created_at >= $2 AND i.status IN ('open', 'paid') \
         ORDER BY i.id DESC LIMIT 1"
    ))
    .bind(counter_id)
    .bind(since)
    .fetch_optional(pool)
    .await
}

/// Open invoices not yet expired, newest first (the sandbox bank's list).
pub async fn open_invoices(
    pool: &AnyPool,
    now: i64,
    limit: i64,
) -> Result<Vec<InvoiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{INVOICE} WHERE i.status = 'open' AND i.expires_at > $1 ORDER BY i.id DESC LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Marks a case's open invoices past their expiry as expired.
pub async fn expire_open(
    conn: &mut AnyConnection,
    case_id: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE invoices SET status = 'expired' WHERE case_id = $1 AND status = 'open' AND expires_at <= $2",
    )
    .bind(case_id)
    .bind(now)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
}

/// An invoice to issue.
pub struct NewInvoice<'a> {
    /// Its reference.
    pub reference: &'a str,
    /// Its case.
    pub case_id: i64,
    /// The amount in đồng.
    pub amount_dong: i64,
    /// Who issued it.
    pub issued_by: i64,
    /// When (ms).
    pub at: i64,
    /// Until when it may be paid (ms).
    pub expires_at: i64,
}

/// Inserts an open invoice (a unique violation when the case has one open already).
pub async fn insert_invoice(
    conn: &mut AnyConnection,
    i: &NewInvoice<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO invoices (reference, case_id, amount_dong, status, issued_by, created_at, expires_at) \
         VALUES ($1, $2, $3, 'open', $4, $5, $6) RETURNING id",
    )
    .bind(i.reference)
    .bind(i.case_id)
    .bind(i.amount_dong)
    .bind(i.issued_by)
    .bind(i.at)
    .bind(i.expires_at)
    .fetch_one(conn)
    .await
}

/// Cancels an open invoice; whether it was open.
pub async fn cancel_invoice(
    conn: &mut AnyConnection,
    invoice_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE invoices SET status = 'cancelled' WHERE id = $1 AND status = 'open'")
        .bind(invoice_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected() == 1)
}

/// One line of a counter's day: a procedure's invoices in one status.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DayLine {
    /// The procedure's code.
    pub procedure_code: String,
    /// Its Vietnamese name.
    pub name_vi: String,
    /// The status at `now` (an open invoice past its expiry is `expired`).
    pub status: String,
    /// How many invoices.
    pub count: i64,
    /// Their amounts, in đồng.
    pub total: i64,
}

/// The invoices counter `counter_id` issued in `[from, to)`, by procedure
/// and status.
pub async fn day_lines(
    pool: &AnyPool,
    counter_id: i64,
    from: i64,
    to: i64,
    now: i64,
) -> Result<Vec<DayLine>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.code AS procedure_code, p.name_vi, \
         CASE WHEN i.status = 'open' AND i.expires_at <= $4 THEN 'expired' ELSE i.status END AS status, \
         COUNT(*) AS count, CAST(SUM(i.amount_dong) AS BIGINT) AS total \
         FROM invoices i JOIN cases k ON k.id = i.case_id JOIN procedures p ON p.id = k.procedure_id \
         WHERE k.counter_id = $1 AND i.created_at >= $2 AND i.created_at < $3 \
         GROUP BY p.code, p.name_vi, \
         CASE WHEN i.status = 'open' AND i.expires_at <= $4 THEN 'expired' ELSE i.status END \
         ORDER BY p.code, status",
    )
    .bind(counter_id)
    .bind(from)
    .bind(to)
    .bind(now)
    .fetch_all(pool)
    .await
}
