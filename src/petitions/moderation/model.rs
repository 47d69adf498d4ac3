//! Moderation types shared by both halves: why a citizen reports a petition,
//! what a petition's page says about moderation, and the moderation queue.

use serde::{Deserialize, Serialize};

pub use crate::subjects::model::ReportReason;

/// Why and when a moderator hid a petition's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenView {
    /// The moderator's reason (public).
    pub reason: String,
    /// When (ms).
    pub at: i64,
}

/// What a petition's page shows and offers about moderation, for its reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ModerationView {
    /// Set while a moderator keeps the text hidden.
    pub hidden: Option<HiddenView>,
    /// Whether the text is withheld from this reader (hidden, and the reader
    /// is neither the petitioner nor a moderator of its agency).
    pub withheld: bool,
    /// The original's tracking code when closed as a duplicate.
    pub duplicate_of: Option<String>,
    /// Whether the reader may hide or restore it.
    pub can_moderate: bool,
    /// Whether the reader may mark it as a duplicate (a moderator, while open).
    pub can_mark_duplicate: bool,
    /// Whether the reader may report it as abusive.
    pub can_report: bool,
    /// Whether the reader has reported it.
    pub reported: bool,
    /// Open abuse reports (shown to moderators only; 0 for others).
    pub open_reports: i64,
}

/// How many open reports gave one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonCount {
    /// The reason.
    pub reason: ReportReason,
    /// How many.
    pub count: i64,
}

/// A petition in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedPetition {
    /// Tracking code.
    pub code: String,
    /// Title (moderators see it).
    pub title: String,
    /// Open reports.
    pub reports: i64,
    /// Open reports by reason, most given first.
    pub reasons: Vec<ReasonCount>,
    /// The reporters' comments (non-empty ones, newest first).
    pub comments: Vec<String>,
    /// When the first open report came (ms).
    pub first_reported_at: i64,
}

/// The longest reason or note a moderator may give.
pub const NOTE_MAX: usize = 1000;
/// The longest comment a reporter may add.
pub const COMMENT_MAX: usize = 500;
