//! The rules of consultations: who sees one (nobody but its agency's
//! officers and admins until it is published), creating, editing and
//! publishing a draft, and the pages' data.

use super::access::{managed_row, may_manage, visible, window_of};
use super::draft;
use super::model::{local_time_input, parse_local_time, Phase, Status, Window};
use super::repo::{self, ConsultationRow, NewConsultation};
use super::subject::{self, StepKind};
use super::views::{
    check_draft_text, check_summary, check_title, ConsultationDetail, ConsultationSummary,
    DraftFields, ListFilter,
};
use super::{follows, polls, report, talk, versions};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// The officer's form as sent.
#[derive(Debug, Clone)]
pub struct DraftInput {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Agency id.
    pub agency: String,
    /// Locality id.
    pub locality: String,
    /// `datetime-local` of the open.
    pub opens_at: String,
    /// `datetime-local` of the close.
    pub closes_at: String,
    /// The pasted draft.
    pub draft: String,
    /// The form's one-time key.
    pub form_key: String,
}

struct Checked {
    title: String,
    summary: String,
    agency_id: i64,
    locality_id: i64,
    window: Window,
    source: String,
    draft: draft::Draft,
}

/// The list entry of a row.
pub fn summary(row: &ConsultationRow, now: i64) -> ConsultationSummary {
    ConsultationSummary {
        id: row.id,
        code: row.code.clone(),
        title: row.title.clone(),
        summary: row.summary.clone(),
        agency: row.agency.clone(),
        locality: row.locality.clone(),
        opens_at: row.opens_at,
        closes_at: row.closes_at,
        phase: window_of(row).phase(now),
        status: Status::parse(&row.status).unwrap_or(Status::Draft),
        comments: row.comments,
        now,
    }
}

async fn check(state: &AppState, user: &UserView, input: &DraftInput) -> Result<Checked, AppError> {
    let title = check_title(&input.title)?;
    let summary = check_summary(&input.summary)?;
    let agency_id = input
        .agency
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::invalid("agency", "consultations.agency_required"))?;
    if !crate::accounts::repo::agency_exists(&state.db.pool, agency_id).await? {
        return Err(AppError::invalid("agency", "consultations.agency_required"));
    }
    if !may_manage(Some(user), agency_id) {
        return Err(AppError::invalid(
            "agency",
            "consultations.agency_not_yours",
        ));
    }
    let locality_id = crate::accounts::service::check_locality(&state.db, &input.locality)
        .await?
        .ok_or_else(|| AppError::invalid("locality", "consultations.locality_required"))?;
    let opens_at = parse_local_time("opens_at", &input.opens_at)?;
    let closes_at = parse_local_time("closes_at", &input.closes_at)?;
    let window = Window::new(opens_at, closes_at)?;
    let source = check_draft_text(&input.draft)?;
    let draft = draft::parse(&source)?;
    Ok(Checked {
        title,
        summary,
        agency_id,
        locality_id,
        window,
        source,
        draft,
    })
}

fn new_row<'a>(c: &'a Checked, user: &UserView, key: Option<&'a str>) -> NewConsultation<'a> {
    NewConsultation {
        title: &c.title,
        summary: &c.summary,
        agency_id: c.agency_id,
        locality_id: c.locality_id,
        opens_at: c.window.opens_at(),
        closes_at: c.window.closes_at(),
        created_by: user.id,
        form_key: key,
        now: now_ms(),
    }
}

/// A URL slug of a title: ASCII letters and digits in lower case, Vietnamese
/// letters without their marks (`đ` as `d`), words joined by `-`.
pub fn slug(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in title.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c.is_ascii_punctuation())
            && !out.is_empty()
            && !out.ends_with('-')
        {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Creates a draft consultation; returns its slug. The same form sent twice
/// creates one.
pub async fn create(
    state: &AppState,
    user: &UserView,
    input: DraftInput,
) -> Result<String, AppError> {
    let checked = check(state, user, &input).await?;
    let key = Some(input.form_key.trim()).filter(|k| !k.is_empty() && k.len() <= 64);
    let row = new_row(&checked, user, key);
    let temporary = format!("new-{}", crate::server::session::new_token().0);
    let mut tx = state.db.pool.begin().await?;
    let Some(id) = repo::insert(&mut tx, &row, &temporary).await? else {
        tx.rollback().await?;
        let key = key.unwrap_or_default();
        return repo::code_by_form_key(&state.db.pool, user.id, key)
            .await?
            .ok_or(AppError::Internal);
    };
    let code = match slug(&checked.title).as_str() {
        "" => id.to_string(),
        s => format!("{s}-{id}"),
    };
    repo::set_code(&mut tx, id, &code).await?;
    repo::write_text(&mut tx, id, &checked.source, &checked.draft, row.now).await?;
    tx.commit().await?;
    Ok(code)
}

/// Changes a draft consultation; a published one changes only by a new version.
pub async fn update(
    state: &AppState,
    user: &UserView,
    key: &str,
    input: DraftInput,
) -> Result<String, AppError> {
    let existing = managed_row(state, user, key).await?;
    let checked = check(state, user, &input).await?;
    let row = new_row(&checked, user, None);
    let mut tx = state.db.pool.begin().await?;
    if !repo::update_draft(&mut tx, existing.id, &row).await? {
        return Err(AppError::conflict("consultations.published_locked"));
    }
    repo::write_text(
        &mut tx,
        existing.id,
        &checked.source,
        &checked.draft,
        row.now,
    )
    .await?;
    tx.commit().await?;
    Ok(existing.code)
}

/// Publishes a draft: from now on everyone sees it. Publishing twice is one publication.
pub async fn publish(state: &AppState, user: &UserView, key: &str) -> Result<String, AppError> {
    let row = managed_row(state, user, key).await?;
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if repo::publish(&mut tx, row.id, now).await? {
        let step = subject::Step {
            id: row.id,
            agency_id: row.agency_id,
            kind: StepKind::Published,
            actor_id: Some(user.id),
            note: "1",
            at: now,
        };
        subject::record(&mut tx, &step, &state.config.site_url()).await?;
    }
    tx.commit().await?;
    Ok(row.code)
}

/// The officer's form filled with a draft consultation, or empty (their
/// agency chosen) for `key` = "".
pub async fn fields(state: &AppState, user: &UserView, key: &str) -> Result<DraftFields, AppError> {
    if key.trim().is_empty() {
        return Ok(DraftFields {
            agency: user.agency_id.unwrap_or_default(),
            ..DraftFields::default()
        });
    }
    let row = managed_row(state, user, key).await?;
    Ok(DraftFields {
        code: row.code.clone(),
        title: row.title.clone(),
        summary: row.summary.clone(),
        agency: row.agency_id,
        locality: row.locality_id,
        opens_at: local_time_input(row.opens_at),
        closes_at: local_time_input(row.closes_at),
        draft: repo::source(&state.db.pool, row.id).await?,
    })
}

/// The published consultations matching `filter`.
pub async fn list(
    state: &AppState,
    filter: &ListFilter,
) -> Result<Vec<ConsultationSummary>, AppError> {
    let now = now_ms();
    let phase = Phase::parse(filter.phase.trim()).map(Phase::as_str);
    let agency = filter.agency.trim().parse().ok();
    let locality = filter.locality.trim().parse().ok();
    let rows = repo::published(&state.db.pool, now, phase, agency, locality).await?;
    Ok(rows.iter().map(|r| summary(r, now)).collect())
}

/// The consultations `user` manages (their agency's; every one for an admin).
pub async fn managed(
    state: &AppState,
    user: &UserView,
) -> Result<Vec<ConsultationSummary>, AppError> {
    let now = now_ms();
    let agency = if user.role == crate::accounts::model::Role::Admin {
        None
    } else {
        Some(user.agency_id.unwrap_or(-1))
    };
    let rows = repo::managed(&state.db.pool, agency).await?;
    Ok(rows.iter().map(|r| summary(r, now)).collect())
}

/// A consultation's page as `reader` sees it.
pub async fn detail(
    state: &AppState,
    key: &str,
    reader: Option<&UserView>,
) -> Result<ConsultationDetail, AppError> {
    let row = visible(state, key, reader).await?;
    let now = now_ms();
    let summary = summary(&row, now);
    let (parsed, version) = versions::newest(state, row.id).await?;
    let can_manage = may_manage(reader, row.agency_id);
    let comments = talk::comments(state, row.id, reader, can_manage).await?;
    let polls = polls::views(state, row.id, summary.phase, reader).await?;
    let (following, followers) = follows::standing(state, row.id, reader).await?;
    let numbers: Vec<String> = parsed.articles().map(|a| a.number.clone()).collect();
    let report = report::view(state, row.id, &numbers).await?;
    let source = if can_manage && summary.status == Status::Published {
        repo::source(&state.db.pool, row.id).await?
    } else {
        String::new()
    };
    let opinions = super::opinions::view(state, row.id, &comments).await?;
    Ok(ConsultationDetail {
        opinions,
        source,
        version,
        following,
        followers,
        report,
        can_manage,
        signed_in: reader.is_some(),
        form_key: crate::server::session::new_token().0,
        preamble: parsed.preamble,
        blocks: parsed.blocks,
        comments,
        polls,
        summary,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_drop_marks_and_join_words() {
        assert_eq!(
            super::slug("Dự thảo Quy ước thôn Đông, xã An Bình (2027)"),
            "du-thao-quy-uoc-thon-dong-xa-an-binh-2027"
        );
        assert_eq!(super::slug("!!!"), "");
    }
}
