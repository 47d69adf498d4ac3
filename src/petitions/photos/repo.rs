//! SQL for petition photos.

use crate::petitions::model::Visibility;
use crate::petitions::views::PhotoView;
use sqlx::{AnyConnection, AnyPool};

/// A stored photo file about to be recorded.
pub struct NewPhoto<'a> {
    /// The file's name under `DATA_DIR/photos`.
    pub file_name: &'a str,
    /// `image/jpeg` or `image/png`.
    pub content_type: &'a str,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Size of the file.
    pub bytes: usize,
    /// 1, 2 or 3: the order the petitioner chose.
    pub position: usize,
}

/// Records a photo of a petition (in the submitting transaction).
pub async fn insert(
    conn: &mut AnyConnection,
    petition_id: i64,
    photo: &NewPhoto<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_photos (petition_id, file_name, content_type, width, height, bytes, \
         position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(petition_id)
    .bind(photo.file_name)
    .bind(photo.content_type)
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(photo.bytes as i64)
    .bind(photo.position as i64)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PhotoRow {
    file_name: String,
    width: i64,
    height: i64,
}

/// A petition's photos in the petitioner's order.
pub async fn of_petition(pool: &AnyPool, petition_id: i64) -> Result<Vec<PhotoView>, sqlx::Error> {
    let rows: Vec<PhotoRow> = sqlx::query_as(
        "SELECT file_name, width, height FROM petition_photos WHERE petition_id = $1 \
         ORDER BY position",
    )
    .bind(petition_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PhotoView {
            url: format!("/photos/{}", r.file_name),
            width: r.width as u32,
            height: r.height as u32,
        })
        .collect())
}

/// What serving a photo needs to know: its type, and who may see it.
#[derive(sqlx::FromRow)]
pub struct PhotoAccess {
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    /// The petition's visibility.
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// The petitioner.
    pub author_id: i64,
    /// The handling agency.
    pub agency_id: Option<i64>,
}

/// The photo stored as `file_name`, with its petition's access fields.
pub async fn by_file_name(
    pool: &AnyPool,
    file_name: &str,
) -> Result<Option<PhotoAccess>, sqlx::Error> {
    // A photo of a petition hidden by a moderator is served as if private.
    sqlx::query_as(&format!(
        "SELECT f.content_type, CASE WHEN {} THEN 'private' ELSE p.visibility END \
         AS visibility, p.author_id, p.agency_id \
         FROM petition_photos f JOIN petitions p ON p.id = f.petition_id WHERE f.file_name = $1",
        crate::subjects::moderation::hidden_sql(crate::petitions::subject::KIND, "p.id")
    ))
    .bind(file_name)
    .fetch_optional(pool)
    .await
}
