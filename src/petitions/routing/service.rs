//! Routing: which agency handles a petition. Rules name a category and a
//! locality (a commune, or a district or province and so everything within
//! it); the most specific rule for a petition's locality wins, and without
//! one the category's own agency handles it. A new petition is routed at
//! submission; the officer handling it may hand it to another agency, with
//! the agency routing suggests marked in the picker.

use crate::accounts::model::{can, Action, Role, Scope, UserView};
use crate::error::AppError;
use crate::petitions::live::publish_step;
use crate::petitions::model::{EventKind, Status, TrackingCode};
use crate::petitions::routing::model::{AssignOptions, QueueFilter};
use crate::petitions::routing::repo::{self as routing_repo, Placement};
use crate::petitions::views::{ListFilter, PetitionSummary};
use crate::petitions::workflow::timeline::{self, Step};
use crate::server::db::now_ms;
use crate::server::state::AppState;
use sqlx::AnyPool;

/// The statuses a petition may be reassigned in: before it is answered
/// (an answer belongs to the agency that gave it; reopening an answer moves
/// it back to in progress, and so makes it reassignable again) and while it
/// is not final (rejected, closed).
pub const REASSIGNABLE: [Status; 4] = [
    Status::Submitted,
    Status::Accepted,
    Status::Assigned,
    Status::InProgress,
];

/// The agency a new petition of `category_id` from `locality_id` goes to:
/// the most specific rule's, else the category's `default`.
pub async fn route(
    pool: &AnyPool,
    category_id: i64,
    locality_id: i64,
    default: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let chain = routing_repo::rule_chain(pool, category_id, locality_id).await?;
    Ok(chain.first().copied().or(default))
}

/// The agency routing suggests for a petition handled now by another: the
/// first, most specific first, of its rules and its category's agency that
/// is not the one handling it.
async fn suggestion(pool: &AnyPool, p: &Placement) -> Result<Option<i64>, AppError> {
    let mut chain = routing_repo::rule_chain(pool, p.category_id, p.locality_id).await?;
    if let Some(Some(default)) = crate::petitions::repo::category_route(pool, p.category_id).await?
    {
        chain.push(default);
    }
    Ok(chain.into_iter().find(|a| Some(*a) != p.agency_id))
}

/// What `reader` may reassign the petition `code` to; `None` unless they
/// handle it and it may be reassigned now.
pub async fn assign_options(
    state: &AppState,
    reader: Option<&UserView>,
    code: &str,
) -> Result<Option<AssignOptions>, AppError> {
    if reader.is_none() {
        return Ok(None);
    }
    let Some(p) = routing_repo::placement(&state.db.pool, code).await? else {
        return Ok(None);
    };
    if !can(reader, Action::HandlePetitions, Scope::Agency(p.agency_id))
        || !REASSIGNABLE.contains(&p.status)
    {
        return Ok(None);
    }
    let suggested = suggestion(&state.db.pool, &p).await?;
    // Read fresh, not kept: an agency created a moment ago may be chosen.
    let agencies = crate::accounts::repo::agencies(&state.db.pool)
        .await?
        .into_iter()
        .filter(|a| Some(a.id) != p.agency_id)
        .collect();
    Ok(Some(AssignOptions {
        agencies,
        suggested,
    }))
}

/// An officer of the handling agency (or an admin) hands a petition to
/// another agency with a note: status `assigned`, a timeline step naming the
/// new agency, published once committed. The old agency's officers can no
/// longer act on it; it is in the new agency's queue.
pub async fn reassign(
    state: &AppState,
    user: &UserView,
    code: &str,
    agency: &str,
    note: &str,
) -> Result<(), AppError> {
    let code = TrackingCode::parse(code)?;
    let p = routing_repo::placement(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(
        Some(user),
        Action::HandlePetitions,
        Scope::Agency(p.agency_id),
    ) {
        return Err(AppError::Forbidden);
    }
    if !REASSIGNABLE.contains(&p.status) {
        return Err(AppError::invalid("agency", "routing.not_reassignable"));
    }
    let agency_id: i64 = match agency.trim().parse() {
        Ok(id) if crate::accounts::repo::agency_exists(&state.db.pool, id).await? => id,
        _ => return Err(AppError::invalid("agency", "routing.agency_unknown")),
    };
    if Some(agency_id) == p.agency_id {
        return Err(AppError::invalid("agency", "routing.agency_same"));
    }
    let note: String = unicode_normalization::UnicodeNormalization::nfc(note.trim()).collect();
    if note.chars().count() > 5000 {
        return Err(AppError::invalid("assign_note", "petitions.note_too_long"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !routing_repo::reassign(&mut tx, &p, agency_id, now).await? {
        return Err(AppError::conflict("petitions.changed_meanwhile"));
    }
    let step = Step {
        petition_id: p.id,
        kind: EventKind::Status,
        status: Status::Assigned,
        agency_id: Some(agency_id),
        actor_id: Some(user.id),
        note,
        at: now,
    };
    let event = timeline::append(&mut tx, &step, &state.config.site_url()).await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    publish_step(state, code.as_str(), event, Status::Assigned).await;
    Ok(())
}

/// Checks the list's place filters: ids, or empty.
pub fn check_place_filter(filter: &ListFilter) -> Result<(), AppError> {
    check_id(&filter.locality, "locality")?;
    check_id(&filter.agency, "agency")
}

fn check_id(value: &str, field: &str) -> Result<(), AppError> {
    if value.is_empty() || value.parse::<i64>().is_ok() {
        Ok(())
    } else {
        Err(AppError::invalid(field, "routing.filter_invalid"))
    }
}

/// The officer's queue: their agency's open petitions and those no agency
/// handles yet; an admin's covers every agency, or the one chosen.
pub async fn queue(
    state: &AppState,
    user: &UserView,
    mut filter: QueueFilter,
) -> Result<Vec<PetitionSummary>, AppError> {
    filter.locality = filter.locality.trim().to_string();
    filter.agency = filter.agency.trim().to_string();
    if !filter.status.is_empty() && Status::parse(&filter.status).is_none() {
        return Err(AppError::invalid("status", "petitions.status_invalid"));
    }
    check_id(&filter.locality, "locality")?;
    check_id(&filter.agency, "agency")?;
    // Petitions no agency handles are the admins' (see `can`).
    let agency = if user.role == Role::Admin {
        filter.agency.parse().ok()
    } else {
        Some(user.agency_id.unwrap_or(-1))
    };
    Ok(routing_repo::queue(&state.db.pool, agency, &filter).await?)
}

/// The demo's rules for Quảng Trị: roads in Đông Hà and in Hướng Hóa go to
/// the People's Committee of that city or district; returns their agencies.
pub async fn seed_demo_rules(state: &AppState) -> Result<Vec<i64>, AppError> {
    const ROADS: i64 = 1;
    const RULES: [(i64, &str); 2] = [
        (461, "UBND thành phố Đông Hà"),
        (465, "UBND huyện Hướng Hóa"),
    ];
    let mut agencies = Vec::new();
    for (district, name) in RULES {
        let agency = crate::accounts::directory::upsert_agency(state, name, now_ms()).await?;
        routing_repo::upsert_rule(&state.db.pool, ROADS, district, agency).await?;
        agencies.push(agency);
    }
    Ok(agencies)
}
