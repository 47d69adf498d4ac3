//! The petitioner's response to the official answer: reopen it within the
//! configured window when not satisfied, and rate it 1-5 with a comment.

use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::petitions::config::PetitionConfig;
use crate::petitions::live::publish_step;
use crate::petitions::model::{EventKind, Status, TrackingCode};
use crate::petitions::repo::{self, PetitionRow};
use crate::petitions::workflow::timeline::{self, Step};
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// Whether an answered petition is still within the reopening window.
pub async fn may_reopen(state: &AppState, row: &PetitionRow) -> Result<bool, AppError> {
    if row.status != Status::Answered {
        return Ok(false);
    }
    let answered = repo::last_answered_at(&state.db.pool, row.id)
        .await?
        .unwrap_or(0);
    let window = state.domain::<PetitionConfig>()?.reopen_window;
    Ok(now_ms() - answered <= window.as_millis() as i64)
}

/// The petition `code`, which `user` must have written.
async fn own_petition(
    state: &AppState,
    user: &UserView,
    code: &str,
) -> Result<(String, PetitionRow), AppError> {
    let code = TrackingCode::parse(code)?;
    let (_, row) = repo::petition_by_code(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if row.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    Ok((code.as_str().to_string(), row))
}

fn text(field: &str, raw: &str, required: bool) -> Result<String, AppError> {
    let rules = crate::text::Rules {
        min: if required { 10 } else { 0 },
        max: 2000,
        lines: true,
    };
    let messages = crate::text::Messages {
        too_short: "petitions.reason_too_short",
        too_long: "petitions.note_too_long",
        invalid: "petitions.note_too_long",
    };
    crate::text::check(raw, field, rules, messages)
}

/// Reopens the petitioner's answered petition (back to "in progress") with a reason.
pub async fn reopen(
    state: &AppState,
    user: &UserView,
    code: &str,
    reason: &str,
) -> Result<(), AppError> {
    let (code, row) = own_petition(state, user, code).await?;
    let reason = text("reason", reason, true)?;
    if !may_reopen(state, &row).await? {
        return Err(AppError::conflict("petitions.reopen_closed"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !repo::update_status(
        &mut tx,
        row.id,
        Status::Answered,
        Status::InProgress,
        None,
        now,
    )
    .await?
    {
        return Err(AppError::conflict("petitions.changed_meanwhile"));
    }
    let step = Step {
        petition_id: row.id,
        kind: EventKind::Status,
        status: Status::InProgress,
        agency_id: row.agency_id,
        actor_id: Some(user.id),
        note: reason,
        at: now,
    };
    let event = timeline::append(&mut tx, &step, &state.config.site_url()).await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    publish_step(state, &code, event, Status::InProgress).await;
    Ok(())
}

/// Rates the answer of the petitioner's own answered (or closed) petition.
pub async fn rate(
    state: &AppState,
    user: &UserView,
    code: &str,
    stars: &str,
    comment: &str,
) -> Result<(), AppError> {
    let (_, row) = own_petition(state, user, code).await?;
    let stars: i64 = stars
        .trim()
        .parse()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| AppError::invalid("stars", "petitions.stars_invalid"))?;
    let comment = text("comment", comment, false)?;
    if !row.has_answer_to_rate() {
        return Err(AppError::conflict("petitions.rate_not_answered"));
    }
    repo::upsert_rating(&state.db.pool, row.id, stars, &comment, now_ms()).await?;
    if let Ok(snapshot) = state.domain::<crate::petitions::stats::snapshot::StatsSnapshot>() {
        snapshot.changed();
    }
    Ok(())
}
