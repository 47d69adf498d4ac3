//! Public petition statistics: counts by status and category, median times
//! to the first answer and to closing, and satisfaction per agency. The
//! shapes cross the wire; the arithmetic is pure and tested here.

use crate::i18n::{translate, Locale};
use crate::petitions::model::Status;
use crate::petitions::views::Names;
use serde::{Deserialize, Serialize};

/// The statistics page and `GET /api/v1/petitions/statistics`. Public and
/// private petitions are both counted: counts reveal no text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    /// Petitions in all.
    pub total: i64,
    /// How many are at each status (every status, zeros included).
    pub by_status: Vec<StatusCount>,
    /// How many are filed under each category (every category).
    pub by_category: Vec<CategoryCount>,
    /// Time to the first answer.
    pub to_answer: MedianTime,
    /// Time to closing.
    pub to_close: MedianTime,
    /// Per agency that handles petitions.
    pub agencies: Vec<AgencyStats>,
}

/// Petitions at one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// How many.
    pub count: i64,
}

/// Petitions under one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    /// Category code.
    pub code: String,
    /// Its names.
    pub names: Names,
    /// How many.
    pub count: i64,
}

/// The median of a duration over the petitions that reached a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedianTime {
    /// Median milliseconds from submission, if any petition got there.
    pub median_ms: Option<i64>,
    /// How many petitions it is taken over.
    pub petitions: i64,
}

impl MedianTime {
    /// The median of `durations` (ms).
    pub fn of(durations: Vec<i64>) -> MedianTime {
        MedianTime {
            petitions: durations.len() as i64,
            median_ms: median(durations),
        }
    }
}

/// One agency's load and how satisfied petitioners were with its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyStats {
    /// Agency name.
    pub agency: String,
    /// Petitions it handles (or handled).
    pub petitions: i64,
    /// Answers rated.
    pub ratings: i64,
    /// Average rating 1–5 (two decimals), if any.
    pub average_rating: Option<f64>,
}

/// The median of `values`: the middle one, or the mean of the two middle ones
/// (rounded down); `None` when empty.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]).div_euclid(2)
    })
}

/// The mean of `stars`, to two decimals; `None` when empty.
pub fn average(stars: &[i64]) -> Option<f64> {
    if stars.is_empty() {
        return None;
    }
    let mean = stars.iter().sum::<i64>() as f64 / stars.len() as f64;
    Some((mean * 100.0).round() / 100.0)
}

/// A duration as people say it, in the two largest units: "3 ngày 4 giờ",
/// "2 hours 5 minutes", "45분".
pub fn human_duration(ms: i64, locale: Locale) -> String {
    let minutes = ms.max(0) / 60_000;
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let unit = |n: i64, one: &str, many: &str| {
        let key = if n == 1 { one } else { many };
        translate(locale, key).replace("%{n}", &n.to_string())
    };
    let day = |n| unit(n, "petitions.duration_day", "petitions.duration_days");
    let hour = |n| unit(n, "petitions.duration_hour", "petitions.duration_hours");
    let minute = |n| unit(n, "petitions.duration_minute", "petitions.duration_minutes");
    let parts = match (days, hours, mins) {
        (0, 0, 0) => return translate(locale, "petitions.duration_under_minute"),
        (0, 0, m) => vec![minute(m)],
        (0, h, 0) => vec![hour(h)],
        (0, h, m) => vec![hour(h), minute(m)],
        (d, 0, _) => vec![day(d)],
        (d, h, _) => vec![day(d), hour(h)],
    };
    parts.join(" ")
}

/// A rating with one decimal, in the locale's decimal mark ("4,5" in Vietnamese).
pub fn rating_text(average: f64, locale: Locale) -> String {
    let text = format!("{average:.1}");
    match locale {
        Locale::Vi => text.replace('.', ","),
        Locale::En | Locale::Ko => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_empty_lists() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5));
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2)); // (2 + 3) / 2 rounded down
        assert_eq!(median(vec![10, 20]), Some(15));
        let t = MedianTime::of(vec![3, 1, 2]);
        assert_eq!((t.median_ms, t.petitions), (Some(2), 3));
    }

    #[test]
    fn averages_round_to_two_decimals() {
        assert_eq!(average(&[]), None);
        assert_eq!(average(&[5, 4]), Some(4.5));
        assert_eq!(average(&[1, 2, 2]), Some(1.67));
        assert_eq!(rating_text(4.5, Locale::Vi), "4,5");
        assert_eq!(rating_text(4.5, Locale::En), "4.5");
    }

    #[test]
    fn durations_read_humanly_in_each_language() {
        let (minute, hour, day) = (60_000, 3_600_000, 86_400_000);
        assert_eq!(
            human_duration(3 * day + 4 * hour, Locale::Vi),
            "3 ngày 4 giờ"
        );
        assert_eq!(
            human_duration(3 * day + 4 * hour, Locale::En),
            "3 days 4 hours"
        );
        assert_eq!(human_duration(3 * day + 4 * hour, Locale::Ko), "3일 4시간");
        assert_eq!(human_duration(day + 5 * minute, Locale::En), "1 day");
        assert_eq!(human_duration(hour + minute, Locale::En), "1 hour 1 minute");
        assert_eq!(human_duration(2 * hour, Locale::En), "2 hours");
        assert_eq!(human_duration(45 * minute, Locale::Ko), "45분");
        assert_eq!(human_duration(59_000, Locale::En), "less than a minute");
    }
}
