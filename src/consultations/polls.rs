//! Polls: attached by the officer while the consultation is a draft,
//! answered once per account (changeable until the close, the window
//! enforced here), with results shown live or kept until the close.

use super::access::{managed_row, require_open, visible};
use super::model::Phase;
use super::poll_model::{check_choices, PollKind};
use super::polls_repo::{self as repo, PollRow};
use super::views::{check_question, OptionView, PollView};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use std::collections::HashMap;

/// A consultation's polls for `reader`; counts only where they may be shown
/// (always once closed, while open unless the poll keeps them hidden).
pub async fn views(
    state: &AppState,
    consultation_id: i64,
    phase: Phase,
    reader: Option<&UserView>,
) -> Result<Vec<PollView>, AppError> {
    let pool = &state.db.pool;
    let polls = repo::polls(pool, consultation_id).await?;
    if polls.is_empty() {
        return Ok(Vec::new());
    }
    let options = repo::options(pool, consultation_id).await?;
    let tallies: HashMap<i64, i64> = repo::tallies(pool, consultation_id)
        .await?
        .into_iter()
        .collect();
    let ballots: HashMap<i64, i64> = repo::ballot_counts(pool, consultation_id)
        .await?
        .into_iter()
        .collect();
    let mine = match reader {
        Some(u) => repo::choices_of(pool, consultation_id, u.id).await?,
        None => Vec::new(),
    };
    Ok(polls
        .into_iter()
        .map(|p| {
            let hidden = p.results_hidden != 0;
            let shown = !hidden || phase == Phase::Closed;
            let options: Vec<OptionView> = options
                .iter()
                .filter(|(_, poll, _)| *poll == p.id)
                .map(|(id, _, label)| OptionView {
                    id: *id,
                    label: label.clone(),
                    votes: shown.then(|| tallies.get(id).copied().unwrap_or(0)),
                })
                .collect();
            let my_choices = options
                .iter()
                .map(|o| o.id)
                .filter(|id| mine.contains(id))
                .collect();
            PollView {
                id: p.id,
                question: p.question,
                kind: PollKind::parse(&p.kind).unwrap_or(PollKind::Single),
                max_choices: p.max_choices,
                results_hidden: hidden,
                ballots: shown.then(|| ballots.get(&p.id).copied().unwrap_or(0)),
                options,
                my_choices,
            }
        })
        .collect())
}

/// What the officer's poll form sends.
#[derive(Debug, Clone)]
pub struct PollInput {
    /// The consultation's slug.
    pub code: String,
    /// The question.
    pub question: String,
    /// `single`, `multiple`, `yes_no` or `scale`.
    pub kind: String,
    /// One option per line (single and multiple choice).
    pub options: String,
    /// Most choices (multiple choice).
    pub max_choices: String,
    /// Whether the results wait for the close.
    pub results_hidden: bool,
}

/// Attaches a poll to a draft consultation.
pub async fn add(state: &AppState, user: &UserView, input: PollInput) -> Result<(), AppError> {
    let row = managed_row(state, user, &input.code).await?;
    if row.status != "draft" {
        return Err(AppError::conflict("consultations.published_locked"));
    }
    let question = check_question(&input.question)?;
    let kind = PollKind::parse(input.kind.trim())
        .ok_or_else(|| AppError::invalid("kind", "consultations.kind_required"))?;
    let options = kind.options(&input.options)?;
    let max_choices = kind.max_choices(&input.max_choices, options.len())?;
    let poll = PollRow {
        id: 0,
        consultation_id: row.id,
        question,
        kind: kind.as_str().to_string(),
        max_choices,
        results_hidden: i64::from(input.results_hidden),
    };
    let mut tx = state.db.pool.begin().await?;
    repo::insert(&mut tx, &poll, &options, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// Answers a poll (or changes the answer) while its consultation is open:
/// one ballot per account, its choices replaced in one transaction.
pub async fn vote(
    state: &AppState,
    user: &UserView,
    poll: &str,
    choices: &[String],
) -> Result<(), AppError> {
    let id = poll.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    let poll = repo::poll(&state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = visible(state, &poll.consultation_id.to_string(), Some(user)).await?;
    let now = now_ms();
    require_open(&row, now)?;
    let options = repo::option_ids(&state.db.pool, poll.id).await?;
    let chosen = check_choices(choices, &options, poll.max_choices)?;
    crate::accounts::verify::require_verified(user)?;
    let ballot = super::writers::Ballot {
        poll_id: poll.id,
        user_id: user.id,
        choices: chosen,
    };
    state
        .domain::<super::writers::BallotWriter>()?
        .apply(ballot)
        .await
        .map(|_| ())
}
