//! Who sees a consultation and who manages it: nobody but its agency's
//! officers and admins sees a draft; comments and ballots need it open.

use super::model::{Phase, Status, Window};
use super::repo::{self, ConsultationRow};
use crate::accounts::model::{can, Action, Scope, UserView};
use crate::error::AppError;
use crate::server::state::AppState;

/// Whether `user` may manage the consultations of `agency`.
pub fn may_manage(user: Option<&UserView>, agency: i64) -> bool {
    can(
        user,
        Action::ManageConsultations,
        Scope::Agency(Some(agency)),
    )
}

/// The consultation `key` names, if `reader` may see it: a draft is
/// "not found" to everyone but its agency's officers and admins.
pub async fn visible(
    state: &AppState,
    key: &str,
    reader: Option<&UserView>,
) -> Result<ConsultationRow, AppError> {
    let key = key.trim();
    // A slug (lowercase ASCII, digits, dashes) or an id: anything else names
    // nothing, and never reaches the database (PostgreSQL refuses a NUL).
    let plausible = !key.is_empty()
        && key.len() <= 200
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plausible {
        return Err(AppError::NotFound);
    }
    let row = repo::find(&state.db.pool, key)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != Status::Published.as_str() && !may_manage(reader, row.agency_id) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// Refuses unless the consultation is published and open now.
pub fn require_open(row: &ConsultationRow, now: i64) -> Result<(), AppError> {
    let open = row.status == Status::Published.as_str() && window_of(row).phase(now) == Phase::Open;
    if open {
        Ok(())
    } else {
        Err(AppError::conflict("consultations.not_open"))
    }
}

/// The stored window of `row`.
pub fn window_of(row: &ConsultationRow) -> Window {
    // Stored windows passed the same check (and the table's CHECK).
    Window::new(row.opens_at, row.closes_at).unwrap_or_else(|_| {
        Window::new(row.opens_at, row.opens_at + 1).expect("a one-millisecond window")
    })
}

/// The consultation `key`, which `user` must be allowed to manage.
pub async fn managed_row(
    state: &AppState,
    user: &UserView,
    key: &str,
) -> Result<ConsultationRow, AppError> {
    let row = visible(state, key, Some(user)).await?;
    if !may_manage(Some(user), row.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}
