//! What crosses the wire about subjects: an inbox entry, described by the
//! subject's domain.

use serde::{Deserialize, Serialize};

/// One entry of an account's inbox: a step of a subject it follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    /// Id.
    pub id: i64,
    /// When the entry was made (ms).
    pub at: i64,
    /// Whether the account has read it.
    pub read: bool,
    /// The subject's kind (`petition`).
    pub subject: String,
    /// The subject's short public name (a petition's tracking code).
    pub code: String,
    /// Its title (empty while withheld, e.g. hidden by a moderator).
    pub title: String,
    /// Where the subject's page is.
    pub link: String,
    /// What the step records (its kind).
    pub kind: String,
    /// The subject's state after the step.
    pub status: String,
    /// The step's note.
    pub note: String,
    /// The step in words, in the reader's language.
    pub what: String,
}
