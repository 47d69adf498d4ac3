//! Who may work a counter: staff of its agency assigned to it, and admins.

use super::repo::{self, CounterRow};
use crate::accounts::model::{can, Action, Role, Scope, UserView};
use crate::error::AppError;
use crate::server::state::AppState;

/// Whether `user` may work a case of `agency_id` at `counter_id`: staff of
/// that agency assigned to that counter, and admins.
pub async fn may_work_case(
    state: &AppState,
    user: &UserView,
    agency_id: i64,
    counter_id: Option<i64>,
) -> Result<(), AppError> {
    if !can(
        Some(user),
        Action::WorkCounter,
        Scope::Agency(Some(agency_id)),
    ) {
        return Err(AppError::Forbidden);
    }
    if user.role == Role::Admin {
        return Ok(());
    }
    match counter_id {
        Some(counter) if repo::is_assigned(&state.db.pool, counter, user.id).await? => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The counter `id`, if `user` may work it.
pub async fn workable_counter(
    state: &AppState,
    user: &UserView,
    id: i64,
) -> Result<CounterRow, AppError> {
    let counter = repo::counter(&state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    may_work_case(state, user, counter.agency_id, Some(counter.id)).await?;
    Ok(counter)
}
