//! SQL of comments and marks.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// A comment as stored, with its author's name and its marks counted.
#[derive(Debug, Clone, FromRow)]
pub struct CommentRow {
    /// Row id.
    pub id: i64,
    /// Article number.
    pub article_number: String,
    /// The comment it answers.
    pub parent_id: Option<i64>,
    /// Author's account.
    pub author_id: i64,
    /// Author's display name.
    pub author: String,
    /// Text.
    pub body: String,
    /// When (ms).
    pub created_at: i64,
    /// Agree marks.
    pub agree: i64,
    /// Disagree marks.
    pub disagree: i64,
    /// Pass marks.
    pub pass: i64,
    /// The moderator's reason while it is hidden.
    pub hidden_reason: Option<String>,
    /// Its open abuse reports.
    pub reports: i64,
}

/// Every comment of a consultation, oldest first.
pub async fn comments(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.article_number, c.parent_id, c.author_id, u.display_name AS author, \
         c.body, c.created_at, \
         (SELECT COUNT(*) FROM consultation_marks m WHERE m.comment_id = c.id AND m.mark = 1) AS agree, \
         (SELECT COUNT(*) FROM consultation_marks m WHERE m.comment_id = c.id AND m.mark = -1) AS disagree, \
         (SELECT COUNT(*) FROM consultation_marks m WHERE m.comment_id = c.id AND m.mark = 0) AS pass, \
         (SELECT sh.reason FROM subject_hides sh WHERE sh.subject_kind = 'consultation_comment' \
          AND sh.subject_id = c.id AND sh.restored_at IS NULL) AS hidden_reason, \
         (SELECT COUNT(*) FROM subject_reports r WHERE r.subject_kind = 'consultation_comment' \
          AND r.subject_id = c.id AND r.closed_at IS NULL) AS reports \
         FROM consultation_comments c JOIN users u ON u.id = c.author_id \
         WHERE c.consultation_id = $1 ORDER BY c.id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// A reader's marks on a consultation's comments: comment id and mark.
pub async fn marks_of(
    pool: &AnyPool,
    consultation_id: i64,
    user_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.comment_id, m.mark FROM consultation_marks m \
         JOIN consultation_comments c ON c.id = m.comment_id \
         WHERE c.consultation_id = $1 AND m.user_id = $2",
    )
    .bind(consultation_id)
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// Where a comment is: its consultation, article, parent and author.
pub async fn comment(
    pool: &AnyPool,
    id: i64,
) -> Result<Option<(i64, String, Option<i64>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT consultation_id, article_number, parent_id, author_id \
         FROM consultation_comments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// A new comment.
pub struct NewComment<'a> {
    /// The consultation.
    pub consultation_id: i64,
    /// The article number.
    pub article: &'a str,
    /// The comment it answers.
    pub parent: Option<i64>,
    /// The author.
    pub author_id: i64,
    /// Its checked text.
    pub body: &'a str,
    /// The form's one-time key.
    pub form_key: Option<&'a str>,
    /// Now (ms).
    pub now: i64,
}

/// Inserts a comment; `false` when the same form was already sent.
pub async fn insert(conn: &mut AnyConnection, c: &NewComment<'_>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO consultation_comments \
         (consultation_id, article_number, version_number, parent_id, author_id, body, created_at, form_key) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(number), 1) FROM consultation_versions WHERE consultation_id = $1), \
         $3, $4, $5, $6, $7) ON CONFLICT (author_id, form_key) DO NOTHING",
    )
    .bind(c.consultation_id)
    .bind(c.article)
    .bind(c.parent)
    .bind(c.author_id)
    .bind(c.body)
    .bind(c.now)
    .bind(c.form_key)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets an account's mark on a comment (one per account, replaced in place).
pub async fn set_mark(
    conn: &mut AnyConnection,
    comment_id: i64,
    user_id: i64,
    mark: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultation_marks (comment_id, user_id, mark, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, user_id) \
         DO UPDATE SET mark = excluded.mark, updated_at = excluded.updated_at",
    )
    .bind(comment_id)
    .bind(user_id)
    .bind(mark)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The article numbers of a consultation that have at least one comment.
pub async fn commented_articles(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT article_number FROM consultation_comments WHERE consultation_id = $1",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// A comment's marks for live subscribers, read in the writer's
/// transaction: its consultation, and its agree, disagree and pass counts.
pub async fn mark_counts(
    conn: &mut AnyConnection,
    comment_id: i64,
) -> Result<Option<(i64, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.consultation_id, \
         (SELECT COUNT(*) FROM consultation_marks m WHERE m.comment_id = c.id AND m.mark = 1), \
         (SELECT COUNT(*) FROM consultation_marks m WHERE m.comment_id = c.id AND m.mark = -1), \
         (SELECT COUNT(*) FROM consultation_marks m WHERE m.comment_id = c.id AND m.mark = 0) \
         FROM consultation_comments c WHERE c.id = $1",
    )
    .bind(comment_id)
    .fetch_optional(conn)
    .await
}

/// A reported comment as its moderators' queue shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportedRow {
    /// The comment.
    pub id: i64,
    /// Its consultation's slug.
    pub code: String,
    /// Its consultation's title.
    pub title: String,
    /// Its consultation's agency.
    pub agency_id: i64,
    /// The article it is on.
    pub article_number: String,
    /// Its text.
    pub body: String,
    /// Its author's display name.
    pub author: String,
}

/// Comment `id` with its consultation and author, for the moderators' queue.
pub async fn reported(pool: &AnyPool, id: i64) -> Result<Option<ReportedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT k.id, c.code, c.title, c.agency_id, k.article_number, k.body, \
         u.display_name AS author FROM consultation_comments k \
         JOIN consultations c ON c.id = k.consultation_id JOIN users u ON u.id = k.author_id \
         WHERE k.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}
