//! Petitions server functions.

use crate::error::AppError;
use crate::petitions::stats::model::Statistics;
use crate::petitions::views::{
    CategoryView, ListFilter, PetitionDetail, PetitionPage, PetitionSummary,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{follows::service as follows, repo, service},
    crate::accounts::guard::{caller, require},
    crate::accounts::model::Action,
    crate::petitions::workflow::answer,
    crate::server::ratelimit::Bucket,
    crate::server::state::app_state,
};

/// The petition categories.
#[server(endpoint = "petitions/categories")]
pub async fn categories() -> Result<Vec<CategoryView>, AppError> {
    let state = app_state()?;
    Ok(crate::petitions::categories::all(&state).await?.to_vec())
}

/// Submits a petition or feedback report; goes to its page.
#[server(endpoint = "petitions/submit")]
pub async fn submit_petition(
    kind: String,
    title: String,
    body: String,
    category: String,
    locality: String,
    visibility: String,
    show_name: Option<String>,
) -> Result<(), AppError> {
    let (state, c) = require(Action::SubmitPetition).await?;
    state.limits.check(Bucket::Submit, c.user.id)?;
    let input = service::Submission {
        kind,
        title,
        body,
        category,
        locality,
        visibility,
        show_name: show_name.is_some_and(|v| v == "on" || v == "true"),
    };
    let code = service::submit(&state, &c.user, input).await?;
    leptos_axum::redirect(&format!("/petitions/{code}?new=1"));
    Ok(())
}

/// A petition by tracking code (private ones show only status and timeline).
#[server(endpoint = "petitions/get")]
pub async fn petition(code: String) -> Result<PetitionDetail, AppError> {
    let state = app_state()?;
    let ip =
        crate::server::session::client_ip(&state.config, &crate::server::session::request_parts()?);
    let reader = caller(&state).await?.map(|c| c.user);
    let detail = service::detail(&state, &code, reader.as_ref());
    state.limits.lookup(&ip, detail).await
}

/// One page of the public petition list.
#[server(endpoint = "petitions/list")]
pub async fn list_petitions(
    #[server(default)] filter: ListFilter,
) -> Result<PetitionPage, AppError> {
    let state = app_state()?;
    service::list(&state, filter).await
}

/// The caller's own petitions.
#[server(endpoint = "petitions/mine")]
pub async fn my_petitions() -> Result<Vec<PetitionSummary>, AppError> {
    let (state, c) = require(Action::SubmitPetition).await?;
    Ok(repo::by_author(&state.db.pool, c.user.id).await?)
}

/// Supports a public petition (once per account).
#[server(endpoint = "petitions/support")]
pub async fn support_petition(code: String) -> Result<(), AppError> {
    let (state, c) = require(Action::SupportPetition).await?;
    state.limits.check(Bucket::Support, c.user.id)?;
    crate::accounts::verify::require_verified(&c.user)?;
    service::set_support(&state, &c.user, &code, true).await
}

/// Withdraws a support.
#[server(endpoint = "petitions/withdraw_support")]
pub async fn withdraw_support(code: String) -> Result<(), AppError> {
    let (state, c) = require(Action::SupportPetition).await?;
    state.limits.check(Bucket::Support, c.user.id)?;
    service::set_support(&state, &c.user, &code, false).await
}

/// The open petitions of the officer's agency (every agency's for an admin):
/// the queue without filters.
#[server(endpoint = "petitions/queue")]
pub async fn officer_queue() -> Result<Vec<PetitionSummary>, AppError> {
    let (state, c) = require(Action::HandlePetitions).await?;
    crate::petitions::routing::service::queue(&state, &c.user, Default::default()).await
}

/// Moves a petition along the workflow with a note (reason or answer).
#[server(endpoint = "petitions/change_status")]
pub async fn change_status(code: String, status: String, note: String) -> Result<(), AppError> {
    let (state, c) = require(Action::HandlePetitions).await?;
    service::change_status(&state, &c.user, &code, &status, &note).await
}

/// The petitioner reopens an answered petition they are not satisfied with.
#[server(endpoint = "petitions/reopen")]
pub async fn reopen_petition(code: String, reason: String) -> Result<(), AppError> {
    let (state, c) = require(Action::SubmitPetition).await?;
    answer::reopen(&state, &c.user, &code, &reason).await
}

/// The petitioner rates the official answer 1-5 with a comment.
#[server(endpoint = "petitions/rate")]
pub async fn rate_answer(code: String, stars: String, comment: String) -> Result<(), AppError> {
    let (state, c) = require(Action::SubmitPetition).await?;
    answer::rate(&state, &c.user, &code, &stars, &comment).await
}

/// The public statistics: counts, median times, satisfaction per agency.
#[server(endpoint = "petitions/statistics")]
pub async fn petition_statistics() -> Result<Statistics, AppError> {
    let state = app_state()?;
    let snapshot = state.domain::<crate::petitions::stats::snapshot::StatsSnapshot>()?;
    Ok((*snapshot.get(&state).await?).clone())
}

/// Follows a petition; `email` ("on") also sends each step by e-mail.
#[server(endpoint = "petitions/follow")]
pub async fn follow_petition(code: String, email: Option<String>) -> Result<(), AppError> {
    let (state, c) = require(Action::Follow).await?;
    state.limits.check(Bucket::Follow, c.user.id)?;
    let email = email.is_some_and(|v| v == "on" || v == "true");
    follows::follow(&state, &c.user, &code, email).await
}

/// Stops following a petition.
#[server(endpoint = "petitions/unfollow")]
pub async fn unfollow_petition(code: String) -> Result<(), AppError> {
    let (state, c) = require(Action::Follow).await?;
    state.limits.check(Bucket::Follow, c.user.id)?;
    follows::unfollow(&state, &c.user, &code).await
}
