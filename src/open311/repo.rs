//! Open311 SQL, written once for both dialects: API keys, and public
//! petitions read as service requests.

use super::model::ApiKeyView;
use crate::accounts::model::UserView;
use crate::accounts::repo::USER_COLUMNS;
use crate::petitions::model::Status;
use crate::server::filter::Where;
use sqlx::AnyPool;

/// Records a new key (its hash only); returns its id.
pub async fn insert_key(
    pool: &AnyPool,
    account_id: i64,
    key_hash: &str,
    label: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO api_keys (account_id, key_hash, label, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(account_id)
    .bind(key_hash)
    .bind(label)
    .bind(now)
    .fetch_one(pool)
    .await
}

/// Marks the account's key with hash `key_hash` shown, if it is active and
/// was never shown; true when this call is the one that shows it.
pub async fn mark_shown(
    pool: &AnyPool,
    account_id: i64,
    key_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET shown_at = $1 \
         WHERE key_hash = $2 AND account_id = $3 AND shown_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(key_hash)
    .bind(account_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An account's keys that are not revoked, newest first.
pub async fn active_keys(pool: &AnyPool, account_id: i64) -> Result<Vec<ApiKeyView>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, label, created_at, last_used_at FROM api_keys \
         WHERE account_id = $1 AND revoked_at IS NULL ORDER BY id DESC",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
}

/// Revokes one of an account's keys; returns whether it was active.
pub async fn revoke_key(
    pool: &AnyPool,
    account_id: i64,
    key_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(key_id)
    .bind(account_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A key's id and account, when the key is active and the account not deleted.
#[derive(sqlx::FromRow)]
pub struct KeyOwner {
    /// Key id.
    pub key_id: i64,
    /// When it was last used (ms).
    pub last_used_at: Option<i64>,
    /// The account that issued it.
    #[sqlx(flatten)]
    pub user: UserView,
}

/// The active key with this hash and its account.
pub async fn key_owner(pool: &AnyPool, key_hash: &str) -> Result<Option<KeyOwner>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT k.id AS key_id, k.last_used_at, {USER_COLUMNS} \
         FROM api_keys k JOIN users u ON u.id = k.account_id \
         WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND u.deleted_at IS NULL"
    ))
    .bind(key_hash)
    .fetch_optional(pool)
    .await
}

/// Records that a key was used.
pub async fn touch_key(pool: &AnyPool, key_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(key_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// A public petition with what a service request shows.
#[derive(sqlx::FromRow)]
pub struct RequestRow {
    /// Tracking code.
    pub code: String,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Category code.
    pub category_code: String,
    /// Category names.
    pub name_vi: String,
    /// English.
    pub name_en: String,
    /// Korean.
    pub name_ko: String,
    /// Handling agency.
    pub agency: Option<String>,
    /// Locality id.
    pub locality_id: i64,
    /// Locality, its parent and grandparent names.
    pub locality: String,
    /// Parent locality.
    pub locality_parent: Option<String>,
    /// Grandparent locality.
    pub locality_grandparent: Option<String>,
    /// Submitted at (ms).
    pub created_at: i64,
    /// Last changed at (ms).
    pub updated_at: i64,
    /// When an answer is due (ms), once a support threshold set a deadline.
    pub answer_due_at: Option<i64>,
}

/// What `requests.json` searches for (already validated).
#[derive(Debug, Default)]
pub struct RequestQuery {
    /// Tracking codes, when asked for; then the other filters are ignored
    /// (as the spec says), and an empty list matches nothing.
    pub codes: Option<Vec<String>>,
    /// Category codes (any when empty).
    pub categories: Vec<String>,
    /// Statuses (any when empty).
    pub statuses: Vec<Status>,
    /// Submitted at or after (ms).
    pub from: i64,
    /// Submitted at or before (ms).
    pub to: i64,
    /// Requests per page.
    pub page_size: i64,
    /// Page, from 1.
    pub page: i64,
}

/// The select of public, visible petitions as requests (a WHERE follows).
fn request_select() -> String {
    format!(
        "{REQUEST_COLUMNS} AND NOT {}",
        crate::subjects::moderation::hidden_sql(crate::petitions::subject::KIND, "p.id")
    )
}

const REQUEST_COLUMNS: &str = "SELECT p.code, p.status, p.title, p.body, c.code AS category_code, \
    c.name_vi, c.name_en, c.name_ko, a.name AS agency, p.locality_id, l.name AS locality, \
    lp.name AS locality_parent, lg.name AS locality_grandparent, p.created_at, p.updated_at, \
    p.answer_due_at FROM petitions p \
    JOIN categories c ON c.id = p.category_id \
    JOIN localities l ON l.id = p.locality_id \
    LEFT JOIN localities lp ON lp.id = l.parent_id \
    LEFT JOIN localities lg ON lg.id = lp.parent_id \
    LEFT JOIN agencies a ON a.id = p.agency_id \
    WHERE p.visibility = 'public'";

/// Public petitions matching `q`, newest first.
pub async fn public_requests(
    pool: &AnyPool,
    q: &RequestQuery,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    let mut w = Where::new("");
    match &q.codes {
        Some(codes) => {
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            w.and_in("p.code", &codes);
        }
        None => {
            let categories: Vec<&str> = q.categories.iter().map(String::as_str).collect();
            let statuses: Vec<&str> = q.statuses.iter().map(|s| s.as_str()).collect();
            if !categories.is_empty() {
                w.and_in("c.code", &categories);
            }
            if !statuses.is_empty() {
                w.and_in("p.status", &statuses);
            }
            w.and_int("p.created_at >= ?", q.from)
                .and_int("p.created_at <= ?", q.to);
        }
    }
    let sql = format!(
        "{} AND {} ORDER BY p.id DESC LIMIT {} OFFSET {}",
        request_select(),
        w.sql(),
        q.page_size,
        (q.page - 1) * q.page_size
    );
    w.bind_as(sqlx::query_as::<_, RequestRow>(&sql))
        .fetch_all(pool)
        .await
}

/// One public petition by tracking code (canonical form).
pub async fn public_request(pool: &AnyPool, code: &str) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!("{} AND p.code = $1", request_select()))
        .bind(code)
        .fetch_optional(pool)
        .await
}
