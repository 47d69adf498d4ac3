//! Routing's server functions and wire types: reassigning a petition to
//! another agency (with the agency routing suggests), the agencies for the
//! filters, and the officers' filtered queue.

pub use super::model::{AgencyOption, AssignOptions, QueueFilter};
use crate::error::AppError;
use crate::petitions::views::PetitionSummary;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::guard::require, crate::accounts::model::Action,
    crate::petitions::routing::service as routing,
};

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

/// The officer's queue with filters (an admin's covers every agency).
#[server(endpoint = "petitions/queue_filtered")]
pub async fn filtered_queue(
    #[server(default)] filter: QueueFilter,
) -> Result<Vec<PetitionSummary>, AppError> {
    let (state, c) = require(Action::HandlePetitions).await?;
    routing::queue(&state, &c.user, filter).await
}
