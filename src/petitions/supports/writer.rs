//! Supports go through the platform's group-commit writer
//! ([`crate::server::group_commit`]): this module brings only what a group
//! of supports writes. Each support is an inserted fact (one per account and
//! petition); the petition's visible count moves once per group by the
//! group's net change, never by a +1 UPDATE per request. Crossing a
//! threshold is a timeline step written in the same transaction; once the
//! group is committed, the new counts (coalesced) and the steps go live.

use crate::live::hub::Hub;
use crate::petitions::model::{EventKind, Status};
use crate::petitions::supports::repo;
use crate::petitions::supports::thresholds::Thresholds;
use crate::petitions::workflow::timeline::{self, Step};
use crate::server::db::now_ms;
use crate::server::group_commit::{Batch, GroupWriter, Written};
use futures::future::BoxFuture;
use sqlx::AnyConnection;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

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

/// The writer of supports: requests reach it through [`GroupWriter::apply`].
pub type SupportWriter = GroupWriter<Supports>;

/// What a group of supports writes.
pub struct Supports {
    live: Arc<Hub>,
    thresholds: Thresholds,
    /// The base URL for links in the e-mails a reached threshold sends.
    site: String,
}

impl Supports {
    /// The supports of a deployment with these thresholds.
    pub fn new(live: Arc<Hub>, thresholds: Thresholds, site: String) -> Supports {
        Supports {
            live,
            thresholds,
            site,
        }
    }
}

/// What a committed group did.
pub struct Effects {
    /// Petitions whose count moved, with the count after the group.
    counts: Vec<(String, i64)>,
    /// Timeline steps written (thresholds reached): code, step id, status.
    steps: Vec<(String, i64, Status)>,
}

impl Batch for Supports {
    type Change = SupportChange;
    type Effects = Effects;

    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        group: &'a [&'a SupportChange],
    ) -> BoxFuture<'a, Written<Effects>> {
        Box::pin(write(self, tx, group))
    }

    fn committed(&self, effects: Effects) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            for (code, count) in effects.counts {
                self.live
                    .publish_coalesced(crate::petitions::live::count_event(&code, count));
            }
            // only public petitions gather supports: their steps are listed
            for (code, id, status) in effects.steps {
                self.live
                    .publish(crate::petitions::live::step_event(&code, id, status, true))
                    .await;
            }
        })
    }
}

/// Writes a group's changes; per change whether it changed anything. The
/// supports of a group go in as multi-row INSERTs; a group in which one
/// account changes its mind about one petition is written change by change,
/// in order, so each answer stays true.
async fn apply(
    tx: &mut AnyConnection,
    changes: &[&SupportChange],
    now: i64,
) -> Result<Vec<bool>, sqlx::Error> {
    let mut seen = HashSet::with_capacity(changes.len());
    let distinct = changes
        .iter()
        .all(|c| seen.insert((c.petition_id, c.user_id)));
    if !distinct {
        let mut changed = Vec::with_capacity(changes.len());
        for c in changes {
            changed.push(if c.add {
                repo::insert_support(tx, c.petition_id, c.user_id, now).await?
            } else {
                repo::delete_support(tx, c.petition_id, c.user_id).await?
            });
        }
        return Ok(changed);
    }
    let adds: Vec<(i64, i64)> = changes
        .iter()
        .filter(|c| c.add)
        .map(|c| (c.petition_id, c.user_id))
        .collect();
    let recorded: HashSet<(i64, i64)> = repo::insert_supports(tx, &adds, now)
        .await?
        .into_iter()
        .collect();
    let mut changed = Vec::with_capacity(changes.len());
    for c in changes {
        changed.push(if c.add {
            recorded.contains(&(c.petition_id, c.user_id))
        } else {
            repo::delete_support(tx, c.petition_id, c.user_id).await?
        });
    }
    Ok(changed)
}

async fn write(
    s: &Supports,
    tx: &mut AnyConnection,
    changes: &[&SupportChange],
) -> Written<Effects> {
    let now = now_ms();
    let changed = apply(tx, changes, now).await?;
    let mut net: BTreeMap<i64, (i64, &str)> = BTreeMap::new();
    for (c, done) in changes.iter().zip(&changed) {
        if *done {
            net.entry(c.petition_id).or_insert((0, &c.code)).0 += if c.add { 1 } else { -1 };
        }
    }
    let mut effects = Effects {
        counts: Vec::new(),
        steps: Vec::new(),
    };
    for (petition_id, (delta, code)) in net {
        if delta == 0 {
            continue;
        }
        let (count, status) = repo::move_support_count(tx, petition_id, delta).await?;
        effects.counts.push((code.to_string(), count));
        for kind in s.thresholds.crossed(count - delta, count) {
            let due = match kind {
                EventKind::AnswerDue => Some(now + s.thresholds.answer_days * 86_400_000),
                _ => None,
            };
            if !repo::mark_threshold(tx, petition_id, kind, now, due).await? {
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
            let id = timeline::append(tx, &step, &s.site).await?;
            effects.steps.push((code.to_string(), id, status));
        }
    }
    Ok((changed, effects))
}
