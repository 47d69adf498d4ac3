//! Ballots and comment marks go through the platform's group-commit writer
//! ([`crate::server::group_commit`]), as supports do: many people answering
//! a poll at once share one commit. This module brings only what a group
//! writes. Each change replaces the account's earlier one, so a group is
//! written change by change, in order, and every change counts as done.

use super::{polls_repo, talk_repo};
use crate::server::db::now_ms;
use crate::server::group_commit::{Batch, GroupWriter, Written};
use futures::future::BoxFuture;
use sqlx::AnyConnection;

/// One account's ballot on a poll, already checked against its rules.
#[derive(Debug, Clone)]
pub struct Ballot {
    /// The poll.
    pub poll_id: i64,
    /// The voting account.
    pub user_id: i64,
    /// The options chosen (replacing any earlier choice).
    pub choices: Vec<i64>,
}

/// What a group of ballots writes.
pub struct Ballots;

/// The writer of ballots: requests reach it through [`GroupWriter::apply`].
pub type BallotWriter = GroupWriter<Ballots>;

impl Batch for Ballots {
    type Change = Ballot;
    type Effects = ();

    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        group: &'a [&'a Ballot],
    ) -> BoxFuture<'a, Written<()>> {
        Box::pin(async move {
            let now = now_ms();
            for b in group {
                polls_repo::cast(tx, b.poll_id, b.user_id, &b.choices, now).await?;
            }
            Ok((vec![true; group.len()], ()))
        })
    }

    fn committed(&self, _: ()) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}

/// One account's mark on someone else's comment, already checked.
#[derive(Debug, Clone)]
pub struct MarkChange {
    /// The comment.
    pub comment_id: i64,
    /// The marking account.
    pub user_id: i64,
    /// The stored mark (replacing any earlier one).
    pub mark: i64,
}

/// What a group of marks writes.
pub struct Marks;

/// The writer of comment marks.
pub type MarkWriter = GroupWriter<Marks>;

impl Batch for Marks {
    type Change = MarkChange;
    type Effects = ();

    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        group: &'a [&'a MarkChange],
    ) -> BoxFuture<'a, Written<()>> {
        Box::pin(async move {
            let now = now_ms();
            for m in group {
                talk_repo::set_mark(tx, m.comment_id, m.user_id, m.mark, now).await?;
            }
            Ok((vec![true; group.len()], ()))
        })
    }

    fn committed(&self, _: ()) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}
