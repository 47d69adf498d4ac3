//! Consultation types shared by both halves: the status, the window a
//! consultation is open in and where a moment falls in it, and the field
//! errors of a refused draft.

use super::draft::DraftError;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Whether the public can see a consultation yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being prepared by its agency: visible to its officers and admins only.
    Draft,
    /// Visible to everyone.
    Published,
}

impl Status {
    /// The value stored in `consultations.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }

    /// Reads a stored status.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Status::Draft),
            "published" => Some(Status::Published),
            _ => None,
        }
    }
}

/// Where a moment falls in a consultation's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before it opens.
    Upcoming,
    /// Open: comments and ballots are taken.
    Open,
    /// After it closes: everything is read-only.
    Closed,
}

/// The instants (epoch milliseconds) a consultation opens and closes;
/// the close always comes after the open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    opens_at: i64,
    closes_at: i64,
}

impl Window {
    /// A window, refused (on the field `closes_at`) unless it closes after it opens.
    pub fn new(opens_at: i64, closes_at: i64) -> Result<Self, AppError> {
        if closes_at <= opens_at {
            return Err(AppError::invalid(
                "closes_at",
                "consultations.window_invalid",
            ));
        }
        Ok(Window {
            opens_at,
            closes_at,
        })
    }

    /// When it opens.
    pub fn opens_at(&self) -> i64 {
        self.opens_at
    }

    /// When it closes.
    pub fn closes_at(&self) -> i64 {
        self.closes_at
    }

    /// Where `now` falls: open from `opens_at` (included) to `closes_at` (excluded).
    pub fn phase(&self, now: i64) -> Phase {
        if now < self.opens_at {
            Phase::Upcoming
        } else if now < self.closes_at {
            Phase::Open
        } else {
            Phase::Closed
        }
    }

    /// Milliseconds until the next change of phase (the open, or the close),
    /// or `None` once closed.
    pub fn time_left(&self, now: i64) -> Option<i64> {
        match self.phase(now) {
            Phase::Upcoming => Some(self.opens_at - now),
            Phase::Open => Some(self.closes_at - now),
            Phase::Closed => None,
        }
    }
}

impl From<DraftError> for AppError {
    fn from(e: DraftError) -> Self {
        let key = match e {
            DraftError::NoArticles => "consultations.no_articles",
            DraftError::DuplicateArticle(_) => "consultations.duplicate_article",
        };
        AppError::invalid("draft", key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_and_key(e: AppError) -> (String, String) {
        match e {
            AppError::Validation { field, key } => (field, key),
            other => panic!("not a field error: {other:?}"),
        }
    }

    #[test]
    fn a_window_must_close_after_it_opens() {
        for (open, close) in [(10, 10), (10, 9)] {
            let (field, key) = field_and_key(Window::new(open, close).unwrap_err());
            assert_eq!(field, "closes_at");
            assert_eq!(key, "consultations.window_invalid");
        }
        assert!(Window::new(10, 11).is_ok());
    }

    #[test]
    fn phase_and_time_left_follow_the_window() {
        let w = Window::new(100, 200).unwrap();
        assert_eq!((w.phase(99), w.time_left(99)), (Phase::Upcoming, Some(1)));
        assert_eq!((w.phase(100), w.time_left(100)), (Phase::Open, Some(100)));
        assert_eq!((w.phase(199), w.time_left(199)), (Phase::Open, Some(1)));
        assert_eq!((w.phase(200), w.time_left(200)), (Phase::Closed, None));
    }

    #[test]
    fn status_round_trips_through_its_stored_text() {
        for s in [Status::Draft, Status::Published] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("hidden"), None);
    }

    #[test]
    fn a_refused_draft_is_a_field_error_on_the_draft() {
        let (field, key) = field_and_key(DraftError::NoArticles.into());
        assert_eq!(
            (field.as_str(), key.as_str()),
            ("draft", "consultations.no_articles")
        );
        let (field, key) = field_and_key(DraftError::DuplicateArticle("3".into()).into());
        assert_eq!(
            (field.as_str(), key.as_str()),
            ("draft", "consultations.duplicate_article")
        );
    }
}
