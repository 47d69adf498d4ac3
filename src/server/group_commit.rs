//! One writer task per kind of counter that many people bump at once
//! (supports, poll ballots, comment marks). A request queues its
//! change and is answered once the group it joined has committed. Under load
//! a group holds every request that arrived while the previous one was
//! committing, so one commit (one fsync) carries hundreds of changes; at
//! rest a group is a single change, with no added wait. Each kind brings
//! only its SQL ([`Batch`]): this module owns the queue, the transaction and
//! the answers.

use super::db::Db;
use crate::error::AppError;
use crate::live::hub::Hub;
use crate::live::LiveEvent;
use futures::future::BoxFuture;
use sqlx::AnyConnection;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Most changes committed together.
const MAX_GROUP: usize = 1024;
/// Requests waiting for the writer before senders wait too.
const QUEUE: usize = 16 * 1024;

/// What a group's write gives: per change whether it changed anything, and
/// the group's effects.
pub type Written<E> = Result<(Vec<bool>, E), sqlx::Error>;

/// What one kind of counter writes.
pub trait Batch: Send + Sync + 'static {
    /// One request's change, already checked against the subject's rules.
    type Change: Send + Sync + 'static;
    /// What the group did that others must hear of once it is committed.
    type Effects: Send + 'static;

    /// Writes the group in the open transaction: per change, in order,
    /// whether it changed anything, and the group's effects.
    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        group: &'a [&'a Self::Change],
    ) -> BoxFuture<'a, Written<Self::Effects>>;

    /// Runs once the group's transaction committed (live updates).
    fn committed(&self, effects: Self::Effects) -> BoxFuture<'_, ()>;
}

struct Queued<C> {
    change: C,
    reply: oneshot::Sender<Result<bool, AppError>>,
}

/// The handle requests use to reach one kind's writer task.
pub struct GroupWriter<B: Batch> {
    queue: mpsc::Sender<Queued<B::Change>>,
}

impl<B: Batch> Clone for GroupWriter<B> {
    fn clone(&self) -> Self {
        GroupWriter {
            queue: self.queue.clone(),
        }
    }
}

impl<B: Batch> GroupWriter<B> {
    /// Starts the writer task of `batch` on `db`.
    pub fn start(db: Db, batch: B) -> GroupWriter<B> {
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, Arc::new(batch), rx));
        GroupWriter { queue }
    }

    /// Queues a change and waits until it is committed. Returns whether it
    /// changed anything (`false`: already done, or nothing to undo).
    pub async fn apply(&self, change: B::Change) -> Result<bool, AppError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Queued { change, reply })
            .await
            .map_err(|_| AppError::internal("a group-commit writer has stopped"))?;
        answer
            .await
            .map_err(|_| AppError::internal("a group-commit writer dropped a request"))?
    }
}

async fn run<B: Batch>(db: Db, batch: Arc<B>, mut rx: mpsc::Receiver<Queued<B::Change>>) {
    let mut group: Vec<Queued<B::Change>> = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut group, MAX_GROUP).await > 0 {
        let changes: Vec<&B::Change> = group.iter().map(|q| &q.change).collect();
        match commit(&db, batch.as_ref(), &changes).await {
            Ok((changed, effects)) => {
                drop(changes);
                for (queued, changed) in group.drain(..).zip(changed) {
                    let _ = queued.reply.send(Ok(changed));
                }
                batch.committed(effects).await;
            }
            Err(e) => {
                drop(changes);
                tracing::error!(error = %e, size = group.len(), "committing a group failed");
                for queued in group.drain(..) {
                    let _ = queued.reply.send(Err(AppError::Internal));
                }
            }
        }
    }
}

async fn commit<B: Batch>(db: &Db, batch: &B, changes: &[&B::Change]) -> Written<B::Effects> {
    let mut tx = db.pool.begin().await?;
    let (changed, effects) = batch.write(&mut tx, changes).await?;
    tx.commit().await?;
    Ok((changed, effects))
}

/// A change that replaces the account's earlier one of its kind (a ballot, a
/// mark): a group of them is written change by change, in order, and every
/// change counts as done.
pub trait Replacing: Send + Sync + 'static {
    /// Writes this change in the open transaction, at `now` (ms).
    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        now: i64,
    ) -> BoxFuture<'a, Result<(), sqlx::Error>>;

    /// What live subscribers hear of a group of these changes, read in its
    /// transaction after its writes and published (coalesced) once it
    /// committed: the counts as they now stand.
    fn heard<'a>(
        tx: &'a mut AnyConnection,
        group: &'a [&'a Self],
    ) -> BoxFuture<'a, Result<Vec<LiveEvent>, sqlx::Error>>;
}

/// The [`Batch`] of a [`Replacing`] change, telling its hub what changed.
pub struct InOrder<C> {
    live: Arc<Hub>,
    kind: std::marker::PhantomData<fn() -> C>,
}

impl<C> InOrder<C> {
    /// Changes of this kind, heard through `live`.
    pub fn new(live: Arc<Hub>) -> Self {
        InOrder {
            live,
            kind: std::marker::PhantomData,
        }
    }
}

impl<C: Replacing> Batch for InOrder<C> {
    type Change = C;
    type Effects = Vec<LiveEvent>;

    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        group: &'a [&'a C],
    ) -> BoxFuture<'a, Written<Vec<LiveEvent>>> {
        Box::pin(async move {
            let now = super::db::now_ms();
            for change in group {
                change.write(tx, now).await?;
            }
            let heard = C::heard(tx, group).await?;
            Ok((vec![true; group.len()], heard))
        })
    }

    fn committed(&self, heard: Vec<LiveEvent>) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            for event in heard {
                self.live.publish_coalesced(event);
            }
        })
    }
}
