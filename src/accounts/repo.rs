//! Accounts SQL, written once for both dialects (`$n` placeholders, times as
//! epoch milliseconds).

use super::model::{AgencyOption, LocalityOption, Role, UserView};
use sqlx::{AnyConnection, AnyPool};

/// The account columns of `users u`, for queries that join it.
pub(crate) const USER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.role, u.locality_id, u.agency_id, u.email_verified_at";

/// An account with its password hash.
#[derive(sqlx::FromRow)]
pub struct UserWithHash {
    /// The account.
    #[sqlx(flatten)]
    pub user: UserView,
    /// Argon2 PHC string.
    pub password_hash: String,
}

/// A new account's fields.
pub struct NewUser<'a> {
    /// Lower-case e-mail.
    pub email: &'a str,
    /// Argon2 PHC string.
    pub password_hash: &'a str,
    /// Display name.
    pub display_name: &'a str,
    /// Home locality.
    pub locality_id: Option<i64>,
    /// Role.
    pub role: Role,
    /// Agency (staff and officers).
    pub agency_id: Option<i64>,
    /// When its e-mail address was confirmed (`None`: a link is mailed).
    pub email_verified_at: Option<i64>,
}

/// Inserts an account and returns its id.
pub async fn insert_user(
    conn: &mut AnyConnection,
    user: &NewUser<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, locality_id, role, agency_id, \
         created_at, email_verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.display_name)
    .bind(user.locality_id)
    .bind(user.role.as_str())
    .bind(user.agency_id)
    .bind(now)
    .bind(user.email_verified_at)
    .fetch_one(conn)
    .await
}

/// An active account by e-mail, with its password hash.
pub async fn user_with_hash_by_email(
    pool: &AnyPool,
    email: &str,
) -> Result<Option<UserWithHash>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1 AND u.deleted_at IS NULL"
    ))
    .bind(email)
    .fetch_optional(pool)
    .await
}

/// The password hash of an active account.
pub async fn password_hash(pool: &AnyPool, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1 AND deleted_at IS NULL")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

/// Changes name and locality.
pub async fn update_profile(
    pool: &AnyPool,
    user_id: i64,
    display_name: &str,
    locality_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1, locality_id = $2 WHERE id = $3")
        .bind(display_name)
        .bind(locality_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Replaces the password hash.
pub async fn update_password(
    conn: &mut AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores a password-reset token hash.
pub async fn insert_password_reset(
    conn: &mut AnyConnection,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends every unused reset link of an account (marked used): a new link, a
/// password change or a reset leaves no earlier link working.
pub async fn end_password_resets(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks an unexpired, unused reset token as used and returns its account:
/// one statement, so a token works once even under concurrent use.
pub async fn take_password_reset(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// Anonymises an account: its public contributions stay, nothing identifies it.
pub async fn anonymise_user(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email = $1, password_hash = '', display_name = '', locality_id = NULL, \
         deleted_at = $2 WHERE id = $3",
    )
    .bind(format!("deleted-{user_id}@invalid"))
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM email_verifications WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Communes and districts with their parents' names, for the locality picker.
pub async fn locality_options(pool: &AnyPool) -> Result<Vec<LocalityOption>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT l.id, l.name, p.name, g.name FROM localities l \
         LEFT JOIN localities p ON p.id = l.parent_id \
         LEFT JOIN localities g ON g.id = p.parent_id \
         ORDER BY l.parent_id, l.id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, parent, grand)| LocalityOption {
            id,
            label: [Some(name), parent, grand]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect())
}

/// Whether a locality id exists.
pub async fn locality_exists(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM localities WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// Every agency, by name.
pub async fn agencies(pool: &AnyPool) -> Result<Vec<AgencyOption>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM agencies ORDER BY name")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| AgencyOption { id, name })
        .collect())
}

/// Whether an agency exists.
pub async fn agency_exists(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// Creates an agency (or finds it by name) and returns its id.
pub async fn upsert_agency(pool: &AnyPool, name: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO agencies (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1")
        .bind(name)
        .fetch_one(pool)
        .await
}

/// An agency id by name.
pub async fn agency_id(pool: &AnyPool, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1")
        .bind(name)
        .fetch_optional(pool)
        .await
}

/// Whether `e` is a unique-constraint violation (for example a taken e-mail).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

/// The newest messages of the outbox, newest first (the admin page).
pub async fn recent_mail(
    pool: &AnyPool,
    limit: i64,
) -> Result<Vec<super::model::OutboxMessage>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, to_addr, subject, body, created_at, sent_at, attempts FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}
