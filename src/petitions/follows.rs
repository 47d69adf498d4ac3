//! Following petitions: any signed-in account may follow a public petition
//! (and the petitioner their own); each new timeline step then lands in the
//! follower's inbox and, unless they turned e-mails off, in their mailbox.

use super::follows_repo;
use super::model::{EventKind, Status, TrackingCode, Visibility};
use super::repo;
use super::views::InboxItem;
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// The most recent inbox entries shown.
const INBOX_SIZE: i64 = 100;

/// An inbox row as stored.
#[derive(sqlx::FromRow)]
pub struct InboxRow {
    id: i64,
    created_at: i64,
    read_at: Option<i64>,
    code: String,
    title: String,
    #[sqlx(try_from = "String")]
    kind: EventKind,
    #[sqlx(try_from = "String")]
    status: Status,
    note: String,
}

impl From<InboxRow> for InboxItem {
    fn from(r: InboxRow) -> Self {
        InboxItem {
            id: r.id,
            at: r.created_at,
            read: r.read_at.is_some(),
            code: r.code,
            title: r.title,
            kind: r.kind,
            status: r.status,
            note: r.note,
        }
    }
}

/// Follows a petition (or changes the e-mail choice); `email` false keeps the
/// steps in the inbox only.
pub async fn follow(
    state: &AppState,
    user: &UserView,
    code: &str,
    email: bool,
) -> Result<(), AppError> {
    let petition_id = followable(state, user, code).await?;
    follows_repo::follow(&state.db.pool, petition_id, user.id, email, now_ms()).await?;
    Ok(())
}

/// Stops following a petition.
pub async fn unfollow(state: &AppState, user: &UserView, code: &str) -> Result<(), AppError> {
    let petition_id = followable(state, user, code).await?;
    if !follows_repo::unfollow(&state.db.pool, petition_id, user.id).await? {
        return Err(AppError::conflict("follows.not_following"));
    }
    Ok(())
}

/// Public petitions can be followed by anyone signed in; a private one only
/// by its petitioner. Returns the petition's id.
async fn followable(state: &AppState, user: &UserView, code: &str) -> Result<i64, AppError> {
    let code = TrackingCode::parse(code)?;
    let target = repo::support_target(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if target.visibility != Visibility::Public && target.author_id != user.id {
        return Err(AppError::NotFound);
    }
    Ok(target.id)
}

/// An account's inbox, newest first.
pub async fn inbox(state: &AppState, user: &UserView) -> Result<Vec<InboxItem>, AppError> {
    Ok(follows_repo::inbox(&state.db.pool, user.id, INBOX_SIZE).await?)
}

/// How many entries of an account's inbox are unread.
pub async fn unread(state: &AppState, user: &UserView) -> Result<i64, AppError> {
    Ok(follows_repo::unread_count(&state.db.pool, user.id).await?)
}

/// Marks the whole inbox read.
pub async fn mark_read(state: &AppState, user: &UserView) -> Result<(), AppError> {
    follows_repo::mark_all_read(&state.db.pool, user.id, now_ms()).await?;
    Ok(())
}
