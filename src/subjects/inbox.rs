//! An account's inbox: the steps of the subjects it follows, across kinds,
//! newest first. Each kind's domain describes its subjects (a name, a title,
//! a link, the step in words) through a [`Describer`] the shell registers.

use super::model::InboxItem;
use crate::i18n::Locale;
use futures::future::BoxFuture;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::Arc;

/// How a subject is shown in an inbox.
#[derive(Debug, Clone)]
pub struct Described {
    /// Its short public name (a petition's tracking code).
    pub code: String,
    /// Its title, as `reader` may see it (empty while withheld).
    pub title: String,
    /// Its page.
    pub link: String,
}

/// A domain's way of describing its subjects in an inbox.
pub trait Describer: Send + Sync {
    /// The subjects `ids` (of this describer's kind) as `reader` may see
    /// them; an id missing from the answer is left out of the inbox.
    fn describe<'a>(
        &'a self,
        pool: &'a AnyPool,
        reader: i64,
        ids: &'a [i64],
    ) -> BoxFuture<'a, Result<HashMap<i64, Described>, sqlx::Error>>;

    /// A step of one of its subjects, in words.
    fn step_text(&self, locale: Locale, kind: &str, state: &str, note: &str) -> String;
}

/// The describers of every subject kind, by kind (kept in the state).
#[derive(Clone, Default)]
pub struct Describers(pub Arc<HashMap<&'static str, Arc<dyn Describer>>>);

/// An inbox row as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    /// Id.
    pub id: i64,
    /// When it was made (ms).
    pub created_at: i64,
    /// When it was read, if it was.
    pub read_at: Option<i64>,
    /// The subject's kind.
    pub subject_kind: String,
    /// The subject's id.
    pub subject_id: i64,
    /// The step's kind.
    pub kind: String,
    /// The subject's state after the step.
    pub state: String,
    /// The step's note.
    pub note: String,
}

/// An account's latest `limit` inbox rows, newest first.
pub async fn entries(pool: &AnyPool, user_id: i64, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.id, n.created_at, n.read_at, e.subject_kind, e.subject_id, e.kind, e.state, e.note \
         FROM subject_inbox n JOIN subject_events e ON e.id = n.event_id \
         WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// An account's latest `limit` inbox entries, newest first, each described
/// by its kind's domain in `locale`.
pub async fn items(
    pool: &AnyPool,
    describers: &Describers,
    user_id: i64,
    locale: Locale,
    limit: i64,
) -> Result<Vec<InboxItem>, sqlx::Error> {
    let rows = entries(pool, user_id, limit).await?;
    let mut ids: HashMap<&str, Vec<i64>> = HashMap::new();
    for r in &rows {
        ids.entry(r.subject_kind.as_str())
            .or_default()
            .push(r.subject_id);
    }
    let mut described: HashMap<(&str, i64), Described> = HashMap::new();
    for (kind, mut of_kind) in ids {
        let Some(d) = describers.0.get(kind) else {
            tracing::warn!(kind, "no describer for a subject kind in an inbox");
            continue;
        };
        of_kind.sort_unstable();
        of_kind.dedup();
        for (id, text) in d.describe(pool, user_id, &of_kind).await? {
            described.insert((kind, id), text);
        }
    }
    Ok(rows
        .iter()
        .filter_map(|r| {
            let d = described.get(&(r.subject_kind.as_str(), r.subject_id))?;
            let what = describers
                .0
                .get(r.subject_kind.as_str())?
                .step_text(locale, &r.kind, &r.state, &r.note);
            Some(InboxItem {
                id: r.id,
                at: r.created_at,
                read: r.read_at.is_some(),
                subject: r.subject_kind.clone(),
                code: d.code.clone(),
                title: d.title.clone(),
                link: d.link.clone(),
                kind: r.kind.clone(),
                status: r.state.clone(),
                note: r.note.clone(),
                what,
            })
        })
        .collect())
}

/// How many inbox entries an account has not read.
pub async fn unread_count(pool: &AnyPool, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM subject_inbox WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

/// Marks every entry of an account's inbox read.
pub async fn mark_all_read(pool: &AnyPool, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE subject_inbox SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}
