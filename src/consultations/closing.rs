//! The consultations' background sweep. The close of a consultation, told
//! to its followers: it finds published consultations whose window has
//! ended and records their `closed` step once (the claim is a guarded
//! UPDATE in the same transaction, so two instances never tell it twice).
//! Then it redraws the opinion maps whose marks changed ([`super::opinions`]).

use super::report_repo;
use super::subject::{self, StepKind};
use crate::server::db::now_ms;
use crate::server::state::AppState;
use std::time::Duration;

/// How often the task looks (`CONSULTATION_SWEEP_MS`, default a minute).
fn period() -> Duration {
    let ms = std::env::var("CONSULTATION_SWEEP_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .unwrap_or(60_000);
    Duration::from_millis(ms)
}

/// Records the `closed` step of every consultation that closed and was not
/// told yet; returns how many it recorded.
pub async fn notice_closes(state: &AppState) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    let site = state.config.site_url();
    let mut told = 0;
    for (id, agency_id) in report_repo::closed_unnoticed(&state.db.pool, now, 100).await? {
        let mut tx = state.db.pool.begin().await?;
        if !report_repo::claim_close_notice(&mut tx, id, now).await? {
            continue;
        }
        let step = subject::Step {
            id,
            agency_id,
            kind: StepKind::Closed,
            actor_id: None,
            note: "",
            at: now,
        };
        let step = subject::record(&mut tx, &step, &site).await?;
        tx.commit().await?;
        super::live::step_recorded(state, id, step).await;
        told += 1;
    }
    if told > 0 {
        state.mail_wakeup.notify_one();
    }
    Ok(told)
}

/// Runs [`notice_closes`] every period until `stop`.
pub async fn run(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let period = period();
    loop {
        if let Err(e) = notice_closes(&state).await {
            tracing::warn!(error = %e, "consultation close notice failed");
        }
        if let Err(e) = super::opinions::refresh(&state).await {
            tracing::warn!(error = %e, "opinion groups failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(period) => {}
            _ = stop.changed() => return,
        }
    }
}
