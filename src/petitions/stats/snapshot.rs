//! The statistics as last worked out. Working them out reads every petition
//! (hundreds of milliseconds at 300,000 rows), so a request never does it
//! but the very first: the snapshot is kept and worked out again in the
//! background once a change is heard (a step of any petition, on any
//! instance, or a rating here) or once it is a minute old, which also covers
//! ratings given on other instances. Readers meanwhile get the last one.

use crate::error::AppError;
use crate::live::hub::Hub;
use crate::petitions::stats::model::Statistics;
use crate::server::state::AppState;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The oldest snapshot served without working it out again.
const MAX_AGE: Duration = Duration::from_secs(60);

/// The statistics kept for the life of the server (one per state).
#[derive(Clone, Default)]
pub struct StatsSnapshot(Arc<Inner>);

#[derive(Default)]
struct Inner {
    /// The last snapshot and when its reading began.
    kept: Mutex<Option<(Instant, Arc<Statistics>)>>,
    /// A change was heard since the kept snapshot's reading began.
    changed: AtomicBool,
    /// A background reading is under way.
    working: AtomicBool,
    /// The first reading, which requests wait for: one at a time.
    first: tokio::sync::Mutex<()>,
}

impl StatsSnapshot {
    /// The statistics: the kept snapshot, worked out again in the background
    /// if it is stale; the first call of a server works them out.
    pub async fn get(&self, state: &AppState) -> Result<Arc<Statistics>, AppError> {
        if let Some((at, stats)) = self.kept() {
            if self.0.changed.load(Ordering::SeqCst) || at.elapsed() >= MAX_AGE {
                self.refresh_in_background(state.clone());
            }
            return Ok(stats);
        }
        let _first = self.0.first.lock().await;
        match self.kept() {
            Some((_, stats)) => Ok(stats),
            None => self.work_out(state).await,
        }
    }

    /// Something the statistics count has changed.
    pub fn changed(&self) {
        self.0.changed.store(true, Ordering::SeqCst);
    }

    /// Marks the snapshot changed on every petition step the hub carries,
    /// until the hub closes. An event missed may have been a step.
    pub async fn follow(self, hub: Arc<Hub>) {
        let mut events = hub.subscribe();
        let closed = hub.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => return,
                heard = events.recv() => match heard {
                    Ok(heard) if crate::petitions::live::is_step(&heard.event) => self.changed(),
                    Ok(_) => {}
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => self.changed(),
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                },
            }
        }
    }

    fn kept(&self) -> Option<(Instant, Arc<Statistics>)> {
        self.0
            .kept
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    async fn work_out(&self, state: &AppState) -> Result<Arc<Statistics>, AppError> {
        // Cleared before reading: a change heard during the reading makes
        // the next request read again.
        self.0.changed.store(false, Ordering::SeqCst);
        let began = Instant::now();
        let stats = match crate::petitions::stats::repo::statistics(&state.db.pool).await {
            Ok(stats) => Arc::new(stats),
            Err(e) => {
                self.changed();
                return Err(e.into());
            }
        };
        *self.0.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some((began, stats.clone()));
        Ok(stats)
    }

    fn refresh_in_background(&self, state: AppState) {
        if self.0.working.swap(true, Ordering::SeqCst) {
            return;
        }
        let snapshot = self.clone();
        tokio::spawn(async move {
            if let Err(e) = snapshot.work_out(&state).await {
                tracing::warn!(error = %e, "statistics not worked out");
            }
            snapshot.0.working.store(false, Ordering::SeqCst);
        });
    }
}
