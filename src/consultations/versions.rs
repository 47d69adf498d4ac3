//! New versions of a published draft: its text changes only this way, while
//! it is upcoming or open. Comments stay on the article number they were
//! made on, so a version may not drop an article that has comments. Each
//! version is a step its followers hear of, and the page shows what changed
//! in each article since the version before.

use super::access::{managed_row, window_of};
use super::draft::{self, Article, Draft};
use super::model::{Phase, Status};
use super::subject::{self, StepKind};
use super::version_model::{plain, ArticleChange, ChangeKind, Piece, VersionView};
use super::views::check_draft_text;
use super::{repo, talk_repo};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use similar::{ChangeTag, TextDiff};

/// The word diff of two texts: each change as one run taken out and one
/// put in (the spaces between changed words belong to the change), with
/// the unchanged text between the changes.
fn pieces(old: &str, new: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut removed, mut added, mut gap) = (String::new(), String::new(), String::new());
    // A side that holds only the spaces between the other side's words
    // changed nothing itself: those spaces are kept text.
    let flush = |out: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        let (r, a) = (std::mem::take(removed), std::mem::take(added));
        match (r.trim().is_empty(), a.trim().is_empty()) {
            (false, false) => out.extend([Piece::Removed(r), Piece::Added(a)]),
            (false, true) => out.push(Piece::Removed(r)),
            (true, false) => out.push(Piece::Added(a)),
            (true, true) => {}
        }
    };
    for change in TextDiff::from_words(old, new).iter_all_changes() {
        let text = change.value();
        let open = !removed.is_empty() || !added.is_empty();
        match change.tag() {
            ChangeTag::Equal if open && text.trim().is_empty() => gap.push_str(text),
            ChangeTag::Equal => {
                flush(&mut out, &mut removed, &mut added);
                gap.push_str(text);
                match out.last_mut() {
                    Some(Piece::Same(s)) => s.push_str(&gap),
                    _ => out.push(Piece::Same(gap.clone())),
                }
                gap.clear();
            }
            tag => {
                if !gap.is_empty() {
                    removed.push_str(&gap);
                    added.push_str(&gap);
                    gap.clear();
                }
                if tag == ChangeTag::Delete {
                    removed.push_str(text);
                } else {
                    added.push_str(text);
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    if !gap.is_empty() {
        out.push(Piece::Same(gap));
    }
    out
}

/// What changed from `old` to `new`, article by article (by number), in
/// the new text's order, then the removed ones.
pub fn changes(old: &Draft, new: &Draft) -> Vec<ArticleChange> {
    let find = |d: &Draft, n: &str| d.articles().find(|a| a.number == n).cloned();
    let mut out = Vec::new();
    for a in new.articles() {
        let change = match find(old, &a.number) {
            None => Some((ChangeKind::Added, String::new())),
            Some(before) if before != *a => Some((ChangeKind::Changed, plain(&before))),
            Some(_) => None,
        };
        if let Some((kind, before)) = change {
            out.push(ArticleChange {
                number: a.number.clone(),
                title: a.title.clone(),
                kind,
                pieces: pieces(&before, &plain(a)),
            });
        }
    }
    for a in old.articles().filter(|a| find(new, &a.number).is_none()) {
        out.push(ArticleChange {
            number: a.number.clone(),
            title: a.title.clone(),
            kind: ChangeKind::Removed,
            pieces: pieces(&plain(a), ""),
        });
    }
    out
}

/// The newest text of consultation `id`, and its version with what it changed.
pub async fn newest(state: &AppState, id: i64) -> Result<(Draft, VersionView), AppError> {
    let latest = repo::latest_versions(&state.db.pool, id).await?;
    let Some((number, source, published_at)) = latest.first().cloned() else {
        return Err(AppError::NotFound);
    };
    let text = draft::parse(&source).unwrap_or_default();
    let changes = match latest.get(1) {
        Some((_, before, _)) => changes(&draft::parse(before).unwrap_or_default(), &text),
        None => Vec::new(),
    };
    let version = VersionView {
        number,
        published_at,
        changes,
    };
    Ok((text, version))
}

/// Publishes a new version of a published consultation's text (upcoming
/// or open); returns its number. The same text again makes no version.
pub async fn publish(
    state: &AppState,
    user: &UserView,
    key: &str,
    text: &str,
) -> Result<i64, AppError> {
    let row = managed_row(state, user, key).await?;
    let now = now_ms();
    if row.status != Status::Published.as_str() {
        return Err(AppError::conflict("consultations.version_of_draft"));
    }
    if window_of(&row).phase(now) == Phase::Closed {
        return Err(AppError::conflict("consultations.not_open"));
    }
    let source = check_draft_text(text)?;
    let new = draft::parse(&source)?;
    let latest = repo::latest_versions(&state.db.pool, row.id).await?;
    let (number, old_source, _) = latest.first().cloned().ok_or(AppError::NotFound)?;
    let old = draft::parse(&old_source).unwrap_or_default();
    if changes(&old, &new).is_empty() && new.preamble == old.preamble {
        return Err(AppError::invalid(
            "draft",
            "consultations.version_unchanged",
        ));
    }
    let kept = |n: &String| new.articles().any(|a: &Article| &a.number == n);
    let commented = talk_repo::commented_articles(&state.db.pool, row.id).await?;
    if let Some(dropped) = commented.iter().find(|n| !kept(n)) {
        tracing::debug!(article = %dropped, "a new version may not drop a commented article");
        return Err(AppError::invalid(
            "draft",
            "consultations.version_drops_commented",
        ));
    }
    let next = number + 1;
    let mut tx = state.db.pool.begin().await?;
    if !repo::insert_version(&mut tx, row.id, next, &source, &new, now).await? {
        // Another officer published this number first.
        return Err(AppError::conflict("consultations.version_raced"));
    }
    let note = next.to_string();
    let step = subject::Step {
        id: row.id,
        agency_id: row.agency_id,
        kind: StepKind::Version,
        actor_id: Some(user.id),
        note: &note,
        at: now,
    };
    let step = subject::record(&mut tx, &step, &state.config.site_url()).await?;
    tx.commit().await?;
    super::live::step_recorded(state, row.id, step).await;
    state.mail_wakeup.notify_one();
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "Điều 1. Phạm vi\nQuy ước này áp dụng trong thôn.\nĐiều 2. Giờ đổ rác\n1. Các hộ để rác trước 18 giờ.\nĐiều 3. Loa đài\nKhông mở loa sau 22 giờ.";
    const V2: &str = "Điều 1. Phạm vi\nQuy ước này áp dụng trong thôn.\nĐiều 2. Giờ đổ rác\n1. Các hộ để rác từ 17 giờ đến 19 giờ.\n2. Không để rác ở vỉa hè.\nĐiều 4. Cây xanh\nMỗi hộ trồng một cây.";

    #[test]
    fn a_new_version_shows_each_article_added_changed_and_removed() {
        let (old, new) = (draft::parse(V1).unwrap(), draft::parse(V2).unwrap());
        let c = changes(&old, &new);
        let kinds: Vec<_> = c.iter().map(|c| (c.number.as_str(), c.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("2", ChangeKind::Changed),
                ("4", ChangeKind::Added),
                ("3", ChangeKind::Removed)
            ]
        );
        let removed: String = c[0]
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Removed(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        let added: String = c[0]
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Added(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        assert!(removed.contains("trước 18"), "{removed:?}");
        assert!(
            added.contains("từ 17 giờ đến 19") && added.contains("vỉa hè"),
            "{added:?}"
        );
        assert!(matches!(&c[0].pieces[0], Piece::Same(s) if s.starts_with("Giờ đổ rác")));
        assert!(c[1].pieces.iter().all(|p| matches!(p, Piece::Added(_))));
        assert!(c[2].pieces.iter().all(|p| matches!(p, Piece::Removed(_))));
        assert!(changes(&old, &old).is_empty());
    }
}
