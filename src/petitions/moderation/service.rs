//! Moderation rules on the server: hiding abusive text (kept for audit),
//! restoring it, closing a petition as a duplicate of another, citizens'
//! abuse reports and the moderation queue.
//!
//! Who may moderate a petition: admins, and officers of its handling agency
//! (of any agency while none is assigned) — the same people who handle it,
//! and only through [`can`] with [`Action::ModeratePetitions`].

use crate::accounts::model::{can, Action, Role, Scope, UserView};
use crate::error::AppError;
use crate::petitions::config::PetitionConfig;
use crate::petitions::live::publish_step;
use crate::petitions::model::{EventKind, Status, TrackingCode, Visibility};
use crate::petitions::moderation::model::{
    HiddenView, ModerationView, ReportReason, ReportedPetition, COMMENT_MAX, NOTE_MAX,
};
use crate::petitions::moderation::repo::{self as mrepo, Target};
use crate::petitions::repo::PetitionRow;
use crate::petitions::subject;
use crate::petitions::views::PetitionDetail;
use crate::petitions::workflow::timeline::{self, Step};
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::follows as subject_follows;
use crate::subjects::moderation::{self as subject_moderation, note};

/// Whether `user` may moderate a petition handled by `agency_id`.
fn moderates(user: Option<&UserView>, agency_id: Option<i64>) -> bool {
    can(user, Action::ModeratePetitions, Scope::Agency(agency_id))
}

/// The petition named by `code` and the moderator acting on it: an invalid
/// code is a validation error, an unknown one not found, a reader who may
/// not moderate it forbidden.
async fn moderated(
    state: &AppState,
    user: &UserView,
    code: &str,
) -> Result<(TrackingCode, Target), AppError> {
    let code = TrackingCode::parse(code)?;
    let target = mrepo::target(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if !moderates(Some(user), target.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok((code, target))
}

/// Appends a moderation step, commits, wakes the mail sender and tells live
/// subscribers (of a public petition) after the commit.
async fn commit_step(
    state: &AppState,
    mut tx: sqlx::Transaction<'_, sqlx::Any>,
    target: &Target,
    step: Step,
) -> Result<(), AppError> {
    let status = step.status;
    let event = timeline::append(&mut tx, &step, &state.config.site_url()).await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    if target.visibility == Visibility::Public {
        publish_step(state, &target.code, event, status).await;
    }
    Ok(())
}

/// A moderator hides a petition's text with a public reason. The text stays
/// in the database; the open abuse reports are closed as handled.
pub async fn hide(
    state: &AppState,
    moderator: &UserView,
    code: &str,
    reason: &str,
) -> Result<(), AppError> {
    let (_, target) = moderated(state, moderator, code).await?;
    let reason = note(reason, "hide_reason", NOTE_MAX, false)?;
    if target.hidden_at.is_some() {
        return Err(AppError::conflict("moderation.already_hidden"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    let petition = subject::of(target.id);
    if !subject_moderation::hide(&mut tx, petition, &reason, moderator.id, now).await? {
        return Err(AppError::conflict("moderation.already_hidden"));
    }
    mrepo::touch(&mut tx, target.id, now).await?;
    subject_moderation::close_reports(&mut *tx, petition, moderator.id, "hidden", now).await?;
    let step = moderation_step(
        &target,
        moderator,
        (EventKind::Hidden, target.status),
        reason,
        now,
    );
    commit_step(state, tx, &target, step).await
}

/// A moderator shows a hidden petition's text again, saying why.
pub async fn restore(
    state: &AppState,
    moderator: &UserView,
    code: &str,
    why: &str,
) -> Result<(), AppError> {
    let (_, target) = moderated(state, moderator, code).await?;
    let why = note(why, "restore_note", NOTE_MAX, false)?;
    if target.hidden_at.is_none() {
        return Err(AppError::conflict("moderation.not_hidden"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !subject_moderation::restore(&mut tx, subject::of(target.id), moderator.id, &why, now)
        .await?
    {
        return Err(AppError::conflict("moderation.not_hidden"));
    }
    mrepo::touch(&mut tx, target.id, now).await?;
    let kind = (EventKind::Restored, target.status);
    let step = moderation_step(&target, moderator, kind, why, now);
    commit_step(state, tx, &target, step).await
}

/// A moderator closes an open petition as a duplicate of `original` (a
/// tracking code). The original must be another public, visible petition;
/// when it is itself a duplicate, the chain is followed to its root (a chain
/// leading back here is refused). The duplicate's followers follow the
/// original too, and are told by the closing step, which links to it.
pub async fn mark_duplicate(
    state: &AppState,
    moderator: &UserView,
    code: &str,
    original: &str,
) -> Result<(), AppError> {
    let (_, target) = moderated(state, moderator, code).await?;
    if !target.status.is_open() {
        return Err(AppError::conflict("moderation.duplicate_closed"));
    }
    let invalid = |key| AppError::invalid("original", key);
    if original.trim().is_empty() {
        return Err(invalid("moderation.original_required"));
    }
    let original =
        TrackingCode::parse(original).map_err(|_| invalid("moderation.original_invalid"))?;
    let mut root = mrepo::target(&state.db.pool, original.as_str())
        .await?
        .ok_or_else(|| invalid("moderation.original_unknown"))?;
    if root.id == target.id {
        return Err(invalid("moderation.original_self"));
    }
    // Follow a chain of duplicates to the petition they all repeat.
    let mut hops = 0;
    while let Some(next) = root.duplicate_of {
        hops += 1;
        root = match mrepo::target_by_id(&state.db.pool, next).await? {
            Some(next) if next.id != target.id && hops < 32 => next,
            _ => return Err(invalid("moderation.original_loop")),
        };
    }
    if root.visibility != Visibility::Public || root.hidden_at.is_some() {
        return Err(invalid("moderation.original_unavailable"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !mrepo::close_as_duplicate(&mut tx, target.id, target.status, root.id, now).await? {
        return Err(AppError::conflict("petitions.changed_meanwhile"));
    }
    let (from, to) = (subject::of(target.id), subject::of(root.id));
    subject_follows::copy_followers(&mut tx, from, to, now).await?;
    let kind = (EventKind::Duplicate, Status::Closed);
    let step = moderation_step(&target, moderator, kind, root.code.clone(), now);
    commit_step(state, tx, &target, step).await
}

/// A signed-in reader reports a public, visible petition of someone else as
/// abusive; once per account and petition.
pub async fn report(
    state: &AppState,
    reporter: &UserView,
    code: &str,
    reason: &str,
    comment: &str,
) -> Result<(), AppError> {
    let code = TrackingCode::parse(code)?;
    let target = mrepo::target(&state.db.pool, code.as_str())
        .await?
        .filter(|t| t.visibility == Visibility::Public)
        .ok_or(AppError::NotFound)?;
    let key = if reason.trim().is_empty() {
        "moderation.report_reason_required"
    } else {
        "moderation.report_reason_invalid"
    };
    let reason =
        ReportReason::parse(reason).ok_or_else(|| AppError::invalid("report_reason", key))?;
    let comment = note(comment, "report_comment", COMMENT_MAX, true)?;
    if target.author_id == reporter.id {
        return Err(AppError::conflict("moderation.report_own"));
    }
    if target.hidden_at.is_some() {
        return Err(AppError::conflict("moderation.already_hidden"));
    }
    let (pool, petition) = (&state.db.pool, subject::of(target.id));
    let reason = reason.as_str();
    if !subject_moderation::report(pool, petition, reporter.id, reason, &comment, now_ms()).await? {
        return Err(AppError::conflict("moderation.report_twice"));
    }
    Ok(())
}

/// A moderator dismisses a petition's open reports (recorded as dismissed,
/// by whom and when); the petition leaves the queue.
pub async fn dismiss(state: &AppState, moderator: &UserView, code: &str) -> Result<(), AppError> {
    let (_, target) = moderated(state, moderator, code).await?;
    let closed = subject_moderation::close_reports(
        &state.db.pool,
        subject::of(target.id),
        moderator.id,
        "dismissed",
        now_ms(),
    )
    .await?;
    if closed == 0 {
        return Err(AppError::conflict("moderation.no_reports"));
    }
    Ok(())
}

/// The moderation queue of `moderator`: petitions of their agency (all, for
/// an admin) with at least `REPORTS_FOR_REVIEW` open reports.
pub async fn queue(
    state: &AppState,
    moderator: &UserView,
) -> Result<Vec<ReportedPetition>, AppError> {
    let all = moderator.role == Role::Admin;
    let threshold = state.domain::<PetitionConfig>()?.reports_for_review;
    Ok(mrepo::queue(&state.db.pool, all, moderator.agency_id, threshold).await?)
}

/// What [`apply`] needs to know about the petition on a page.
pub struct Subject {
    id: i64,
    author_id: i64,
    agency_id: Option<i64>,
    visibility: Visibility,
    status: Status,
}

impl From<&PetitionRow> for Subject {
    fn from(row: &PetitionRow) -> Self {
        Subject {
            id: row.id,
            author_id: row.author_id,
            agency_id: row.agency_id,
            visibility: row.visibility,
            status: row.status,
        }
    }
}

/// Fills in what a petition's page shows about moderation for `reader`, and
/// withholds a hidden petition's text (title, body, photos, name, rating
/// comment) from everyone but its petitioner and its moderators.
pub async fn apply(
    state: &AppState,
    row: &Subject,
    reader: Option<&UserView>,
    detail: &mut PetitionDetail,
) -> Result<(), AppError> {
    let pool = &state.db.pool;
    let m = mrepo::state(pool, row.id).await?;
    let is_author = reader.is_some_and(|u| u.id == row.author_id);
    let can_moderate = moderates(reader, row.agency_id);
    let hidden = m.hidden_at.map(|at| HiddenView {
        reason: m.hidden_reason.unwrap_or_default(),
        at,
    });
    let withheld = hidden.is_some() && !is_author && !can_moderate;
    if withheld {
        detail.withhold_text();
    }
    if hidden.is_some() {
        detail.can_support = false;
    }
    let public = row.visibility == Visibility::Public;
    let can_report = can(reader, Action::ReportAbuse, Scope::Site)
        && public
        && hidden.is_none()
        && !is_author
        && !can_moderate;
    let reported = match reader {
        Some(u) if public && !is_author => {
            subject_moderation::has_reported(pool, subject::of(row.id), u.id).await?
        }
        _ => false,
    };
    detail.moderation = ModerationView {
        hidden,
        withheld,
        duplicate_of: m.duplicate_code,
        can_moderate,
        can_mark_duplicate: can_moderate && row.status.is_open(),
        can_report: can_report && !reported,
        reported,
        open_reports: if can_moderate {
            subject_moderation::open_reports(pool, subject::of(row.id)).await?
        } else {
            0
        },
    };
    Ok(())
}

/// A moderation step of `target` by `moderator` at `at`.
fn moderation_step(
    target: &Target,
    moderator: &UserView,
    (kind, status): (EventKind, Status),
    note: String,
    at: i64,
) -> Step {
    Step {
        petition_id: target.id,
        kind,
        status,
        agency_id: target.agency_id,
        actor_id: Some(moderator.id),
        note,
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::note;

    #[test]
    fn moderator_notes_are_required_trimmed_and_bounded() {
        assert_eq!(note("  Lý do  ", "f", 10, false).unwrap(), "Lý do");
        let key =
            |r: Result<String, crate::error::AppError>| r.unwrap_err().message_key().to_string();
        assert_eq!(key(note("   ", "f", 10, false)), "moderation.note_required");
        assert_eq!(note("", "f", 10, true).unwrap(), "");
        assert_eq!(
            key(note(&"x".repeat(11), "f", 10, true)),
            "moderation.note_too_long"
        );
        assert_eq!(
            key(note("a\u{7}b", "f", 10, true)),
            "moderation.note_too_long"
        );
        assert_eq!(note("hai\ndòng", "f", 10, false).unwrap(), "hai\ndòng");
        // Vietnamese typed in decomposed form is stored composed (NFC).
        assert_eq!(note("Le\u{0302}\u{0301}", "f", 10, false).unwrap(), "Lế");
    }
}
