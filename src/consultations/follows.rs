//! Following a consultation: anyone signed in may follow a published one;
//! its new versions, its close and its closing report then reach their
//! inbox and, unless they turned e-mails off, their mailbox.

use super::access::visible;
use super::model::Status;
use super::subject;
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::follows as subject_follows;
use crate::subjects::SubjectRef;

async fn followable(state: &AppState, user: &UserView, key: &str) -> Result<SubjectRef, AppError> {
    let row = visible(state, key, Some(user)).await?;
    if row.status != Status::Published.as_str() {
        return Err(AppError::conflict("consultations.follow_unpublished"));
    }
    Ok(subject::of(row.id))
}

/// Follows a consultation (or changes the e-mail choice).
pub async fn follow(
    state: &AppState,
    user: &UserView,
    key: &str,
    email: bool,
) -> Result<(), AppError> {
    let c = followable(state, user, key).await?;
    subject_follows::follow(&state.db.pool, c, user.id, email, now_ms()).await?;
    Ok(())
}

/// Stops following a consultation.
pub async fn unfollow(state: &AppState, user: &UserView, key: &str) -> Result<(), AppError> {
    let c = followable(state, user, key).await?;
    if !subject_follows::unfollow(&state.db.pool, c, user.id).await? {
        return Err(AppError::conflict("follows.not_following"));
    }
    Ok(())
}

/// Whether `reader` follows consultation `id` (`None`: no; else whether
/// e-mails are on), and how many do.
pub async fn standing(
    state: &AppState,
    id: i64,
    reader: Option<&UserView>,
) -> Result<(Option<bool>, i64), AppError> {
    let c = subject::of(id);
    let following = match reader {
        Some(u) => subject_follows::following(&state.db.pool, c, u.id).await?,
        None => None,
    };
    Ok((
        following,
        subject_follows::follower_count(&state.db.pool, c).await?,
    ))
}
