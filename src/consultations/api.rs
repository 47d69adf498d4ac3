//! Consultation server functions: thin (who is asking, may they), the rules
//! are in `service.rs`, `talk.rs` and `polls.rs`.
// The officer's form posts flat fields, so a field's name is the `field` of
// its error; a struct argument would rename them `input[title]`.
#![allow(clippy::too_many_arguments)]

use super::views::{
    ConsultationDetail, ConsultationSummary, DraftFields, ListFilter, ReportedComment,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{follows, moderation, polls, report, service, talk, versions},
    crate::accounts::guard::{caller, require},
    crate::accounts::model::Action,
    crate::server::ratelimit::Bucket,
    crate::server::state::app_state,
};

/// The published consultations (open, upcoming, closed), filtered.
#[server(endpoint = "consultations/list")]
pub async fn list_consultations(
    #[server(default)] filter: ListFilter,
) -> Result<Vec<ConsultationSummary>, AppError> {
    let state = app_state()?;
    service::list(&state, &filter).await
}

/// The consultations the officer manages, drafts included.
#[server(endpoint = "consultations/managed")]
pub async fn managed_consultations() -> Result<Vec<ConsultationSummary>, AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    service::managed(&state, &c.user).await
}

/// A consultation's page by slug or id (a draft only for its managers).
#[server(endpoint = "consultations/get")]
pub async fn consultation(code: String) -> Result<ConsultationDetail, AppError> {
    let state = app_state()?;
    let reader = caller(&state).await?.map(|c| c.user);
    service::detail(&state, &code, reader.as_ref()).await
}

/// The officer's form, filled for a draft (`code`) or empty for a new one.
#[server(endpoint = "consultations/fields")]
pub async fn edit_fields(#[server(default)] code: String) -> Result<DraftFields, AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    service::fields(&state, &c.user, &code).await
}

/// Creates a draft consultation from the pasted text; opens it for review.
#[server(endpoint = "consultations/create")]
pub async fn create_consultation(
    title: String,
    summary: String,
    agency: String,
    locality: String,
    opens_at: String,
    closes_at: String,
    draft: String,
    #[server(default)] form_key: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    state.limits.check(Bucket::Submit, c.user.id)?;
    let input = service::DraftInput {
        title,
        summary,
        agency,
        locality,
        opens_at,
        closes_at,
        draft,
        form_key,
    };
    let code = service::create(&state, &c.user, input).await?;
    leptos_axum::redirect(&format!("/consultations/{code}"));
    Ok(())
}

/// Changes a draft consultation; opens it for review again.
#[server(endpoint = "consultations/update")]
pub async fn update_consultation(
    code: String,
    title: String,
    summary: String,
    agency: String,
    locality: String,
    opens_at: String,
    closes_at: String,
    draft: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    let input = service::DraftInput {
        title,
        summary,
        agency,
        locality,
        opens_at,
        closes_at,
        draft,
        form_key: String::new(),
    };
    let code = service::update(&state, &c.user, &code, input).await?;
    leptos_axum::redirect(&format!("/consultations/{code}"));
    Ok(())
}

/// Publishes a draft consultation: everyone sees it from now on.
#[server(endpoint = "consultations/publish")]
pub async fn publish_consultation(code: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    service::publish(&state, &c.user, &code).await?;
    Ok(())
}

/// Attaches a poll to a draft consultation.
#[server(endpoint = "consultations/add_poll")]
pub async fn add_poll(
    code: String,
    question: String,
    kind: String,
    #[server(default)] options: String,
    #[server(default)] max_choices: String,
    #[server(default)] results_hidden: Option<String>,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    let input = polls::PollInput {
        code,
        question,
        kind,
        options,
        max_choices,
        results_hidden: results_hidden.is_some_and(|v| v == "on" || v == "true"),
    };
    polls::add(&state, &c.user, input).await
}

/// Comments on an article (or, with `parent`, replies to a comment on it).
#[server(endpoint = "consultations/comment")]
pub async fn comment_on_article(
    code: String,
    article: String,
    #[server(default)] parent: String,
    body: String,
    #[server(default)] form_key: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::TakePartInConsultations).await?;
    state.limits.check(Bucket::Submit, c.user.id)?;
    let input = talk::CommentInput {
        code,
        article,
        parent,
        body,
        form_key,
    };
    talk::comment(&state, &c.user, input).await
}

/// Marks someone else's comment `agree`, `disagree` or `pass`.
#[server(endpoint = "consultations/mark")]
pub async fn mark_comment(comment: String, mark: String) -> Result<(), AppError> {
    let (state, c) = require(Action::TakePartInConsultations).await?;
    state.limits.check(Bucket::Support, c.user.id)?;
    talk::mark(&state, &c.user, &comment, &mark).await
}

/// Answers a poll (`choices[]`: option ids), or changes the answer.
#[server(endpoint = "consultations/vote")]
pub async fn vote_in_poll(
    poll: String,
    #[server(default)] choices: Vec<String>,
) -> Result<(), AppError> {
    let (state, c) = require(Action::TakePartInConsultations).await?;
    state.limits.check(Bucket::Support, c.user.id)?;
    polls::vote(&state, &c.user, &poll, &choices).await
}

/// Follows a consultation; `email` ("on") also sends each step by e-mail.
#[server(endpoint = "consultations/follow")]
pub async fn follow_consultation(code: String, email: Option<String>) -> Result<(), AppError> {
    let (state, c) = require(Action::Follow).await?;
    state.limits.check(Bucket::Follow, c.user.id)?;
    let email = email.is_some_and(|v| v == "on" || v == "true");
    follows::follow(&state, &c.user, &code, email).await
}

/// Stops following a consultation.
#[server(endpoint = "consultations/unfollow")]
pub async fn unfollow_consultation(code: String) -> Result<(), AppError> {
    let (state, c) = require(Action::Follow).await?;
    state.limits.check(Bucket::Follow, c.user.id)?;
    follows::unfollow(&state, &c.user, &code).await
}

/// Publishes the closing report of a closed consultation: the summary, and
/// per article (`articles[]`) its verdict (`verdicts[]`) and reason (`reasons[]`).
#[server(endpoint = "consultations/report")]
pub async fn publish_report(
    code: String,
    report_summary: String,
    #[server(default)] articles: Vec<String>,
    #[server(default)] verdicts: Vec<String>,
    #[server(default)] reasons: Vec<String>,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    let input = report::ReportInput {
        code,
        summary: report_summary,
        articles,
        verdicts,
        reasons,
    };
    report::publish(&state, &c.user, input).await
}

/// Publishes a new version of a published consultation's text (while
/// upcoming or open); its followers are told, and the page shows what changed.
#[server(endpoint = "consultations/new_version")]
pub async fn publish_version(code: String, draft: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    state.limits.check(Bucket::Submit, c.user.id)?;
    versions::publish(&state, &c.user, &code, &draft).await?;
    Ok(())
}

/// Hides a comment with a public reason (the consultation's agency).
#[server(endpoint = "consultations/hide_comment")]
pub async fn hide_comment(comment: String, hide_reason: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    moderation::hide(&state, &c.user, &comment, &hide_reason).await
}

/// Shows a hidden comment again (the consultation's agency).
#[server(endpoint = "consultations/restore_comment")]
pub async fn restore_comment(comment: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    moderation::restore(&state, &c.user, &comment).await
}

/// Reports someone else's comment as abusive.
#[server(endpoint = "consultations/report_comment")]
pub async fn report_comment(
    comment: String,
    report_reason: String,
    #[server(default)] report_comment: String,
) -> Result<(), AppError> {
    let (state, c) = require(Action::ReportAbuse).await?;
    state.limits.check(Bucket::Report, c.user.id)?;
    moderation::report(&state, &c.user, &comment, &report_reason, &report_comment).await
}

/// The reported comments the caller moderates, not yet hidden.
#[server(endpoint = "consultations/reported_comments")]
pub async fn reported_comments() -> Result<Vec<ReportedComment>, AppError> {
    let (state, c) = require(Action::ManageConsultations).await?;
    moderation::queue(&state, &c.user).await
}
