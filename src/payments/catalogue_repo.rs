//! The SQL that sets up what counters work with: procedures of the fee
//! catalogue, counters, their staff, and each agency's beneficiary account.
//! Every write is an upsert, so seeding twice changes nothing.

use sqlx::AnyPool;

/// A procedure of the catalogue, as written.
pub struct NewProcedure<'a> {
    /// Catalogue code (unique).
    pub code: &'a str,
    /// The agency that handles it.
    pub agency_id: i64,
    /// Vietnamese name.
    pub name_vi: &'a str,
    /// English name.
    pub name_en: &'a str,
    /// Korean name.
    pub name_ko: &'a str,
    /// Fee in đồng; none: free.
    pub fee_dong: Option<i64>,
}

/// Adds or updates a procedure by code; returns its id.
pub async fn upsert_procedure(
    pool: &AnyPool,
    p: &NewProcedure<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO procedures (code, agency_id, name_vi, name_en, name_ko, fee_dong, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO UPDATE SET \
         agency_id = excluded.agency_id, name_vi = excluded.name_vi, name_en = excluded.name_en, \
         name_ko = excluded.name_ko, fee_dong = excluded.fee_dong RETURNING id",
    )
    .bind(p.code)
    .bind(p.agency_id)
    .bind(p.name_vi)
    .bind(p.name_en)
    .bind(p.name_ko)
    .bind(p.fee_dong)
    .bind(now)
    .fetch_one(pool)
    .await
}

/// Adds a counter of an agency (or finds it by name); returns its id. A
/// new counter's display gets the token `display_token`.
pub async fn upsert_counter(
    pool: &AnyPool,
    agency_id: i64,
    name: &str,
    location: &str,
    display_token: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO counters (agency_id, name, location, display_token, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_id, name) DO UPDATE SET \
         location = excluded.location RETURNING id",
    )
    .bind(agency_id)
    .bind(name)
    .bind(location)
    .bind(display_token)
    .bind(now)
    .fetch_one(pool)
    .await
}

/// Assigns a staff member to a counter (once).
pub async fn assign_staff(
    pool: &AnyPool,
    counter_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO counter_staff (counter_id, user_id, assigned_at) VALUES ($1, $2, $3) \
         ON CONFLICT (counter_id, user_id) DO NOTHING",
    )
    .bind(counter_id)
    .bind(user_id)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Sets an agency's beneficiary account.
pub async fn set_bank_account(
    pool: &AnyPool,
    agency_id: i64,
    bin: &str,
    account: &str,
    name: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agency_bank_accounts (agency_id, bank_bin, account_number, account_name, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_id) DO UPDATE SET \
         bank_bin = excluded.bank_bin, account_number = excluded.account_number, \
         account_name = excluded.account_name, updated_at = excluded.updated_at",
    )
    .bind(agency_id)
    .bind(bin)
    .bind(account)
    .bind(name)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
}
