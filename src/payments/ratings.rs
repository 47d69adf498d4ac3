//! Service ratings: after a served (paid) case the citizen rates the service
//! 1 to 5 with a comment, once per case, through the case's rating link
//! ([`super::receipts::ReceiptKeys::rating_path`]): on the receipt, or on
//! the counter's display right after the payment. No account is needed, as
//! walk-in citizens have none; the link is the permission.

use super::rating_model::{AgencyRatings, CounterRatings, RatingView};
use super::rating_repo::{self, NewRating};
use super::receipts::ReceiptKeys;
use super::repo::{self, CaseRow};
use super::service::{step, Step};
use super::views::ProcedureName;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// The longest comment kept.
const MAX_COMMENT: usize = 1000;

/// The case `code` if `key` is its rating link's key (else not found).
async fn case_for(state: &AppState, code: &str, key: &str) -> Result<CaseRow, AppError> {
    if code.len() > 40 || !state.domain::<ReceiptKeys>()?.rating_key_valid(code, key) {
        return Err(AppError::NotFound);
    }
    repo::case_by_code(&state.db.pool, code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The rating page of case `code`.
pub async fn view(state: &AppState, code: &str, key: &str) -> Result<RatingView, AppError> {
    let case = case_for(state, code, key).await?;
    let pool = &state.db.pool;
    let counter = match case.counter_id {
        Some(id) => repo::counter(pool, id).await?,
        None => None,
    };
    Ok(RatingView {
        code: case.code.clone(),
        procedure: ProcedureName {
            vi: case.name_vi.clone(),
            en: case.name_en.clone(),
            ko: case.name_ko.clone(),
        },
        counter: counter.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        agency: counter.map(|c| c.agency).unwrap_or_default(),
        rated: rating_repo::stars_of(pool, case.id).await?,
    })
}

/// Records the rating of case `code`: only a served case, only once.
pub async fn rate(
    state: &AppState,
    code: &str,
    key: &str,
    stars: &str,
    comment: &str,
) -> Result<(), AppError> {
    let case = case_for(state, code, key).await?;
    let stars: i64 = stars
        .trim()
        .parse()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| AppError::invalid("stars", "payments.stars_invalid"))?;
    let rules = crate::text::Rules {
        min: 0,
        max: MAX_COMMENT,
        lines: true,
    };
    let messages = crate::text::Messages {
        too_short: "payments.rating_comment_too_long",
        too_long: "payments.rating_comment_too_long",
        invalid: "payments.rating_comment_too_long",
    };
    let comment = crate::text::check(comment, "comment", rules, messages)?;
    if case.status != "paid" {
        return Err(AppError::conflict("payments.rate_not_served"));
    }
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    let rating = NewRating {
        case_id: case.id,
        agency_id: case.agency_id,
        counter_id: case.counter_id,
        stars,
        comment: &comment,
        at: now,
    };
    if !rating_repo::insert(&mut tx, &rating).await? {
        return Err(AppError::conflict("payments.already_rated"));
    }
    let note = stars.to_string();
    let s = Step {
        case_id: case.id,
        agency_id: case.agency_id,
        actor_id: None,
        kind: "rated",
        state: "paid",
        note: &note,
        at: now,
    };
    step(&mut tx, s).await?;
    tx.commit().await?;
    Ok(())
}

/// Every agency's ratings with its counters', by name.
pub async fn statistics(state: &AppState) -> Result<Vec<AgencyRatings>, AppError> {
    let mut out: Vec<AgencyRatings> = Vec::new();
    for (agency, counter, count, stars) in rating_repo::by_counter(&state.db.pool).await? {
        if out.last().is_none_or(|a| a.agency != agency) {
            out.push(AgencyRatings {
                agency,
                count: 0,
                stars: 0,
                counters: Vec::new(),
            });
        }
        if let Some(a) = out.last_mut() {
            a.count += count;
            a.stars += stars;
            a.counters.push(CounterRatings {
                counter,
                count,
                stars,
            });
        }
    }
    Ok(out)
}
