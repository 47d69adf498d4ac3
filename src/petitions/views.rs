//! What the petition pages and the JSON API read: shapes that cross the wire.

use crate::i18n::{translate, Locale};
use crate::petitions::model::{EventKind, PetitionKind, Status, Visibility};
use serde::{Deserialize, Serialize};

/// A name in each interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Names {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl Names {
    /// The name in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Vi => &self.vi,
            Locale::En => &self.en,
            Locale::Ko => &self.ko,
        }
    }
}

/// A category citizens file petitions under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    /// Id.
    pub id: i64,
    /// Stable code (the Open311 service code).
    pub code: String,
    /// Names.
    pub names: Names,
}

/// A petition in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionSummary {
    /// Tracking code.
    pub code: String,
    /// Petition or feedback.
    pub kind: PetitionKind,
    /// Title.
    pub title: String,
    /// Current status.
    pub status: Status,
    /// Category names.
    pub category: Names,
    /// Locality, with its parents.
    pub locality: String,
    /// Number of supporters.
    pub supports: i64,
    /// Submitted at (ms).
    /// The answer deadline a support threshold set, if reached.
    pub answer_due_at: Option<i64>,
    pub created_at: i64,
}

/// One step of the public timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    /// When (ms).
    pub at: i64,
    /// What the step records.
    pub kind: EventKind,
    /// The status the step moved to.
    pub status: Status,
    /// The agency handling it then, if any.
    pub agency: Option<String>,
    /// The officer's note (empty if none), or the petitioner's reason when
    /// they reopened it.
    pub note: String,
    /// Whether the petitioner wrote this step (their note is their text:
    /// withheld wherever the petition's text is).
    #[serde(default)]
    pub by_petitioner: bool,
}

/// A petition's page. For a private petition seen by someone who may not
/// read it, nothing written is left: only the status and the time and agency
/// of each step (see [`PetitionDetail::withhold_private`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionDetail {
    /// The list fields.
    pub summary: PetitionSummary,
    /// Public or private.
    pub visibility: Visibility,
    /// Whether the text is withheld from this reader.
    pub redacted: bool,
    /// The text.
    pub body: String,
    /// The petitioner's name, if they chose to show it.
    pub author: Option<String>,
    /// The agency handling it.
    pub agency: Option<String>,
    /// The official answer, once published.
    pub answer: Option<String>,
    /// The public timeline, oldest first.
    pub events: Vec<EventView>,
    /// Whether the reader supports it.
    pub supported: bool,
    /// Whether the reader may support it (signed in, public, open, not theirs).
    pub can_support: bool,
    /// The statuses the reader (an officer of the agency) may move it to.
    pub next_statuses: Vec<Status>,
    /// Whether the reader (its petitioner) may reopen the answer now.
    pub can_reopen: bool,
    /// Whether the reader (its petitioner) may rate the answer.
    pub can_rate: bool,
    /// The petitioner's rating of the answer, if given.
    pub rating: Option<RatingView>,
    /// When the hearing threshold was reached, if it was.
    pub hearing_at: Option<i64>,
    /// Whether the reader may follow it (signed in, and may read it).
    pub can_follow: bool,
    /// `None` when the reader does not follow it; else whether e-mails are on.
    pub following: Option<bool>,
    /// How many accounts follow it.
    pub followers: i64,
    /// The photos attached by the petitioner (none when redacted).
    #[serde(default)]
    pub photos: Vec<PhotoView>,
    /// What the reader (handling it) may reassign it to, if they may.
    #[serde(default)]
    pub assign: Option<crate::petitions::routing::model::AssignOptions>,
    /// Hidden by a moderator, duplicate of another, reports; what the reader may do.
    #[serde(default)]
    pub moderation: crate::petitions::moderation::model::ModerationView,
}

impl PetitionDetail {
    /// Empties everything the petitioner wrote (title, text, photos, name,
    /// rating comment, the notes of their own timeline steps) for a reader
    /// who may not see it; status and the officers' steps stay.
    pub fn withhold_text(&mut self) {
        self.summary.title.clear();
        self.body.clear();
        self.photos.clear();
        self.author = None;
        self.rating = None;
        for e in self.events.iter_mut().filter(|e| e.by_petitioner) {
            e.note.clear();
        }
    }

    /// Empties everything written on a private petition, the petitioner's
    /// text and the officers' notes and answer, for a reader who may not read
    /// it: the status and the time and agency of each step stay.
    pub fn withhold_private(&mut self) {
        self.withhold_text();
        self.answer = None;
        // Notes of status steps and moderators are written text; the other
        // kinds' notes are a number or a tracking code.
        for e in self.events.iter_mut().filter(|e| {
            matches!(
                e.kind,
                EventKind::Status | EventKind::Hidden | EventKind::Restored
            )
        }) {
            e.note.clear();
        }
    }
}

/// A photo attached to a petition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoView {
    /// Where it is served (`/photos/<file>`).
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The petitioner's rating of the official answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    /// 1 to 5.
    pub stars: i64,
    /// Their comment (may be empty).
    pub comment: String,
}

/// One page of a petition list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionPage {
    /// The petitions on this page.
    pub items: Vec<PetitionSummary>,
    /// How many match, counted up to a cap (see `more`).
    pub total: i64,
    /// Whether more than `total` match: the count stops at a cap.
    #[serde(default)]
    pub more: bool,
    /// This page (1-based).
    pub page: i64,
    /// Petitions per page.
    pub per_page: i64,
}

impl PetitionPage {
    /// The number of pages.
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Filters of the public list (all optional; empty strings mean "any").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ListFilter {
    /// Search words (found with or without diacritics).
    pub q: String,
    /// A status name.
    pub status: String,
    /// A category code.
    pub category: String,
    /// `newest` (default) or `supported`.
    pub sort: String,
    /// Page number, from 1.
    pub page: i64,
    /// A locality id: it and everything within it.
    pub locality: String,
    /// An agency id.
    pub agency: String,
}

/// A timeline step in words: the status it moved to, or the threshold reached.
pub fn describe_step(locale: Locale, kind: EventKind, status: Status, note: &str) -> String {
    match kind {
        EventKind::Status => translate(locale, status.label_key()),
        _ => translate(locale, kind.label_key())
            .replace("%{count}", note)
            .replace("%{code}", note),
    }
}

/// What a citizen types to submit.
pub struct Submission {
    /// `petition` or `feedback`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Category id.
    pub category: String,
    /// Locality id.
    pub locality: String,
    /// `public` or `private`.
    pub visibility: String,
    /// Whether to show the author's name publicly.
    pub show_name: bool,
}
