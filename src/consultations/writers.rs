//! Ballots and comment marks go through the platform's group-commit writer
//! ([`crate::server::group_commit`]), as supports do: many people answering
//! a poll at once share one commit. Each change replaces the account's
//! earlier one, so this module brings only the SQL of one change, and what
//! live subscribers hear of a group ([`super::live`]): the counts of every
//! poll or comment it touched, read once per group.

use super::{live, polls_repo, talk_repo};
use crate::live::LiveEvent;
use crate::server::group_commit::{GroupWriter, InOrder, Replacing};
use futures::future::BoxFuture;
use sqlx::AnyConnection;
use std::collections::BTreeSet;

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

    fn heard<'a>(
        tx: &'a mut AnyConnection,
        group: &'a [&'a Self],
    ) -> BoxFuture<'a, Result<Vec<LiveEvent>, sqlx::Error>> {
        Box::pin(async move {
            let polls: BTreeSet<i64> = group.iter().map(|b| b.poll_id).collect();
            let mut heard = Vec::with_capacity(polls.len());
            for poll in polls {
                // a poll that keeps its results until the close tells nobody
                if let Some((consultation, options, ballots)) =
                    polls_repo::live_tally(tx, poll).await?
                {
                    heard.push(live::tally_event(consultation, poll, &options, ballots));
                }
            }
            Ok(heard)
        })
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

    fn heard<'a>(
        tx: &'a mut AnyConnection,
        group: &'a [&'a Self],
    ) -> BoxFuture<'a, Result<Vec<LiveEvent>, sqlx::Error>> {
        Box::pin(async move {
            let comments: BTreeSet<i64> = group.iter().map(|m| m.comment_id).collect();
            let mut heard = Vec::with_capacity(comments.len());
            for comment in comments {
                if let Some((consultation, agree, disagree, pass)) =
                    talk_repo::mark_counts(tx, comment).await?
                {
                    heard.push(live::marks_event(
                        consultation,
                        comment,
                        [agree, disagree, pass],
                    ));
                }
            }
            Ok(heard)
        })
    }
}
