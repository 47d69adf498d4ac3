//! Opinion groups, as the page shows them: participants placed on a map by
//! how they marked the comments, the groups drawn on it, what sets each
//! group apart, and what every group agrees with. Computed in the
//! background ([`super::opinions`]), never on the request path.

use serde::{Deserialize, Serialize};

/// A consultation's opinion map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpinionMap {
    /// Participants placed (those who marked enough comments).
    pub participants: i64,
    /// When it was computed (ms).
    pub computed_at: i64,
    /// Each participant's place, both coordinates in [-1, 1], and group.
    pub points: Vec<MapPoint>,
    /// The groups, largest first.
    pub groups: Vec<OpinionGroup>,
    /// Comments that every group agrees with, most broadly first.
    pub consensus: Vec<CommentShare>,
}

/// One participant on the map (who it is is not kept).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// Across.
    pub x: f32,
    /// Up.
    pub y: f32,
    /// Its group (index into [`OpinionMap::groups`]).
    pub group: usize,
}

/// One group of participants who marked alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpinionGroup {
    /// How many participants it holds.
    pub size: i64,
    /// The comments that set it apart, most telling first.
    pub distinctive: Vec<CommentShare>,
}

/// How a group (or every group) stands on one comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentShare {
    /// The comment.
    pub comment: i64,
    /// Whether the group agrees with it (else it disagrees).
    pub agrees: bool,
    /// The share of the group that does, in percent (for consensus: the
    /// lowest share over the groups).
    pub share: i64,
    /// The share of everyone else that does, in percent (consensus: none).
    pub others: Option<i64>,
    /// Its article, filled when the page is read.
    #[serde(default)]
    pub article: String,
    /// Its text, filled when the page is read.
    #[serde(default)]
    pub body: String,
}

/// A group's name on the page: A, B, C…
pub fn group_name(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}
