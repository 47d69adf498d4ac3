//! Where photos live: files under `DATA_DIR/photos` with random names, a row
//! each in `petition_photos`, and `GET /photos/{file}` to serve them.
//!
//! Access is checked on every request from the photo's petition: a public
//! petition's photos are public (and cached by anyone); a private one's are
//! served only to its petitioner and to officers of the handling agency
//! (and admins), like its text — anyone else gets 404, as for a photo that
//! does not exist.

use crate::accounts::model::{can, Action, Scope};
use crate::error::AppError;
use crate::petitions::model::Visibility;
use crate::petitions::photos::repo::{self as photos_repo, NewPhoto};
use crate::petitions::photos::service::Photo;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use http::HeaderValue;
use rand::RngCore;
use sqlx::AnyConnection;
use std::path::{Path as FsPath, PathBuf};

/// The photo directory of a deployment.
pub fn photo_dir(state: &AppState) -> PathBuf {
    state.config.data_dir.join("photos")
}

/// Photos checked and re-encoded, waiting for their petition's transaction.
/// Files are written only once the rest of the submission is valid; if the
/// transaction then fails, [`Attachment::discard`] removes them.
#[derive(Default)]
pub struct Attachment {
    photos: Vec<Photo>,
    written: Vec<PathBuf>,
}

impl Attachment {
    /// Photos to attach to the next petition submitted.
    pub fn new(photos: Vec<Photo>) -> Self {
        Attachment {
            photos,
            written: Vec::new(),
        }
    }

    /// Writes each photo's file (atomically: a temporary file renamed) and
    /// records it for `petition_id` in the submitting transaction.
    pub async fn store(
        &mut self,
        state: &AppState,
        conn: &mut AnyConnection,
        petition_id: i64,
        now: i64,
    ) -> Result<(), AppError> {
        if self.photos.is_empty() {
            return Ok(());
        }
        let dir = photo_dir(state);
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(AppError::internal)?;
        for (index, photo) in self.photos.iter().enumerate() {
            let mut id = [0u8; 16];
            rand::rng().fill_bytes(&mut id);
            let file_name = format!("{}.{}", hex::encode(id), photo.extension);
            let path = dir.join(&file_name);
            write_atomically(&dir, &path, &photo.bytes).await?;
            self.written.push(path);
            let row = NewPhoto {
                file_name: &file_name,
                content_type: photo.content_type,
                width: photo.width,
                height: photo.height,
                bytes: photo.bytes.len(),
                position: index + 1,
            };
            photos_repo::insert(conn, petition_id, &row, now).await?;
        }
        Ok(())
    }

    /// Removes the files written for a submission that did not commit.
    pub async fn discard(self) {
        for path in self.written {
            if let Err(e) = tokio::fs::remove_file(&path).await {
                tracing::warn!(error = %e, path = %path.display(), "could not remove a photo");
            }
        }
    }
}

async fn write_atomically(dir: &FsPath, path: &FsPath, bytes: &[u8]) -> Result<(), AppError> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.part"));
    let written = async {
        tokio::fs::write(&temp, bytes).await?;
        tokio::fs::File::open(&temp).await?.sync_all().await?;
        tokio::fs::rename(&temp, path).await
    }
    .await;
    if let Err(e) = written {
        let _ = tokio::fs::remove_file(&temp).await;
        return Err(AppError::internal(e));
    }
    Ok(())
}

/// A name we could have given a photo: 32 hex digits and our extension.
pub(super) fn is_photo_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((id, "jpg" | "png")) => {
            id.len() == 32
                && id
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        _ => false,
    }
}

fn not_found() -> Response {
    AppError::NotFound.into_response()
}

/// Whether the caller (by session cookie) may see a private petition's photo.
async fn may_see_private(
    state: &AppState,
    parts: &http::request::Parts,
    access: &photos_repo::PhotoAccess,
) -> Result<bool, AppError> {
    let reader = crate::accounts::guard::reader_of(state, &parts.headers).await?;
    let owned = Scope::Owned {
        owner: access.author_id,
        agency: access.agency_id,
    };
    Ok(can(reader.as_ref(), Action::ReadPrivate, owned))
}

/// `GET /photos/{file}`: the photo with its type, cached for good by the
/// browser (a file never changes under its random name) but never by shared
/// caches, so a photo a moderator hides stops being served to anyone new;
/// 404 for any other name.
pub async fn serve(
    State(state): State<AppState>,
    Path(file_name): Path<String>,
    parts: http::request::Parts,
) -> Response {
    if !is_photo_name(&file_name) {
        return not_found();
    }
    let access = match photos_repo::by_file_name(&state.db.pool, &file_name).await {
        Ok(Some(access)) => access,
        Ok(None) => return not_found(),
        Err(e) => return AppError::from(e).into_response(),
    };
    let cache = if access.visibility == Visibility::Public {
        "private, max-age=31536000, immutable"
    } else {
        match may_see_private(&state, &parts, &access).await {
            Ok(true) => "private, max-age=86400",
            Ok(false) => return not_found(),
            Err(e) => return e.into_response(),
        }
    };
    let bytes = match tokio::fs::read(photo_dir(&state).join(&file_name)).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, file = %file_name, "a recorded photo has no file");
            return not_found();
        }
    };
    let content_type = HeaderValue::from_str(&access.content_type)
        .unwrap_or(HeaderValue::from_static("image/jpeg"));
    (
        [
            (CONTENT_TYPE, content_type),
            (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::is_photo_name;

    #[test]
    fn only_names_we_give_are_served() {
        assert!(is_photo_name("0123456789abcdef0123456789abcdef.jpg"));
        assert!(is_photo_name("0123456789abcdef0123456789abcdef.png"));
        assert!(!is_photo_name("0123456789ABCDEF0123456789abcdef.jpg"));
        assert!(!is_photo_name("../../etc/passwd"));
        assert!(!is_photo_name(".0123456789abcdef0123456789abcdef.jpg.part"));
        assert!(!is_photo_name("0123456789abcdef0123456789abcdef.gif"));
    }
}
