//! Supports are written by one task per server instance that commits them in
//! groups: a request queues its support and is answered once the group it
//! joined has committed. Under load a group holds every request that arrived
//! while the previous one was committing, so one commit (one fsync) carries
//! hundreds of supports; at rest a group is a single support, with no added
//! wait. Each support is an inserted fact (one per account and petition); the
//! petition's visible count moves once per group by the group's net change,
//! never by a +1 UPDATE per request. Crossing a threshold is a timeline step
//! written in the same transaction.

use super::model::{EventKind, Status};
use super::repo;
use super::thresholds::Thresholds;
use super::timeline::{self, Step};
use crate::error::AppError;
use crate::live::hub::Hub;
use crate::server::db::{now_ms, Db};
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Most supports committed together.
const MAX_GROUP: usize = 1024;
/// Requests waiting for the writer before senders wait too.
const QUEUE: usize = 16 * 1024;

/// One support or withdrawal, already checked against the petition's rules.
#[derive(Debug, Clone)]
pub struct SupportChange {
    /// The petition.
    pub petition_id: i64,
    /// Its tracking code (for live updates).
    pub code: String,
    /// The supporting account.
    pub user_id: i64,
    /// `true` to support, `false` to withdraw.
    pub add: bool,
}

struct Queued {
    change: SupportChange,
    reply: oneshot::Sender<Result<bool, AppError>>,
}

/// The handle requests use to reach the writer task.
#[derive(Clone)]
pub struct SupportWriter {
    queue: mpsc::Sender<Queued>,
}

impl SupportWriter {
    /// Starts the writer task. `site` is the base URL for links in the
    /// e-mails a reached threshold sends to followers.
    pub fn start(db: Db, live: Arc<Hub>, thresholds: Thresholds, site: String) -> SupportWriter {
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, live, thresholds, site, rx));
        SupportWriter { queue }
    }

    /// Queues a change and waits until it is committed. Returns whether it
    /// changed anything (`false`: already supported, or nothing to withdraw).
    pub async fn apply(&self, change: SupportChange) -> Result<bool, AppError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Queued { change, reply })
            .await
            .map_err(|_| AppError::internal("the support writer has stopped"))?;
        answer
            .await
            .map_err(|_| AppError::internal("the support writer dropped a request"))?
    }
}

async fn run(
    db: Db,
    live: Arc<Hub>,
    thresholds: Thresholds,
    site: String,
    mut rx: mpsc::Receiver<Queued>,
) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut group, MAX_GROUP).await > 0 {
        let changes: Vec<&SupportChange> = group.iter().map(|q| &q.change).collect();
        match commit(&db, &thresholds, &site, &changes).await {
            Ok(outcome) => {
                for (queued, changed) in group.drain(..).zip(outcome.changed) {
                    let _ = queued.reply.send(Ok(changed));
                }
                for (code, count) in outcome.counts_moved {
                    live.publish_coalesced(super::live::count_event(&code, count));
                }
                // only public petitions gather supports: their steps are listed
                for (code, id, status) in outcome.steps {
                    live.publish(super::live::step_event(&code, id, status, true))
                        .await;
                }
            }
            Err(e) => {
                tracing::error!(error = %e, size = group.len(), "committing supports failed");
                for queued in group.drain(..) {
                    let _ = queued.reply.send(Err(AppError::Internal));
                }
            }
        }
    }
}

/// What a committed group did.
struct Outcome {
    /// Per change, in order: whether it changed anything.
    changed: Vec<bool>,
    /// Petitions whose count moved, with the count after the group.
    counts_moved: Vec<(String, i64)>,
    /// Timeline steps written (thresholds reached): code, step id, status.
    steps: Vec<(String, i64, Status)>,
}

async fn commit(
    db: &Db,
    thresholds: &Thresholds,
    site: &str,
    changes: &[&SupportChange],
) -> Result<Outcome, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.pool.begin().await?;
    let mut changed = Vec::with_capacity(changes.len());
    let mut net: BTreeMap<i64, (i64, &str)> = BTreeMap::new();
    for c in changes {
        let done = if c.add {
            repo::insert_support(&mut tx, c.petition_id, c.user_id, now).await?
        } else {
            repo::delete_support(&mut tx, c.petition_id, c.user_id).await?
        };
        changed.push(done);
        if done {
            net.entry(c.petition_id).or_insert((0, &c.code)).0 += if c.add { 1 } else { -1 };
        }
    }
    let mut counts_moved = Vec::new();
    let mut steps = Vec::new();
    for (petition_id, (delta, code)) in net {
        if delta == 0 {
            continue;
        }
        let (count, status) = repo::move_support_count(&mut tx, petition_id, delta).await?;
        counts_moved.push((code.to_string(), count));
        for kind in thresholds.crossed(count - delta, count) {
            let due = match kind {
                EventKind::AnswerDue => Some(now + thresholds.answer_days * 86_400_000),
                _ => None,
            };
            if !repo::mark_threshold(&mut tx, petition_id, kind, now, due).await? {
                continue;
            }
            let step = Step {
                petition_id,
                kind,
                status,
                agency_id: None,
                actor_id: None,
                note: count.to_string(),
                at: now,
            };
            let id = timeline::append(&mut tx, &step, site).await?;
            steps.push((code.to_string(), id, status));
        }
    }
    tx.commit().await?;
    Ok(Outcome {
        changed,
        counts_moved,
        steps,
    })
}
