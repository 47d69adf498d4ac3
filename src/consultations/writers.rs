//! Ballots and comment marks go through the platform's group-commit writer
//! ([`crate::server::group_commit`]), as supports do: many people answering
//! a poll at once share one commit. Each change replaces the account's
//! earlier one, so this module brings only the SQL of one change.

use super::{polls_repo, talk_repo};
use crate::server::group_commit::{GroupWriter, InOrder, Replacing};
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

/// The writer of ballots: requests reach it through [`GroupWriter::apply`].
pub type BallotWriter = GroupWriter<InOrder<Ballot>>;

impl Replacing for Ballot {
    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        now: i64,
    ) -> BoxFuture<'a, Result<(), sqlx::Error>> {
        Box::pin(polls_repo::cast(
            tx,
            self.poll_id,
            self.user_id,
            &self.choices,
            now,
        ))
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

/// The writer of comment marks.
pub type MarkWriter = GroupWriter<InOrder<MarkChange>>;

impl Replacing for MarkChange {
    fn write<'a>(
        &'a self,
        tx: &'a mut AnyConnection,
        now: i64,
    ) -> BoxFuture<'a, Result<(), sqlx::Error>> {
        Box::pin(talk_repo::set_mark(
            tx,
            self.comment_id,
            self.user_id,
            self.mark,
            now,
        ))
    }
}
