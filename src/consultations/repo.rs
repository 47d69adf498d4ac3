//! SQL of consultations and their text (portable: `$n`, times bound from Rust).

use super::draft::{Block, Draft};
use sqlx::{AnyConnection, AnyPool, FromRow};

/// A consultation as stored, with its agency's and locality's names.
#[derive(Debug, Clone, FromRow)]
pub struct ConsultationRow {
    /// Row id.
    pub id: i64,
    /// Slug.
    pub code: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Agency id.
    pub agency_id: i64,
    /// Agency name.
    pub agency: String,
    /// Locality id.
    pub locality_id: i64,
    /// Locality name (with its parent's).
    pub locality: String,
    /// Opens (ms).
    pub opens_at: i64,
    /// Closes (ms).
    pub closes_at: i64,
    /// `draft` or `published`.
    pub status: String,
    /// Comments made on it.
    pub comments: i64,
}

const SELECT: &str = "SELECT c.id, c.code, c.title, c.summary, c.agency_id, a.name AS agency, \
    c.locality_id, CASE WHEN p.name IS NULL THEN l.name ELSE l.name || ', ' || p.name END AS locality, \
    c.opens_at, c.closes_at, c.status, \
    (SELECT COUNT(*) FROM consultation_comments m WHERE m.consultation_id = c.id) AS comments \
    FROM consultations c JOIN agencies a ON a.id = c.agency_id \
    JOIN localities l ON l.id = c.locality_id LEFT JOIN localities p ON p.id = l.parent_id";

/// A consultation by its slug or, when `key` is a number, its id.
pub async fn find(pool: &AnyPool, key: &str) -> Result<Option<ConsultationRow>, sqlx::Error> {
    let id = key.parse::<i64>().unwrap_or(-1);
    sqlx::query_as(&format!("{SELECT} WHERE c.code = $1 OR c.id = $2"))
        .bind(key)
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Published consultations matching the filters, open ones first (closing
/// soonest), then upcoming (opening soonest), then closed (latest first).
pub async fn published(
    pool: &AnyPool,
    now: i64,
    phase: Option<&str>,
    agency: Option<i64>,
    locality: Option<i64>,
) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    let phase_sql = match phase {
        Some("open") => " AND c.opens_at <= $1 AND c.closes_at > $1",
        Some("upcoming") => " AND c.opens_at > $1",
        Some("closed") => " AND c.closes_at <= $1",
        _ => "",
    };
    let sql = format!(
        "{SELECT} WHERE c.status = 'published'{phase_sql} \
         AND ($2 < 0 OR c.agency_id = $2) AND ($3 < 0 OR c.locality_id = $3 OR l.parent_id = $3) \
         ORDER BY CASE WHEN c.closes_at <= $1 THEN 2 WHEN c.opens_at > $1 THEN 1 ELSE 0 END, \
         CASE WHEN c.closes_at <= $1 THEN -c.closes_at WHEN c.opens_at > $1 THEN c.opens_at \
         ELSE c.closes_at END, c.id LIMIT 200"
    );
    sqlx::query_as(&sql)
        .bind(now)
        .bind(agency.unwrap_or(-1))
        .bind(locality.unwrap_or(-1))
        .fetch_all(pool)
        .await
}

/// Every consultation of an agency (`None`: of every agency), drafts too, newest first.
pub async fn managed(
    pool: &AnyPool,
    agency: Option<i64>,
) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE ($1 < 0 OR c.agency_id = $1) ORDER BY c.id DESC LIMIT 200"
    ))
    .bind(agency.unwrap_or(-1))
    .fetch_all(pool)
    .await
}

/// What a new consultation is made of.
pub struct NewConsultation<'a> {
    /// Title.
    pub title: &'a str,
    /// Summary.
    pub summary: &'a str,
    /// Agency id.
    pub agency_id: i64,
    /// Locality id.
    pub locality_id: i64,
    /// Opens (ms).
    pub opens_at: i64,
    /// Closes (ms).
    pub closes_at: i64,
    /// The officer making it.
    pub created_by: i64,
    /// The form's one-time key.
    pub form_key: Option<&'a str>,
    /// Now (ms).
    pub now: i64,
}

/// Inserts a draft consultation under a temporary code; `None` when the
/// same form was already sent (its key is taken).
pub async fn insert(
    conn: &mut AnyConnection,
    c: &NewConsultation<'_>,
    temporary_code: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO consultations (code, title, summary, agency_id, locality_id, opens_at, \
         closes_at, status, created_by, created_at, form_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10) \
         ON CONFLICT (created_by, form_key) DO NOTHING RETURNING id",
    )
    .bind(temporary_code)
    .bind(c.title)
    .bind(c.summary)
    .bind(c.agency_id)
    .bind(c.locality_id)
    .bind(c.opens_at)
    .bind(c.closes_at)
    .bind(c.created_by)
    .bind(c.now)
    .bind(c.form_key)
    .fetch_optional(conn)
    .await
}

/// The code of the consultation an account made with a form key.
pub async fn code_by_form_key(
    pool: &AnyPool,
    created_by: i64,
    form_key: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM consultations WHERE created_by = $1 AND form_key = $2")
        .bind(created_by)
        .bind(form_key)
        .fetch_optional(pool)
        .await
}

/// Sets a consultation's slug.
pub async fn set_code(conn: &mut AnyConnection, id: i64, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE consultations SET code = $1 WHERE id = $2")
        .bind(code)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Changes a draft consultation's fields; `false` once it is published.
pub async fn update_draft(
    conn: &mut AnyConnection,
    id: i64,
    c: &NewConsultation<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consultations SET title = $1, summary = $2, agency_id = $3, locality_id = $4, \
         opens_at = $5, closes_at = $6 WHERE id = $7 AND status = 'draft'",
    )
    .bind(c.title)
    .bind(c.summary)
    .bind(c.agency_id)
    .bind(c.locality_id)
    .bind(c.opens_at)
    .bind(c.closes_at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Publishes a draft consultation and its first version; `false` if it was
/// already published.
pub async fn publish(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consultations SET status = 'published', published_at = $1 \
         WHERE id = $2 AND status = 'draft'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE consultation_versions SET published_at = $1 \
         WHERE consultation_id = $2 AND published_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes the text of version 1 (replacing it and its articles while the
/// consultation is a draft).
pub async fn write_text(
    conn: &mut AnyConnection,
    consultation_id: i64,
    source: &str,
    draft: &Draft,
    now: i64,
) -> Result<(), sqlx::Error> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM consultation_versions WHERE consultation_id = $1 AND number = 1",
    )
    .bind(consultation_id)
    .fetch_optional(&mut *conn)
    .await?;
    let version =
        match existing {
            Some(v) => {
                sqlx::query("DELETE FROM consultation_articles WHERE version_id = $1")
                    .bind(v)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("UPDATE consultation_versions SET source = $1 WHERE id = $2")
                    .bind(source)
                    .bind(v)
                    .execute(&mut *conn)
                    .await?;
                v
            }
            None => sqlx::query_scalar(
                "INSERT INTO consultation_versions (consultation_id, number, source, created_at) \
                 VALUES ($1, 1, $2, $3) RETURNING id",
            )
            .bind(consultation_id)
            .bind(source)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?,
        };
    write_articles(conn, version, draft).await
}

/// Writes the articles of version `version`, in reading order, each with
/// the path of headings above it.
async fn write_articles(
    conn: &mut AnyConnection,
    version: i64,
    draft: &Draft,
) -> Result<(), sqlx::Error> {
    let mut heading = Vec::new();
    let mut position = 0_i64;
    for block in &draft.blocks {
        match block {
            Block::Heading(h) => {
                heading.retain(|(level, _)| *level < h.level as u8);
                heading.push((h.level as u8, format!("{} {}", h.number, h.title)));
            }
            Block::Article(a) => {
                let path: Vec<&str> = heading.iter().map(|(_, t)| t.as_str()).collect();
                let clauses = serde_json::to_string(&a.clauses).unwrap_or_else(|_| "[]".into());
                sqlx::query(
                    "INSERT INTO consultation_articles \
                     (version_id, position, number, title, text, clauses, heading) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(version)
                .bind(position)
                .bind(&a.number)
                .bind(&a.title)
                .bind(&a.text)
                .bind(clauses)
                .bind(path.join("\n"))
                .execute(&mut *conn)
                .await?;
                position += 1;
            }
        }
    }
    Ok(())
}

/// Inserts and publishes version `number` with its articles; `false` when
/// that number exists already.
pub async fn insert_version(
    conn: &mut AnyConnection,
    consultation_id: i64,
    number: i64,
    source: &str,
    draft: &Draft,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO consultation_versions (consultation_id, number, source, created_at, published_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (consultation_id, number) DO NOTHING RETURNING id",
    )
    .bind(consultation_id)
    .bind(number)
    .bind(source)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    write_articles(conn, id, draft).await?;
    Ok(true)
}

/// The newest two versions of a consultation, newest first: number,
/// source, when published.
pub async fn latest_versions(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<(i64, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, source, published_at FROM consultation_versions \
         WHERE consultation_id = $1 ORDER BY number DESC LIMIT 2",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// The source text of a consultation's newest version.
pub async fn source(pool: &AnyPool, consultation_id: i64) -> Result<String, sqlx::Error> {
    let s: Option<String> = sqlx::query_scalar(
        "SELECT source FROM consultation_versions WHERE consultation_id = $1 \
         ORDER BY number DESC LIMIT 1",
    )
    .bind(consultation_id)
    .fetch_optional(pool)
    .await?;
    Ok(s.unwrap_or_default())
}

/// Whether the newest version of a consultation has an article numbered `number`.
pub async fn has_article(
    pool: &AnyPool,
    consultation_id: i64,
    number: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultation_articles a \
         JOIN consultation_versions v ON v.id = a.version_id \
         WHERE v.consultation_id = $1 AND a.number = $2 AND v.number = \
         (SELECT MAX(number) FROM consultation_versions WHERE consultation_id = $1)",
    )
    .bind(consultation_id)
    .bind(number)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}
