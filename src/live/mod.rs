//! Live updates over Server-Sent Events, by topic: the event type (shared),
//! the hub, the topics domains register and the SSE route (server), and the
//! island that keeps a page current (client). It knows no domain.

use serde::{Deserialize, Serialize};

pub mod client;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
pub mod sse;
#[cfg(feature = "ssr")]
pub mod topic;

/// Something changed on a subject: what live subscribers of its topic hear.
/// Domains make them; the platform only routes them by topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// The subject's topic, `kind:key` (`petition:QT-26-7K3M9-X`).
    pub topic: String,
    /// The list topic that also hears it (`petitions`), decided when it is
    /// published: only a subject anyone may read is listed.
    pub list: Option<String>,
    /// The SSE event name (`status`, `supports`…).
    pub name: String,
    /// The SSE id a reconnect resumes after (`Last-Event-ID`), for events
    /// that are replayed; none for momentary ones (a count).
    pub id: Option<i64>,
    /// What changed, as the domain writes it: enough for a page to apply.
    pub data: serde_json::Value,
}

/// The event a subscriber gets when it fell behind and events were lost on
/// the way to it: whatever it shows must be fetched again.
pub const RESYNC: &str = "resync";

/// An event as the hub carries it to every subscriber: shared, not copied
/// per subscriber, and written in its SSE form once, not once per stream.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub struct Heard {
    /// The event.
    pub event: LiveEvent,
    /// Its SSE form.
    pub sse: axum::response::sse::Event,
}

#[cfg(feature = "ssr")]
impl Heard {
    /// The event, shared, with its SSE form.
    pub fn new(event: LiveEvent) -> std::sync::Arc<Heard> {
        let sse = axum::response::sse::Event::default()
            .event(&event.name)
            .data(serde_json::to_string(&event.data).unwrap_or_default());
        let sse = match event.id {
            Some(id) => sse.id(id.to_string()),
            None => sse,
        };
        std::sync::Arc::new(Heard { event, sse })
    }
}

impl LiveEvent {
    /// Whether a subscriber of `topic` hears it.
    pub fn reaches(&self, topic: &str) -> bool {
        self.topic == topic || self.list.as_deref() == Some(topic)
    }
}

/// Where a stream is served: `/live/<kind>` (a list) or `/live/<kind>/<key>`
/// (one subject); the domain that registered `kind` says what it carries.
pub fn stream_url(kind: &str, key: Option<&str>) -> String {
    match key {
        Some(key) => format!("/live/{kind}/{key}"),
        None => format!("/live/{kind}"),
    }
}
