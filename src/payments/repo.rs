//! The payments' SQL (portable: `$n` placeholders, times bound from Rust):
//! the catalogue, counters and their staff, cases and beneficiary accounts.
//! The invoices' SQL is in `invoice_repo`, the notifications' in `gateway_repo`.

use sqlx::{AnyConnection, AnyPool};

/// A procedure of the catalogue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProcedureRow {
    /// Id.
    pub id: i64,
    /// Catalogue code.
    pub code: String,
    /// The agency that handles it.
    pub agency_id: i64,
    /// Names.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Korean name.
    pub name_ko: String,
    /// Fee in đồng; none: free.
    pub fee_dong: Option<i64>,
}

const PROCEDURE: &str =
    "SELECT id, code, agency_id, name_vi, name_en, name_ko, fee_dong FROM procedures";

/// The procedures of an agency, by code.
pub async fn procedures_of(
    pool: &AnyPool,
    agency_id: i64,
) -> Result<Vec<ProcedureRow>, sqlx::Error> {
    sqlx::query_as(&format!("{PROCEDURE} WHERE agency_id = $1 ORDER BY code"))
        .bind(agency_id)
        .fetch_all(pool)
        .await
}

/// A procedure by id.
pub async fn procedure(pool: &AnyPool, id: i64) -> Result<Option<ProcedureRow>, sqlx::Error> {
    sqlx::query_as(&format!("{PROCEDURE} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A counter with its agency's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CounterRow {
    /// Id.
    pub id: i64,
    /// Its agency.
    pub agency_id: i64,
    /// Name.
    pub name: String,
    /// Location.
    pub location: String,
    /// The display's token.
    pub display_token: String,
    /// The agency's name.
    pub agency: String,
}

const COUNTER: &str =
    "SELECT c.id, c.agency_id, c.name, c.location, c.display_token, a.name AS agency \
     FROM counters c JOIN agencies a ON a.id = c.agency_id";

/// The counters `user_id` is assigned to (every counter for `all`).
pub async fn counters_for(
    pool: &AnyPool,
    user_id: i64,
    all: bool,
) -> Result<Vec<CounterRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{COUNTER} WHERE $2 = 1 OR c.id IN (SELECT counter_id FROM counter_staff WHERE user_id = $1) \
         ORDER BY a.name, c.name"
    ))
    .bind(user_id)
    .bind(all as i64)
    .fetch_all(pool)
    .await
}

/// A counter by id.
pub async fn counter(pool: &AnyPool, id: i64) -> Result<Option<CounterRow>, sqlx::Error> {
    sqlx::query_as(&format!("{COUNTER} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A counter by its display's token.
pub async fn counter_by_token(
    pool: &AnyPool,
    token: &str,
) -> Result<Option<CounterRow>, sqlx::Error> {
    sqlx::query_as(&format!("{COUNTER} WHERE c.display_token = $1"))
        .bind(token)
        .fetch_optional(pool)
        .await
}

/// Whether `user_id` works at `counter_id`.
pub async fn is_assigned(
    pool: &AnyPool,
    counter_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM counter_staff WHERE counter_id = $1 AND user_id = $2",
    )
    .bind(counter_id)
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// A case to open.
pub struct NewCase<'a> {
    /// Its code.
    pub code: &'a str,
    /// The procedure.
    pub procedure_id: i64,
    /// The agency handling it.
    pub agency_id: i64,
    /// The counter.
    pub counter_id: i64,
    /// The citizen's name.
    pub citizen_name: &'a str,
    /// Their phone or e-mail.
    pub citizen_contact: &'a str,
    /// Who opened it.
    pub opened_by: i64,
    /// The form's one-time key.
    pub request_key: &'a str,
    /// When (ms).
    pub at: i64,
}

/// Inserts a case; none when a case with the same form key exists (the form
/// was sent twice).
pub async fn insert_case(
    conn: &mut AnyConnection,
    c: &NewCase<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO cases (code, procedure_id, agency_id, counter_id, citizen_name, citizen_contact, \
         opened_by, status, request_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) \
         ON CONFLICT (request_key) DO NOTHING RETURNING id",
    )
    .bind(c.code)
    .bind(c.procedure_id)
    .bind(c.agency_id)
    .bind(c.counter_id)
    .bind(c.citizen_name)
    .bind(c.citizen_contact)
    .bind(c.opened_by)
    .bind(c.request_key)
    .bind(c.at)
    .fetch_optional(conn)
    .await
}

/// The code of the case a form key opened, and who opened it.
pub async fn case_by_request_key(
    pool: &AnyPool,
    key: &str,
) -> Result<Option<(String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT code, opened_by FROM cases WHERE request_key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

/// A case with what its pages show.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseRow {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Status.
    pub status: String,
    /// The citizen.
    pub citizen_name: String,
    /// Their contact.
    pub citizen_contact: String,
    /// Opened (ms).
    pub created_at: i64,
    /// Its counter.
    pub counter_id: Option<i64>,
    /// Its agency.
    pub agency_id: i64,
    /// The procedure.
    pub procedure_id: i64,
    /// Its code.
    pub procedure_code: String,
    /// Names.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Korean name.
    pub name_ko: String,
    /// Its fee.
    pub fee_dong: Option<i64>,
}

const CASE: &str =
    "SELECT k.id, k.code, k.status, k.citizen_name, k.citizen_contact, k.created_at, \
     k.counter_id, k.agency_id, k.procedure_id, p.code AS procedure_code, p.name_vi, p.name_en, \
     p.name_ko, p.fee_dong FROM cases k JOIN procedures p ON p.id = k.procedure_id";

/// A case by code.
pub async fn case_by_code(pool: &AnyPool, code: &str) -> Result<Option<CaseRow>, sqlx::Error> {
    sqlx::query_as(&format!("{CASE} WHERE k.code = $1"))
        .bind(code)
        .fetch_optional(pool)
        .await
}

/// A counter's newest cases.
pub async fn cases_of_counter(
    pool: &AnyPool,
    counter_id: i64,
    limit: i64,
) -> Result<Vec<CaseRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{CASE} WHERE k.counter_id = $1 ORDER BY k.created_at DESC, k.id DESC LIMIT $2"
    ))
    .bind(counter_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Sets a case's status.
pub async fn set_case_status(
    conn: &mut AnyConnection,
    case_id: i64,
    status: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET status = $2 WHERE id = $1")
        .bind(case_id)
        .bind(status)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A beneficiary account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BankRow {
    /// BIN.
    pub bank_bin: String,
    /// Account number.
    pub account_number: String,
    /// Holder.
    pub account_name: String,
}

/// An agency's beneficiary account.
pub async fn bank_account(pool: &AnyPool, agency_id: i64) -> Result<Option<BankRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT bank_bin, account_number, account_name FROM agency_bank_accounts WHERE agency_id = $1",
    )
    .bind(agency_id)
    .fetch_optional(pool)
    .await
}
