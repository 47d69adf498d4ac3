//! The government's directory, read on nearly every page (the list filters,
//! the registration form's locality picker, the officers' forms): the
//! agencies and the localities, kept in memory ([`Kept`]) so a rendered page
//! does not ask the database for them each time. Creating an agency on this
//! instance forgets the kept list at once; other instances (and the command
//! line) are seen within [`FRESH_FOR`].

use super::model::{AgencyOption, LocalityOption};
use super::repo;
use crate::error::AppError;
use crate::server::kept::Kept;
use crate::server::state::AppState;
use std::sync::Arc;
use std::time::Duration;

/// How long a kept list is used before the database is asked again.
pub const FRESH_FOR: Duration = Duration::from_secs(10);

/// The kept lists (in the state's domains).
#[derive(Clone)]
pub struct Directory(Arc<Lists>);

struct Lists {
    agencies: Kept<Vec<AgencyOption>>,
    localities: Kept<Vec<LocalityOption>>,
}

impl Default for Directory {
    fn default() -> Self {
        Directory(Arc::new(Lists {
            agencies: Kept::new(FRESH_FOR),
            localities: Kept::new(FRESH_FOR),
        }))
    }
}

/// Every agency, by name.
pub async fn agencies(state: &AppState) -> Result<Arc<Vec<AgencyOption>>, AppError> {
    let kept = &state.domain::<Directory>()?.0.agencies;
    Ok(kept.get(|| repo::agencies(&state.db.pool)).await?)
}

/// Communes and districts with their parents' names, for pickers.
pub async fn localities(state: &AppState) -> Result<Arc<Vec<LocalityOption>>, AppError> {
    let kept = &state.domain::<Directory>()?.0.localities;
    Ok(kept.get(|| repo::locality_options(&state.db.pool)).await?)
}

/// Creates an agency (or finds it by name) and returns its id; the kept
/// list of agencies is forgotten.
pub async fn upsert_agency(state: &AppState, name: &str, now: i64) -> Result<i64, AppError> {
    let id = repo::upsert_agency(&state.db.pool, name, now).await?;
    if let Ok(directory) = state.domain::<Directory>() {
        directory.0.agencies.forget();
    }
    Ok(id)
}
