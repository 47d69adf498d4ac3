//! Repeated submissions: the same author sending the same petition again
//! within [`WINDOW_MS`] (a double tap, a retry after a timeout on mobile data)
//! gets the first petition's tracking code, not a second petition.

use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// How long a submission counts as a repeat of an identical earlier one.
pub const WINDOW_MS: i64 = 10 * 60 * 1000;

/// What a submission is, for recognising it again: the author and every
/// field they typed or chose (after validation and normalisation).
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of a validated submission.
    pub fn of(author_id: i64, fields: &[&str]) -> Fingerprint {
        let mut hash = Sha256::new();
        hash.update(author_id.to_le_bytes());
        for field in fields {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            hash.update((field.len() as u64).to_le_bytes());
            hash.update(field.as_bytes());
        }
        Fingerprint(hex::encode(hash.finalize()))
    }
}

/// Claims `fingerprint` for `petition_id` in the submitting transaction.
/// Returns the tracking code of an identical petition submitted within the
/// window (the caller then rolls back), or None when this one is new. Two
/// concurrent identical submissions meet on the primary key: the second
/// waits for the first to commit and then finds it.
pub async fn claim(
    conn: &mut AnyConnection,
    fingerprint: &Fingerprint,
    petition_id: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let claimed = sqlx::query(
        "INSERT INTO petition_submissions (fingerprint, petition_id, created_at) \
         VALUES ($1, $2, $3) \
         ON CONFLICT (fingerprint) DO UPDATE \
         SET petition_id = excluded.petition_id, created_at = excluded.created_at \
         WHERE petition_submissions.created_at <= $4",
    )
    .bind(&fingerprint.0)
    .bind(petition_id)
    .bind(now)
    .bind(now - WINDOW_MS)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed > 0 {
        return Ok(None);
    }
    sqlx::query_scalar(
        "SELECT p.code FROM petition_submissions s JOIN petitions p ON p.id = s.petition_id \
         WHERE s.fingerprint = $1",
    )
    .bind(&fingerprint.0)
    .fetch_optional(&mut *conn)
    .await
}
