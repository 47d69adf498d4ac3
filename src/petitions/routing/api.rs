//! Routing's server functions and wire types: reassigning a petition to
//! another agency (with the agency routing suggests), the agencies for the
//! filters, and the officers' filtered queue.

use crate::error::AppError;
use crate::petitions::views::PetitionSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::accounts::guard::require, crate::accounts::model::Action,
    crate::petitions::routing::service as routing, crate::server::state::app_state,
};

/// An agency, for pickers and filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// What the officer handling a petition may reassign it to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignOptions {
    /// Every agency but the one handling it now.
    pub agencies: Vec<AgencyView>,
    /// The one routing suggests (by category and locality), if any.
    pub suggested: Option<i64>,
}

/// Filters of the officers' queue (empty strings mean "any").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct QueueFilter {
    /// A status name.
    pub status: String,
    /// A category code.
    pub category: String,
    /// A locality id: it and everything within it.
    pub locality: String,
    /// An agency id (admins only; officers see their own agency's queue).
    pub agency: String,
}

/// Hands a petition to another agency, with a note; a timeline step.
#[server(endpoint = "petitions/reassign")]
pub async fn reassign_petition(
    code: String,
    agency: String,
    assign_note: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::HandlePetitions).await?;
    routing::reassign(&state, &c.user, &code, &agency, &assign_note).await
}

/// Every agency (their names are public: they are on every petition).
#[server(endpoint = "petitions/agencies")]
pub async fn agencies() -> Result<Vec<AgencyView>, AppError> {
    let state = app_state()?;
    Ok(crate::petitions::routing::repo::agencies(&state.db.pool).await?)
}

/// The officer's queue with filters (an admin's covers every agency).
#[server(endpoint = "petitions/queue_filtered")]
pub async fn filtered_queue(
    #[server(default)] filter: QueueFilter,
) -> Result<Vec<PetitionSummary>, AppError> {
    let (state, c) = require(Action::HandlePetitions).await?;
    routing::queue(&state, &c.user, filter).await
}
