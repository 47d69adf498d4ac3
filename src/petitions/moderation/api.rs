//! Moderation server functions: hide, restore, mark as duplicate, report
//! abuse, dismiss reports, and the moderation queue.

use crate::error::AppError;
use crate::petitions::moderation::model::ReportedPetition;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::guard::require, crate::accounts::model::Action,
    crate::petitions::moderation::service as moderation, crate::server::ratelimit::Bucket,
};

/// Hides a petition's text from the public, with a public reason.
#[server(endpoint = "moderation/hide")]
pub async fn hide_petition(code: String, hide_reason: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ModeratePetitions).await?;
    moderation::hide(&state, &c.user, &code, &hide_reason).await
}

/// Shows a hidden petition's text again, with a note.
#[server(endpoint = "moderation/restore")]
pub async fn restore_petition(code: String, restore_note: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ModeratePetitions).await?;
    moderation::restore(&state, &c.user, &code, &restore_note).await
}

/// Closes a petition as a duplicate of the petition `original` (a tracking code).
#[server(endpoint = "moderation/duplicate")]
pub async fn mark_duplicate(code: String, original: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ModeratePetitions).await?;
    moderation::mark_duplicate(&state, &c.user, &code, &original).await
}

/// Reports a public petition as abusive (once per account).
#[server(endpoint = "moderation/report")]
pub async fn report_petition(
    code: String,
    #[server(default)] report_reason: String,
    #[server(default)] report_comment: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ReportAbuse).await?;
    state.limits.check(Bucket::Report, c.user.id)?;
    moderation::report(&state, &c.user, &code, &report_reason, &report_comment).await
}

/// Dismisses a petition's open abuse reports.
#[server(endpoint = "moderation/dismiss")]
pub async fn dismiss_reports(code: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ModeratePetitions).await?;
    moderation::dismiss(&state, &c.user, &code).await
}

/// The moderation queue: reported petitions of the moderator's agency.
#[server(endpoint = "moderation/queue")]
pub async fn moderation_queue() -> Result<Vec<ReportedPetition>, AppError> {
    let (state, c) = require(Action::ModeratePetitions).await?;
    moderation::queue(&state, &c.user).await
}
