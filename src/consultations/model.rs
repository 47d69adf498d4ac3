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

/// Reads a `datetime-local` value (`2026-12-01T08:00`, seconds optional) as
/// Vietnam time (UTC+7), into epoch milliseconds; refused on `field` when
/// empty or not a date and time.
pub fn parse_local_time(field: &str, raw: &str) -> Result<i64, AppError> {
    use time::macros::{format_description, offset};
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(field, "consultations.time_required"));
    }
    let short = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let long = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(raw, short)
        .or_else(|_| time::PrimitiveDateTime::parse(raw, long))
        .map(|t| t.assume_offset(offset!(+7)).unix_timestamp() * 1000)
        .map_err(|_| AppError::invalid(field, "consultations.time_invalid"))
}

/// The `datetime-local` value of an instant, in Vietnam time.
pub fn local_time_input(ms: i64) -> String {
    use time::macros::{format_description, offset};
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.to_offset(offset!(+7))
                .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
                .ok()
        })
        .unwrap_or_default()
}

/// What is left of a window, in the largest whole unit: days, else hours,
/// else minutes (at least one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLeft {
    /// Whole days.
    Days(i64),
    /// Whole hours (under a day).
    Hours(i64),
    /// Minutes (under an hour, at least 1).
    Minutes(i64),
}

impl TimeLeft {
    /// The time left for `ms` milliseconds.
    pub fn of(ms: i64) -> TimeLeft {
        const MINUTE: i64 = 60_000;
        if ms >= 24 * 60 * MINUTE {
            TimeLeft::Days(ms / (24 * 60 * MINUTE))
        } else if ms >= 60 * MINUTE {
            TimeLeft::Hours(ms / (60 * MINUTE))
        } else {
            TimeLeft::Minutes((ms / MINUTE).max(1))
        }
    }

    /// The number and the plural key of its unit.
    pub fn parts(self) -> (i64, &'static str) {
        match self {
            TimeLeft::Days(n) => (n, "consultations.days"),
            TimeLeft::Hours(n) => (n, "consultations.hours"),
            TimeLeft::Minutes(n) => (n, "consultations.minutes"),
        }
    }
}

impl Phase {
    /// The value used in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Open => "open",
            Phase::Closed => "closed",
        }
    }

    /// Reads a phase from a URL or form.
    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "upcoming" => Some(Phase::Upcoming),
            "open" => Some(Phase::Open),
            "closed" => Some(Phase::Closed),
            _ => None,
        }
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Phase::Upcoming => "consultations.phase_upcoming",
            Phase::Open => "consultations.phase_open",
            Phase::Closed => "consultations.phase_closed",
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
    fn local_times_are_vietnam_time() {
        // 2026-01-01T07:00 in Vietnam is 2026-01-01T00:00Z.
        assert_eq!(
            parse_local_time("opens_at", "2026-01-01T07:00").unwrap(),
            1_767_225_600_000
        );
        assert_eq!(
            parse_local_time("opens_at", "2026-01-01T07:00:00").unwrap(),
            1_767_225_600_000
        );
        assert_eq!(local_time_input(1_767_225_600_000), "2026-01-01T07:00");
        let (field, key) = field_and_key(parse_local_time("closes_at", "").unwrap_err());
        assert_eq!(
            (field.as_str(), key.as_str()),
            ("closes_at", "consultations.time_required")
        );
        let (_, key) = field_and_key(parse_local_time("closes_at", "31/12/2026").unwrap_err());
        assert_eq!(key, "consultations.time_invalid");
    }

    #[test]
    fn time_left_uses_the_largest_whole_unit() {
        assert_eq!(TimeLeft::of(3 * 86_400_000 + 5), TimeLeft::Days(3));
        assert_eq!(TimeLeft::of(86_400_000 - 1), TimeLeft::Hours(23));
        assert_eq!(TimeLeft::of(59 * 60_000), TimeLeft::Minutes(59));
        assert_eq!(TimeLeft::of(1), TimeLeft::Minutes(1));
        for p in [Phase::Upcoming, Phase::Open, Phase::Closed] {
            assert_eq!(Phase::parse(p.as_str()), Some(p));
        }
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
