//! Petition rules on the server: submitting with a tracking code, who may read
//! what, supports, and the officers' workflow.

use crate::accounts::model::{can, Action, Scope, UserView};
use crate::error::AppError;
use crate::petitions::list_repo;
use crate::petitions::live::publish_step;
use crate::petitions::model::EventKind;
use crate::petitions::model::{
    search_key, PetitionBody, PetitionKind, PetitionTitle, Status, TrackingCode, Visibility,
};
use crate::petitions::photos::store::Attachment;
use crate::petitions::repo::{self, NewPetition};
use crate::petitions::resubmit::{self, Fingerprint};
use crate::petitions::supports::writer::{SupportChange, SupportWriter};
use crate::petitions::views::{ListFilter, PetitionDetail, PetitionPage};
use crate::petitions::workflow::timeline::{self, Step};
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::subjects::follows as subject_follows;
use rand::RngCore;

pub use crate::petitions::views::Submission;

/// Submits a petition; returns its tracking code.
pub async fn submit(
    state: &AppState,
    author: &UserView,
    input: Submission,
) -> Result<TrackingCode, AppError> {
    submit_with_photos(state, author, input, &mut Attachment::default()).await
}

/// Submits a petition with its photos, stored in the same transaction; on
/// an error the caller discards the photos' files.
pub async fn submit_with_photos(
    state: &AppState,
    author: &UserView,
    input: Submission,
    photos: &mut Attachment,
) -> Result<TrackingCode, AppError> {
    let kind = PetitionKind::parse(&input.kind)
        .ok_or_else(|| AppError::invalid("kind", "petitions.kind_invalid"))?;
    let title = PetitionTitle::parse(&input.title)?;
    let body = PetitionBody::parse(&input.body)?;
    let category_id: i64 = input
        .category
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("category", "petitions.category_invalid"))?;
    let agency_id = repo::category_route(&state.db.pool, category_id)
        .await?
        .ok_or_else(|| AppError::invalid("category", "petitions.category_invalid"))?;
    let locality_id = crate::accounts::service::check_locality(&state.db, &input.locality)
        .await?
        .ok_or_else(|| AppError::invalid("locality", "petitions.locality_required"))?;
    let agency_id = crate::petitions::routing::service::route(
        &state.db.pool,
        category_id,
        locality_id,
        agency_id,
    )
    .await?;
    let visibility = Visibility::parse(&input.visibility)
        .ok_or_else(|| AppError::invalid("visibility", "petitions.visibility_invalid"))?;
    let search_text = search_key(&format!("{} {}", title.as_str(), body.as_str()));
    let fingerprint = Fingerprint::of(
        author.id,
        &[
            kind.as_str(),
            title.as_str(),
            body.as_str(),
            &category_id.to_string(),
            &locality_id.to_string(),
            visibility.as_str(),
            if input.show_name {
                "named"
            } else {
                "anonymous"
            },
        ],
    );
    let year = time::OffsetDateTime::now_utc().year() as u16;
    // Codes are random; on the rare collision with an existing one, draw again.
    for _ in 0..5 {
        let code =
            TrackingCode::generate(TrackingCode::DEFAULT_PREFIX, year, rand::rng().next_u64());
        let new = NewPetition {
            code: code.as_str(),
            kind,
            title: title.as_str(),
            body: body.as_str(),
            search_text: &search_text,
            category_id,
            locality_id,
            author_id: author.id,
            visibility,
            show_name: input.show_name,
            agency_id,
        };
        let now = now_ms();
        let mut tx = state.db.pool.begin().await?;
        match repo::insert_petition(&mut tx, &new, now).await {
            Ok((id, event)) => {
                if let Some(first) = resubmit::claim(&mut tx, &fingerprint, id, now).await? {
                    // Sent again: the first petition stands; this one is rolled back.
                    return TrackingCode::parse(&first)
                        .map_err(|_| AppError::internal("a stored tracking code does not parse"));
                }
                // Petitioners follow their own petition, with e-mails.
                subject_follows::follow(
                    &mut *tx,
                    crate::petitions::subject::of(id),
                    author.id,
                    true,
                    now,
                )
                .await?;
                photos.store(state, &mut tx, id, now).await?;
                tx.commit().await?;
                // Private ones too: only their own stream hears them, and
                // what counts petitions (the statistics) hears every one.
                publish_step(state, code.as_str(), event, Status::Submitted).await;
                return Ok(code);
            }
            Err(e) if crate::accounts::repo::is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::internal("five tracking-code collisions in a row"))
}

/// A petition's page for `reader` (anyone). An invalid code is a validation
/// error on `code`, not "not found", so a typo is caught as a typo.
pub async fn detail(
    state: &AppState,
    code: &str,
    reader: Option<&UserView>,
) -> Result<PetitionDetail, AppError> {
    let code = TrackingCode::parse(code)?;
    let (summary, row) = repo::petition_by_code(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let is_author = reader.is_some_and(|u| u.id == row.author_id);
    let handler = can(
        reader,
        Action::HandlePetitions,
        Scope::Agency(row.agency_id),
    );
    let owned = Scope::Owned {
        owner: row.author_id,
        agency: row.agency_id,
    };
    let redacted =
        row.visibility == Visibility::Private && !can(reader, Action::ReadPrivate, owned);
    // The page's parts are independent reads: asked for together, they
    // take one round trip's time on PostgreSQL, not five.
    let (pool, id) = (&state.db.pool, row.id);
    let petition = crate::petitions::subject::of(id);
    let mine = async {
        match reader {
            Some(u) => Ok::<_, sqlx::Error>((
                crate::petitions::supports::repo::supports(pool, id, u.id).await?,
                subject_follows::following(pool, petition, u.id).await?,
            )),
            None => Ok((false, None)),
        }
    };
    let shown = async {
        if redacted {
            return Ok::<_, sqlx::Error>((Vec::new(), None));
        }
        Ok((
            crate::petitions::photos::repo::of_petition(pool, id).await?,
            repo::rating(pool, id).await?,
        ))
    };
    let ((supported, following), followers, events, (photos, rating)) = futures::try_join!(
        mine,
        subject_follows::follower_count(pool, petition),
        crate::petitions::workflow::timeline::events(pool, id, row.author_id),
        shown,
    )?;
    let next_statuses = if handler {
        Status::ALL
            .iter()
            .copied()
            .filter(|s| row.status.can_move_to(*s))
            .collect()
    } else {
        Vec::new()
    };
    let can_reopen =
        is_author && crate::petitions::workflow::answer::may_reopen(state, &row).await?;
    let can_rate = is_author && row.has_answer_to_rate();
    let subject = crate::petitions::moderation::service::Subject::from(&row);
    let mut detail = PetitionDetail {
        can_support: reader.is_some()
            && !is_author
            && row.visibility == Visibility::Public
            && row.status.is_open(),
        visibility: row.visibility,
        redacted,
        body: row.body,
        author: (row.show_name == 1 && !row.author_name.is_empty()).then_some(row.author_name),
        agency: row.agency_name,
        answer: row.answer,
        events,
        supported,
        next_statuses,
        can_reopen,
        can_rate,
        rating,
        hearing_at: row.hearing_at,
        can_follow: reader.is_some() && (row.visibility == Visibility::Public || is_author),
        following,
        followers,
        photos,
        assign: crate::petitions::routing::service::assign_options(state, reader, code.as_str())
            .await?,
        summary,
        moderation: Default::default(),
    };
    if redacted {
        detail.withhold_private();
    }
    crate::petitions::moderation::service::apply(state, &subject, reader, &mut detail).await?;
    Ok(detail)
}

/// The longest search a list accepts, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// One page of the public list.
pub async fn list(state: &AppState, mut filter: ListFilter) -> Result<PetitionPage, AppError> {
    if !filter.status.is_empty() && Status::parse(&filter.status).is_none() {
        return Err(AppError::invalid("status", "petitions.status_invalid"));
    }
    crate::petitions::routing::service::check_place_filter(&filter)?;
    // A bound keeps one request from being an expensive search.
    if filter.q.chars().count() > MAX_SEARCH_CHARS {
        return Err(AppError::invalid("q", "petitions.search_too_long"));
    }
    filter.page = filter.page.clamp(1, list_repo::MAX_PAGE);
    let words: Vec<String> = search_key(&filter.q)
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let (items, total, more) = list_repo::list_public(&state.db, &filter, &words).await?;
    Ok(PetitionPage {
        items,
        total,
        more,
        page: filter.page,
        per_page: repo::PER_PAGE,
    })
}

/// Adds (`support = true`) or withdraws a support. Only public, open petitions
/// of others can be supported; supporting twice is a conflict. The support
/// writer commits it with others and answers once it is durable.
pub async fn set_support(
    state: &AppState,
    user: &UserView,
    code: &str,
    support: bool,
) -> Result<(), AppError> {
    let code = TrackingCode::parse(code)?;
    let target = repo::support_target(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if target.visibility != Visibility::Public {
        return Err(AppError::NotFound);
    }
    if target.author_id == user.id {
        return Err(AppError::conflict("petitions.support_own"));
    }
    if !target.status.is_open() {
        return Err(AppError::conflict("petitions.support_closed"));
    }
    if support && target.hidden_at.is_some() {
        // Hidden content gathers no supports (withdrawing one stays possible).
        return Err(AppError::conflict("moderation.hidden_notice"));
    }
    let change = SupportChange {
        petition_id: target.id,
        code: code.as_str().to_string(),
        user_id: user.id,
        add: support,
    };
    if !state.domain::<SupportWriter>()?.apply(change).await? {
        return Err(AppError::conflict(if support {
            "petitions.support_twice"
        } else {
            "petitions.support_none"
        }));
    }
    Ok(())
}

/// An officer moves a petition along the workflow, with a note (the reason
/// for a rejection, the official answer when answering).
pub async fn change_status(
    state: &AppState,
    officer: &UserView,
    code: &str,
    next: &str,
    note: &str,
) -> Result<(), AppError> {
    let code = TrackingCode::parse(code)?;
    let next = Status::parse(next)
        .ok_or_else(|| AppError::invalid("status", "petitions.status_invalid"))?;
    let rules = crate::text::Rules {
        min: 0,
        max: 5000,
        lines: true,
    };
    let messages = crate::text::Messages {
        too_short: "petitions.note_required",
        too_long: "petitions.note_too_long",
        invalid: "petitions.note_too_long",
    };
    let note = crate::text::check(note, "note", rules, messages)?;
    let (_, row) = repo::petition_by_code(&state.db.pool, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if !can(
        Some(officer),
        Action::HandlePetitions,
        Scope::Agency(row.agency_id),
    ) {
        return Err(AppError::Forbidden);
    }
    if !row.status.can_move_to(next) {
        return Err(AppError::invalid("status", "petitions.status_not_allowed"));
    }
    if matches!(next, Status::Rejected | Status::Answered) && note.is_empty() {
        return Err(AppError::invalid("note", "petitions.note_required"));
    }
    let answer = (next == Status::Answered).then_some(note.as_str());
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    if !repo::update_status(&mut tx, row.id, row.status, next, answer, now).await? {
        return Err(AppError::conflict("petitions.changed_meanwhile"));
    }
    let step = Step {
        petition_id: row.id,
        kind: EventKind::Status,
        status: next,
        agency_id: row.agency_id,
        actor_id: Some(officer.id),
        note,
        at: now,
    };
    let event = timeline::append(&mut tx, &step, &state.config.site_url()).await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    publish_step(state, code.as_str(), event, next).await;
    Ok(())
}
