//! Petitions on the live hub: a petition's topic (`petition:<code>`, served
//! at `/live/petitions/<code>`) carries its timeline steps (`status`, with
//! an id to resume from) and its support count (`supports`, coalesced); the
//! list topic (`petitions`, at `/live/petitions`) hears the events of public
//! petitions only. Whether an event is listed is decided when it is published.

/// The URL kind of petitions' streams.
pub const KIND: &str = "petitions";
/// The events a petition page or list applies.
pub const EVENTS: &str = "status,supports";

/// The stream of one petition.
pub fn stream_of(code: &str) -> String {
    crate::live::stream_url(KIND, Some(code))
}

/// The key of a petition's support count on its page and in lists: a
/// `supports` event sets it in place (`crate::ui::live_count`).
pub fn supports_key(code: &str) -> String {
    format!("supports:{code}")
}

/// The stream of the public list.
pub fn list_stream() -> String {
    crate::live::stream_url(KIND, None)
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::{supports_key, KIND};
    use crate::error::AppError;
    use crate::live::topic::{Opening, TopicSource};
    use crate::live::LiveEvent;
    use crate::petitions::model::{Status, TrackingCode, Visibility};
    use crate::petitions::repo;
    use crate::server::state::AppState;
    use futures::future::BoxFuture;
    use serde_json::json;

    fn topic(code: &str) -> String {
        format!("petition:{code}")
    }

    /// A committed timeline step of the petition `code` (listed if public).
    pub fn step_event(code: &str, id: i64, status: Status, public: bool) -> LiveEvent {
        LiveEvent {
            topic: topic(code),
            list: public.then(|| KIND.to_string()),
            name: "status".into(),
            id: Some(id),
            data: json!({ "code": code, "change": { "type": "status", "id": id, "status": status } }),
        }
    }

    /// Tells live subscribers about a committed timeline step. Who may hear it
    /// is decided now, from the petition as it is: a private petition's steps
    /// reach only its own stream, never the public list's.
    pub async fn publish_step(state: &AppState, code: &str, id: i64, status: Status) {
        let public = match repo::visibility(&state.db.pool, code).await {
            Ok(v) => v == Some(Visibility::Public),
            Err(e) => {
                tracing::warn!(error = %e, "visibility look-up failed; publishing to its stream only");
                false
            }
        };
        state
            .live
            .publish(step_event(code, id, status, public))
            .await;
    }

    /// Whether `event` is a timeline step of some petition (heard by what
    /// the steps change, such as the statistics).
    pub fn is_step(event: &LiveEvent) -> bool {
        event.name == "status" && event.topic.starts_with("petition:")
    }

    /// The support count of `code` now (only public petitions gather supports).
    pub fn count_event(code: &str, count: i64) -> LiveEvent {
        LiveEvent {
            topic: topic(code),
            list: Some(KIND.to_string()),
            name: "supports".into(),
            id: None,
            data: json!({
                "code": code,
                "change": { "type": "supports", "count": count },
                "counts": { supports_key(code): count },
            }),
        }
    }

    /// The `petitions` topics.
    pub struct PetitionTopics;

    impl TopicSource for PetitionTopics {
        fn open<'a>(
            &'a self,
            state: &'a AppState,
            _headers: &'a http::HeaderMap,
            key: Option<&'a str>,
            last: Option<i64>,
        ) -> BoxFuture<'a, Result<Opening, AppError>> {
            Box::pin(async move {
                let Some(code) = key else {
                    return Ok(Opening {
                        topic: KIND.to_string(),
                        replay: Vec::new(),
                        seen: None,
                    });
                };
                // Anyone with the code sees a petition's steps (as on
                // /track); the events carry no text, only statuses and counts.
                let code = TrackingCode::parse(code)?;
                let (summary, row) = repo::petition_by_code(&state.db.pool, code.as_str())
                    .await?
                    .ok_or(AppError::NotFound)?;
                let code = summary.code.as_str();
                let replay = match last {
                    Some(last) => repo::events_since(&state.db.pool, row.id, last).await?,
                    None => Vec::new(),
                };
                let seen = replay.last().map(|(id, _)| *id).or(last);
                let mut events: Vec<LiveEvent> = replay
                    .into_iter()
                    .map(|(id, status)| step_event(code, id, status, false))
                    .collect();
                events.push(count_event(code, summary.supports));
                Ok(Opening {
                    topic: topic(code),
                    replay: events,
                    seen,
                })
            })
        }
    }
}
