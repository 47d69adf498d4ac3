//! The petition categories, read on every list and form page: kept in memory
//! ([`Kept`]) rather than asked for on each render. They change only with a
//! migration, so they are read again once a minute.

use crate::error::AppError;
use crate::petitions::repo;
use crate::petitions::views::CategoryView;
use crate::server::kept::Kept;
use crate::server::state::AppState;
use std::sync::Arc;
use std::time::Duration;

/// The kept categories (in the state's domains).
#[derive(Clone)]
pub struct Categories(Arc<Kept<Vec<CategoryView>>>);

impl Default for Categories {
    fn default() -> Self {
        Categories(Arc::new(Kept::new(Duration::from_secs(60))))
    }
}

/// Every category, by id.
pub async fn all(state: &AppState) -> Result<Arc<Vec<CategoryView>>, AppError> {
    let kept = &state.domain::<Categories>()?.0;
    Ok(kept.get(|| repo::categories(&state.db.pool)).await?)
}
