//! Moderation of comments with the platform's ([`crate::subjects::moderation`]):
//! a signed-in reader reports someone else's comment as abusive (once); the
//! consultation's agency (its officers, and admins) hides a comment with a
//! reason, kept for audit, or restores it. A hidden comment's text and
//! author are withheld from everyone but its moderators; it takes no marks
//! and no replies, and its open reports close.

use super::access::{may_manage, visible};
use super::repo::ConsultationRow;
use super::subject::COMMENT_KIND;
use super::talk_repo;
use super::views::ReportedComment;
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::model::ReportReason;
use crate::subjects::moderation::{self as shared, note};
use crate::subjects::SubjectRef;

/// The longest reason a moderator gives, or comment a reporter adds.
const NOTE_MAX: usize = 1000;

/// The comment `id` as a subject.
pub const fn of(id: i64) -> SubjectRef {
    SubjectRef::new(COMMENT_KIND, id)
}

/// The comment `key` names, its author, and its consultation as `user` sees it.
async fn target(
    state: &AppState,
    user: &UserView,
    key: &str,
) -> Result<(i64, i64, ConsultationRow), AppError> {
    let id = key.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    let (consultation_id, _, _, author) = talk_repo::comment(&state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = visible(state, &consultation_id.to_string(), Some(user)).await?;
    Ok((id, author, row))
}

/// The comment `key`, which `user` must moderate (its consultation's
/// agency), and its consultation.
async fn moderated(
    state: &AppState,
    user: &UserView,
    key: &str,
) -> Result<(SubjectRef, i64), AppError> {
    let (id, _, row) = target(state, user, key).await?;
    if !may_manage(Some(user), row.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok((of(id), row.id))
}

/// Hides a comment with a public reason; its open reports close.
pub async fn hide(
    state: &AppState,
    user: &UserView,
    key: &str,
    reason: &str,
) -> Result<(), AppError> {
    let (comment, consultation) = moderated(state, user, key).await?;
    let reason = note(reason, "hide_reason", NOTE_MAX, false)?;
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !shared::hide(&mut tx, comment, &reason, user.id, now).await? {
        return Err(AppError::conflict("moderation.already_hidden"));
    }
    shared::close_reports(&mut *tx, comment, user.id, "hidden", now).await?;
    tx.commit().await?;
    super::live::comments_changed(state, consultation);
    Ok(())
}

/// Shows a hidden comment again.
pub async fn restore(state: &AppState, user: &UserView, key: &str) -> Result<(), AppError> {
    let (comment, consultation) = moderated(state, user, key).await?;
    let mut tx = state.db.pool.begin().await?;
    if !shared::restore(&mut tx, comment, user.id, "", now_ms()).await? {
        return Err(AppError::conflict("moderation.not_hidden"));
    }
    tx.commit().await?;
    super::live::comments_changed(state, consultation);
    Ok(())
}

/// Reports someone else's visible comment as abusive; once per account.
pub async fn report(
    state: &AppState,
    user: &UserView,
    key: &str,
    reason: &str,
    comment: &str,
) -> Result<(), AppError> {
    let (id, author, _) = target(state, user, key).await?;
    let missing = reason.trim().is_empty();
    let reason = ReportReason::parse(reason).ok_or_else(|| {
        let key = if missing {
            "moderation.report_reason_required"
        } else {
            "moderation.report_reason_invalid"
        };
        AppError::invalid("report_reason", key)
    })?;
    let text = note(comment, "report_comment", NOTE_MAX, true)?;
    if author == user.id {
        return Err(AppError::conflict("moderation.report_own"));
    }
    if shared::hidden(&state.db.pool, of(id)).await?.is_some() {
        return Err(AppError::conflict("moderation.already_hidden"));
    }
    let pool = &state.db.pool;
    if !shared::report(pool, of(id), user.id, reason.as_str(), &text, now_ms()).await? {
        return Err(AppError::conflict("moderation.report_twice"));
    }
    Ok(())
}

/// Refuses a mark or a reply on a hidden comment.
pub async fn require_shown(state: &AppState, comment: i64) -> Result<(), AppError> {
    match shared::hidden(&state.db.pool, of(comment)).await? {
        Some(_) => Err(AppError::conflict("consultations.comment_hidden")),
        None => Ok(()),
    }
}

/// The reported comments `user` moderates (their agency's consultations;
/// every agency's for an admin), not yet hidden, most reported first. One
/// report is enough: a comment is short, and an officer reads it quickly.
pub async fn queue(state: &AppState, user: &UserView) -> Result<Vec<ReportedComment>, AppError> {
    let pool = &state.db.pool;
    let mut out = Vec::new();
    for r in shared::queue(pool, Some(COMMENT_KIND), 1).await? {
        let Some(c) = talk_repo::reported(pool, r.subject_id).await? else {
            continue;
        };
        if may_manage(Some(user), c.agency_id) {
            out.push(ReportedComment {
                id: c.id,
                code: c.code,
                title: c.title,
                article: c.article_number,
                body: c.body,
                author: c.author,
                reports: r.reports,
                first_reported_at: r.first_reported_at,
            });
        }
    }
    Ok(out)
}
