//! Live updates over Server-Sent Events: the event type (shared), the hub and
//! the SSE routes (server), and the island that keeps a page current (client).

use crate::petitions::model::Status;
use serde::{Deserialize, Serialize};

pub mod client;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
pub mod sse;

/// Something changed on a petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// The petition's tracking code.
    pub code: String,
    /// What changed.
    pub change: Change,
    /// Whether anyone may hear it: only public petitions' events reach the
    /// list stream (a private petition's code and steps are not the public's).
    /// Decided when the event is published.
    #[serde(default)]
    pub public: bool,
}

/// The kinds of change a subscriber hears about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// A timeline step: `id` is the step's id, the SSE event id to resume from.
    Status {
        /// Timeline event id.
        id: i64,
        /// The new status.
        status: Status,
    },
    /// The support count now (coalesced: a few updates a second at most).
    Supports {
        /// Supporters.
        count: i64,
    },
    /// The subscriber fell behind and events were lost on the way to it:
    /// whatever it shows must be fetched again.
    Resync,
}

impl LiveEvent {
    /// The SSE event name: `status`, `supports` or `resync`.
    pub fn name(&self) -> &'static str {
        match self.change {
            Change::Status { .. } => "status",
            Change::Supports { .. } => "supports",
            Change::Resync => "resync",
        }
    }
}

/// The SSE stream of one petition.
pub fn petition_stream_url(code: &str) -> String {
    format!("/live/petitions/{code}")
}

/// The SSE stream of every public change (for the lists).
pub const LIST_STREAM_URL: &str = "/live/petitions";
