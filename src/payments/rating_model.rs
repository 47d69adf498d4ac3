//! Service ratings on the wire: the rating page of a served case, and the
//! statistics per agency and counter.

use super::views::ProcedureName;
use serde::{Deserialize, Serialize};

/// A served case as its rating page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    /// The case's code.
    pub code: String,
    /// The procedure.
    pub procedure: ProcedureName,
    /// The counter.
    pub counter: String,
    /// The agency.
    pub agency: String,
    /// The stars given, once rated.
    pub rated: Option<i64>,
}

/// The ratings of one counter (or of an agency's cases without a counter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterRatings {
    /// The counter's name (empty: cases started online).
    pub counter: String,
    /// How many ratings.
    pub count: i64,
    /// The sum of their stars.
    pub stars: i64,
}

/// The ratings of an agency, with its counters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRatings {
    /// The agency.
    pub agency: String,
    /// How many ratings.
    pub count: i64,
    /// The sum of their stars.
    pub stars: i64,
    /// Its counters, by name.
    pub counters: Vec<CounterRatings>,
}

/// The average of `stars` over `count` ratings with one decimal ("4,3"
/// style is left to the page): tenths, rounded.
pub fn average_tenths(stars: i64, count: i64) -> i64 {
    if count > 0 {
        (stars * 10 + count / 2) / count
    } else {
        0
    }
}

/// Tenths as "4.3".
pub fn tenths(t: i64) -> String {
    format!("{}.{}", t / 10, t % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_round_to_tenths() {
        assert_eq!(tenths(average_tenths(13, 3)), "4.3");
        assert_eq!(tenths(average_tenths(5, 1)), "5.0");
        assert_eq!(tenths(average_tenths(9, 2)), "4.5");
        assert_eq!(average_tenths(0, 0), 0);
    }
}
