//! Following petitions: any signed-in account may follow a public petition
//! (and the petitioner their own); each new timeline step then lands in the
//! follower's inbox and, unless they turned e-mails off, in their mailbox
//! (the platform's [`crate::subjects::follows`] keeps who follows what).

use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::petitions::model::{TrackingCode, Visibility};
use crate::petitions::repo;
use crate::petitions::subject;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::follows as subject_follows;

/// Follows a petition (or changes the e-mail choice); `email` false keeps the
/// steps in the inbox only.
pub async fn follow(
    state: &AppState,
    user: &UserView,
    code: &str,
    email: bool,
) -> Result<(), AppError> {
    let petition = followable(state, user, code).await?;
    subject_follows::follow(&state.db.pool, petition, user.id, email, now_ms()).await?;
    Ok(())
}

/// Stops following a petition.
pub async fn unfollow(state: &AppState, user: &UserView, code: &str) -> Result<(), AppError> {
    let petition = followable(state, user, code).await?;
    if !subject_follows::unfollow(&state.db.pool, petition, user.id).await? {
        return Err(AppError::conflict("follows.not_following"));
    }
    Ok(())
}

/// Public petitions can be followed by anyone signed in; a private one only
/// by its petitioner.
async fn followable(
    state: &AppState,
    user: &UserView,
    code: &str,
) -> Result<crate::subjects::SubjectRef, AppError> {
    let code = TrackingCode::parse(code)?;
    let target = repo::support_target(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if target.visibility != Visibility::Public && target.author_id != user.id {
        return Err(AppError::NotFound);
    }
    Ok(subject::of(target.id))
}
