//! Consultations on the live hub. A consultation's topic
//! (`consultation:<id>`, served at `/live/consultations/<slug>`) is
//! followed by whoever may read the consultation (a draft: its agency
//! only). It hears, coalesced to a few events a second:
//! - `marks`: a comment's agree / disagree / pass counts, applied in place;
//! - `tally`: a poll's counts, shares and bars, applied in place, and only
//!   for a poll that shows its results while open (a hidden tally is never
//!   sent, not even as a count);
//! - `comments`: a comment was added, hidden or restored; the page fetches
//!   itself again, so a hidden comment's text reaches only those the page
//!   shows it to;
//! - `step`: a new version, the close or the report (replayed after
//!   `Last-Event-ID`); the page fetches itself again.

/// The URL kind of consultations' streams.
pub const KIND: &str = "consultations";
/// The events a consultation's page applies.
pub const EVENTS: &str = "comments,marks,tally,step";

/// The stream of consultation `code`.
pub fn stream(code: &str) -> String {
    crate::live::stream_url(KIND, Some(code))
}

/// The key of a comment's count of `mark` (`agree`, `disagree`, `pass`).
pub fn mark_key(comment: i64, mark: &str) -> String {
    format!("mark-{comment}-{mark}")
}

/// The key of an option's count (and of its bar).
pub fn option_key(option: i64) -> String {
    format!("opt-{option}")
}

/// The key of an option's share, in percent.
pub fn share_key(option: i64) -> String {
    format!("opt-{option}-pct")
}

/// The key of a poll's ballot count.
pub fn ballots_key(poll: i64) -> String {
    format!("poll-{poll}-ballots")
}

/// `n` of `total` in whole percent, rounded.
pub fn percent(n: i64, total: i64) -> i64 {
    if total > 0 {
        (n * 100 + total / 2) / total
    } else {
        0
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::error::AppError;
    use crate::live::topic::{Opening, TopicSource};
    use crate::live::LiveEvent;
    use crate::server::state::AppState;
    use crate::subjects::timeline;
    use futures::future::BoxFuture;
    use serde_json::{json, Map, Value};

    fn topic(id: i64) -> String {
        format!("consultation:{id}")
    }

    fn event(id: i64, name: &str, step: Option<i64>, data: Value) -> LiveEvent {
        LiveEvent {
            topic: topic(id),
            list: None,
            name: name.into(),
            id: step,
            data,
        }
    }

    /// A comment of consultation `id` was added, hidden or restored.
    pub fn comments_changed(state: &AppState, id: i64) {
        state.live.publish_coalesced(event(
            id,
            "comments",
            None,
            json!({ "changed": "comments" }),
        ));
    }

    /// Step `step` of consultation `id` was recorded and committed.
    pub async fn step_recorded(state: &AppState, id: i64, step: i64) {
        let data = json!({ "step": step });
        state
            .live
            .publish(event(id, "step", Some(step), data))
            .await;
    }

    /// A comment's counts after a committed group of marks.
    pub fn marks_event(consultation: i64, comment: i64, counts: [i64; 3]) -> LiveEvent {
        let counts: Map<String, Value> = ["agree", "disagree", "pass"]
            .into_iter()
            .zip(counts)
            .map(|(mark, n)| (mark_key(comment, mark), n.into()))
            .collect();
        event(consultation, "marks", None, json!({ "counts": counts }))
    }

    /// A poll's results after a committed group of ballots: each option's
    /// count and share, its bar as a share of the longest (as the page draws
    /// it), and the ballots.
    pub fn tally_event(
        consultation: i64,
        poll: i64,
        options: &[(i64, i64)],
        ballots: i64,
    ) -> LiveEvent {
        let total: i64 = options.iter().map(|(_, n)| n).sum();
        let most = options.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        let mut counts = Map::new();
        let mut bars = Map::new();
        for (option, n) in options {
            counts.insert(option_key(*option), (*n).into());
            counts.insert(share_key(*option), percent(*n, total).into());
            bars.insert(option_key(*option), (n * 1000 / most).into());
        }
        counts.insert(ballots_key(poll), ballots.into());
        event(
            consultation,
            "tally",
            None,
            json!({ "counts": counts, "bars": bars }),
        )
    }

    /// The `consultations` topics: whoever may read the consultation.
    pub struct ConsultationTopics;

    impl TopicSource for ConsultationTopics {
        fn open<'a>(
            &'a self,
            state: &'a AppState,
            headers: &'a http::HeaderMap,
            key: Option<&'a str>,
            last: Option<i64>,
        ) -> BoxFuture<'a, Result<Opening, AppError>> {
            Box::pin(async move {
                let key = key.ok_or(AppError::NotFound)?;
                let reader = crate::accounts::guard::reader_of(state, headers).await?;
                let row = super::super::access::visible(state, key, reader.as_ref()).await?;
                let subject = super::super::subject::of(row.id);
                let newest = timeline::newest(&state.db.pool, subject).await?;
                let missed = matches!((newest, last), (Some(n), Some(l)) if n > l);
                Ok(Opening {
                    topic: topic(row.id),
                    replay: match (missed, newest) {
                        (true, Some(n)) => {
                            vec![event(row.id, "step", Some(n), json!({ "missed": true }))]
                        }
                        _ => Vec::new(),
                    },
                    seen: newest.or(last),
                })
            })
        }
    }
}
