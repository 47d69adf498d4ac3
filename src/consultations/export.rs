//! CSV exports of a consultation: each poll's results, and the comments
//! with their marks. They are read exactly as the page reads them, so they
//! show what the page shows to the same reader: a draft only to its
//! agency's officers and admins, a poll's counts only once they may be
//! shown. Written by the platform's CSV writer ([`crate::server::csv`]).

use super::access::{visible, window_of};
use super::repo::ConsultationRow;
use super::views::CommentView;
use super::{polls, talk};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::csv::{header, write};
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// What a file is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// `polls.csv`: one line per option of each poll.
    Polls,
    /// `comments.csv`: one line per comment or reply.
    Comments,
}

/// The file `export` of consultation `key` for `reader`, and its name.
pub async fn csv(
    state: &AppState,
    key: &str,
    export: Export,
    reader: Option<&UserView>,
) -> Result<(String, Vec<u8>), AppError> {
    let row = visible(state, key, reader).await?;
    let records = match export {
        Export::Polls => poll_records(state, &row, reader).await?,
        Export::Comments => comment_records(state, &row).await?,
    };
    let name = match export {
        Export::Polls => format!("{}-polls.csv", row.code),
        Export::Comments => format!("{}-comments.csv", row.code),
    };
    Ok((name, write(records)?))
}

async fn poll_records(
    state: &AppState,
    row: &ConsultationRow,
    reader: Option<&UserView>,
) -> Result<Vec<Vec<String>>, AppError> {
    let phase = window_of(row).phase(now_ms());
    let mut out = vec![header(&[
        "poll", "question", "kind", "option", "votes", "ballots",
    ])];
    for p in polls::views(state, row.id, phase, reader).await? {
        for o in &p.options {
            out.push(vec![
                p.id.to_string(),
                p.question.clone(),
                p.kind.as_str().to_string(),
                o.label.clone(),
                o.votes.map(|v| v.to_string()).unwrap_or_default(),
                p.ballots.map(|v| v.to_string()).unwrap_or_default(),
            ]);
        }
    }
    Ok(out)
}

async fn comment_records(
    state: &AppState,
    row: &ConsultationRow,
) -> Result<Vec<Vec<String>>, AppError> {
    let mut out = vec![header(&[
        "comment",
        "article",
        "reply_to",
        "author",
        "created_at",
        "body",
        "agree",
        "disagree",
        "pass",
    ])];
    // Nobody's own marks: the file is the same for every reader of the page.
    let record = |c: &CommentView| {
        vec![
            c.id.to_string(),
            c.article.clone(),
            c.parent.map(|p| p.to_string()).unwrap_or_default(),
            c.author.clone(),
            crate::ui::format::iso(c.created_at),
            c.body.clone(),
            c.agree.to_string(),
            c.disagree.to_string(),
            c.pass.to_string(),
        ]
    };
    for top in talk::comments(state, row.id, None, false).await? {
        out.push(record(&top));
        out.extend(top.replies.iter().map(record));
    }
    Ok(out)
}
