//! What changed between two versions of a draft, as the page shows it:
//! each article added, removed or changed, a changed one as runs of words
//! kept, taken out and put in.

use super::draft::Article;
use serde::{Deserialize, Serialize};

/// A run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    /// In both versions.
    Same(String),
    /// Only in the new one.
    Added(String),
    /// Only in the old one.
    Removed(String),
}

/// How an article changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New in this version.
    Added,
    /// Its text changed.
    Changed,
    /// Taken out of this version.
    Removed,
}

/// An article that changed in the newest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleChange {
    /// Its number.
    pub number: String,
    /// Its title (the old one for a removed article).
    pub title: String,
    /// How it changed.
    pub kind: ChangeKind,
    /// The word diff from the old text to the new.
    pub pieces: Vec<Piece>,
}

/// The newest version of a consultation's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    /// Its number (1 for the first).
    pub number: i64,
    /// When it was published (ms); `None` while a draft.
    pub published_at: Option<i64>,
    /// What changed from the version before it (empty for the first).
    pub changes: Vec<ArticleChange>,
}

impl VersionView {
    /// The change of article `number` in this version, if it changed.
    pub fn change_of(&self, number: &str) -> Option<&ArticleChange> {
        self.changes.iter().find(|c| c.number == number)
    }
}

/// An article as plain text, one line each for its title, its lead, its
/// clauses and their points: what a diff compares.
pub fn plain(a: &Article) -> String {
    let mut out = a.title.clone();
    if !a.text.is_empty() {
        out.push('\n');
        out.push_str(&a.text);
    }
    for c in &a.clauses {
        out.push_str(&format!("\n{}. {}", c.number, c.text));
        for p in &c.points {
            out.push_str(&format!("\n{}) {}", p.letter, p.text));
        }
    }
    out
}
