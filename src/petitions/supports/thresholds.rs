//! Support thresholds: enough supports oblige an answer by a deadline, and
//! more put the petition on a public hearing's agenda.

use crate::petitions::model::EventKind;

/// The deployment's support thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Supports that oblige an answer.
    pub answer: i64,
    /// Days the agency then has to answer.
    pub answer_days: i64,
    /// Supports that put the petition on a public hearing's agenda.
    pub hearing: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            answer: 500,
            answer_days: 30,
            hearing: 5000,
        }
    }
}

impl Thresholds {
    /// The thresholds a count passed on its way from `before` up to `after`.
    pub fn crossed(&self, before: i64, after: i64) -> Vec<EventKind> {
        [
            (self.answer, EventKind::AnswerDue),
            (self.hearing, EventKind::Hearing),
        ]
        .into_iter()
        .filter(|&(at, _)| before < at && at <= after)
        .map(|(_, kind)| kind)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_is_crossed_once_on_the_way_up() {
        let t = Thresholds::default();
        assert!(t.crossed(0, 499).is_empty());
        assert_eq!(t.crossed(499, 500), vec![EventKind::AnswerDue]);
        assert!(t.crossed(500, 501).is_empty());
        assert_eq!(t.crossed(4990, 5010), vec![EventKind::Hearing]);
        assert_eq!(
            t.crossed(0, 6000),
            vec![EventKind::AnswerDue, EventKind::Hearing]
        );
        assert!(t.crossed(501, 499).is_empty(), "withdrawals cross nothing");
    }
}
