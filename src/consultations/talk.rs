//! Comments on articles (with one level of replies) and the agree /
//! disagree / pass marks people put on each other's comments, ranked by how
//! broadly they are agreed with.

use super::access::{require_open, visible};
use super::poll_model::{agreement, Mark};
use super::talk_repo::{self as repo, NewComment};
use super::views::{check_comment, CommentView};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use std::collections::HashMap;

/// A consultation's comments for `reader` (its `moderator` or not): per
/// article, top-level comments ranked by [`agreement`] (ties: older first),
/// each with its replies oldest first. A hidden comment's text and author
/// are withheld but from its moderators and its author.
pub async fn comments(
    state: &AppState,
    consultation_id: i64,
    reader: Option<&UserView>,
    moderator: bool,
) -> Result<Vec<CommentView>, AppError> {
    let rows = repo::comments(&state.db.pool, consultation_id).await?;
    let marks: HashMap<i64, i64> = match reader {
        Some(u) => repo::marks_of(&state.db.pool, consultation_id, u.id)
            .await?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    let mine = |r: &repo::CommentRow| reader.is_some_and(|u| u.id == r.author_id);
    let withheld = |r: &repo::CommentRow| r.hidden_reason.is_some() && !moderator && !mine(r);
    let view = |r: &repo::CommentRow| CommentView {
        id: r.id,
        article: r.article_number.clone(),
        parent: r.parent_id,
        author: if withheld(r) {
            String::new()
        } else {
            r.author.clone()
        },
        body: if withheld(r) {
            String::new()
        } else {
            r.body.clone()
        },
        hidden: r.hidden_reason.clone(),
        reports: if moderator { r.reports } else { 0 },
        can_moderate: moderator,
        created_at: r.created_at,
        agree: r.agree,
        disagree: r.disagree,
        pass: r.pass,
        mine: mine(r),
        my_mark: marks.get(&r.id).copied().and_then(Mark::from_stored),
        replies: Vec::new(),
    };
    let mut top: Vec<CommentView> = rows
        .iter()
        .filter(|r| r.parent_id.is_none())
        .map(view)
        .collect();
    for r in rows.iter().filter(|r| r.parent_id.is_some()) {
        if let Some(parent) = top.iter_mut().find(|t| Some(t.id) == r.parent_id) {
            parent.replies.push(view(r));
        }
    }
    top.sort_by(|a, b| {
        a.article.cmp(&b.article).then(
            agreement(b.agree, b.disagree)
                .total_cmp(&agreement(a.agree, a.disagree))
                .then(a.id.cmp(&b.id)),
        )
    });
    Ok(top)
}

/// What a comment form sends.
#[derive(Debug, Clone)]
pub struct CommentInput {
    /// The consultation's slug.
    pub code: String,
    /// The article number.
    pub article: String,
    /// The comment answered, for a reply (empty for none).
    pub parent: String,
    /// Text.
    pub body: String,
    /// The form's one-time key.
    pub form_key: String,
}

/// Comments on an article, or replies to a top-level comment on it, while
/// the consultation is open. The same form sent twice makes one comment.
pub async fn comment(
    state: &AppState,
    user: &UserView,
    input: CommentInput,
) -> Result<(), AppError> {
    let row = visible(state, &input.code, Some(user)).await?;
    let now = now_ms();
    require_open(&row, now)?;
    let article = input.article.trim();
    if !super::repo::has_article(&state.db.pool, row.id, article).await? {
        return Err(AppError::invalid(
            "article",
            "consultations.article_unknown",
        ));
    }
    let parent = match input.parent.trim() {
        "" => None,
        p => {
            let id = p.parse::<i64>().map_err(|_| parent_invalid())?;
            match repo::comment(&state.db.pool, id).await? {
                Some((c, a, None, _)) if c == row.id && a == article => {
                    super::moderation::require_shown(state, id).await?;
                    Some(id)
                }
                _ => return Err(parent_invalid()),
            }
        }
    };
    let body = check_comment(&input.body)?;
    crate::accounts::verify::require_verified(user)?;
    let key = Some(input.form_key.trim()).filter(|k| !k.is_empty() && k.len() <= 64);
    let mut tx = state.db.pool.begin().await?;
    repo::insert(
        &mut tx,
        &NewComment {
            consultation_id: row.id,
            article,
            parent,
            author_id: user.id,
            body: &body,
            form_key: key,
            now,
        },
    )
    .await?;
    tx.commit().await?;
    super::live::comments_changed(state, row.id);
    Ok(())
}

fn parent_invalid() -> AppError {
    AppError::invalid("parent", "consultations.parent_invalid")
}

/// Marks someone else's comment agree, disagree or pass while the
/// consultation is open; a second mark replaces the first.
pub async fn mark(
    state: &AppState,
    user: &UserView,
    comment: &str,
    mark: &str,
) -> Result<(), AppError> {
    let id = comment
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let (consultation_id, _, _, author) = repo::comment(&state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = visible(state, &consultation_id.to_string(), Some(user)).await?;
    let mark = Mark::parse(mark.trim())?;
    super::moderation::require_shown(state, id).await?;
    let now = now_ms();
    require_open(&row, now)?;
    if author == user.id {
        return Err(AppError::conflict("consultations.own_comment"));
    }
    crate::accounts::verify::require_verified(user)?;
    let change = super::writers::MarkChange {
        comment_id: id,
        user_id: user.id,
        mark: mark.stored(),
    };
    state
        .domain::<super::writers::MarkWriter>()?
        .apply(change)
        .await
        .map(|_| ())
}
