//! Polls and marks, shared by both halves: the kinds of poll and the choices
//! each accepts, the marks people put on comments, and how comments are
//! ranked by how broadly they are agreed with.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The kinds of poll an officer attaches to a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PollKind {
    /// One of the officer's options.
    Single,
    /// Up to a maximum of the officer's options.
    Multiple,
    /// Yes or no.
    YesNo,
    /// 1 to 5.
    Scale,
}

/// Most options a single or multiple choice poll may have.
pub const MAX_OPTIONS: usize = 12;

impl PollKind {
    /// The value stored in `consultation_polls.kind` and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            PollKind::Single => "single",
            PollKind::Multiple => "multiple",
            PollKind::YesNo => "yes_no",
            PollKind::Scale => "scale",
        }
    }

    /// Reads a stored or sent kind.
    pub fn parse(s: &str) -> Option<PollKind> {
        match s {
            "single" => Some(PollKind::Single),
            "multiple" => Some(PollKind::Multiple),
            "yes_no" => Some(PollKind::YesNo),
            "scale" => Some(PollKind::Scale),
            _ => None,
        }
    }

    /// Every kind, in the order the officer's form lists them.
    pub const ALL: [PollKind; 4] = [
        PollKind::Single,
        PollKind::Multiple,
        PollKind::YesNo,
        PollKind::Scale,
    ];

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            PollKind::Single => "consultations.kind_single",
            PollKind::Multiple => "consultations.kind_multiple",
            PollKind::YesNo => "consultations.kind_yes_no",
            PollKind::Scale => "consultations.kind_scale",
        }
    }

    /// The options a poll of this kind gets: its own fixed ones (yes/no,
    /// 1-5: stored as `yes`, `no`, `1`…`5` and shown translated), or the
    /// officer's lines (2 to [`MAX_OPTIONS`], each 1-200 characters).
    pub fn options(self, lines: &str) -> Result<Vec<String>, AppError> {
        match self {
            PollKind::YesNo => Ok(vec!["yes".into(), "no".into()]),
            PollKind::Scale => Ok((1..=5).map(|n| n.to_string()).collect()),
            PollKind::Single | PollKind::Multiple => {
                let options: Vec<String> = lines
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                let invalid = |key| Err(AppError::invalid("options", key));
                if options.len() < 2 {
                    return invalid("consultations.options_too_few");
                }
                if options.len() > MAX_OPTIONS {
                    return invalid("consultations.options_too_many");
                }
                if options
                    .iter()
                    .any(|o| o.chars().count() > 200 || o.chars().any(char::is_control))
                {
                    return invalid("consultations.option_invalid");
                }
                Ok(options)
            }
        }
    }

    /// The most choices a ballot may hold: `max` (1 to the option count)
    /// for a multiple choice poll, one for the others.
    pub fn max_choices(self, max: &str, options: usize) -> Result<i64, AppError> {
        if self != PollKind::Multiple {
            return Ok(1);
        }
        match max.trim().parse::<usize>() {
            Ok(n) if (1..=options).contains(&n) => Ok(n as i64),
            _ => Err(AppError::invalid(
                "max_choices",
                "consultations.max_choices_invalid",
            )),
        }
    }
}

/// Checks a ballot: between one and `max` distinct options, every one of
/// them an option of this poll. Returns the chosen option ids, sorted.
pub fn check_choices(chosen: &[String], options: &[i64], max: i64) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::with_capacity(chosen.len());
    for c in chosen {
        match c.trim().parse::<i64>() {
            Ok(id) if options.contains(&id) => ids.push(id),
            _ => {
                return Err(AppError::invalid(
                    "choices",
                    "consultations.choice_not_in_poll",
                ))
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(AppError::invalid(
            "choices",
            "consultations.choice_required",
        ));
    }
    if ids.len() as i64 > max {
        return Err(AppError::invalid(
            "choices",
            "consultations.too_many_choices",
        ));
    }
    Ok(ids)
}

/// A mark on someone else's comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Agree (stored 1).
    Agree,
    /// Disagree (stored -1).
    Disagree,
    /// Pass: seen, no opinion (stored 0).
    Pass,
}

impl Mark {
    /// Reads a mark sent by a form.
    pub fn parse(s: &str) -> Result<Mark, AppError> {
        match s {
            "agree" => Ok(Mark::Agree),
            "disagree" => Ok(Mark::Disagree),
            "pass" => Ok(Mark::Pass),
            _ => Err(AppError::invalid("mark", "consultations.mark_invalid")),
        }
    }

    /// The value sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Agree => "agree",
            Mark::Disagree => "disagree",
            Mark::Pass => "pass",
        }
    }

    /// The value stored in `consultation_marks.mark`.
    pub fn stored(self) -> i64 {
        match self {
            Mark::Agree => 1,
            Mark::Disagree => -1,
            Mark::Pass => 0,
        }
    }

    /// Reads a stored mark.
    pub fn from_stored(v: i64) -> Option<Mark> {
        match v {
            1 => Some(Mark::Agree),
            -1 => Some(Mark::Disagree),
            0 => Some(Mark::Pass),
            _ => None,
        }
    }

    /// Every mark, in the order the buttons show them.
    pub const ALL: [Mark; 3] = [Mark::Agree, Mark::Disagree, Mark::Pass];

    /// The catalogue key of its button.
    pub fn label_key(self) -> &'static str {
        match self {
            Mark::Agree => "consultations.agree",
            Mark::Disagree => "consultations.disagree",
            Mark::Pass => "consultations.pass",
        }
    }
}

/// How broadly a comment is agreed with: the lower bound of the 95 % Wilson
/// score interval of the share of agrees among agrees and disagrees (passes
/// say nothing either way). Few marks give a wide interval and a low bound,
/// so three agrees rank below 280 of 300.
pub fn agreement(agree: i64, disagree: i64) -> f64 {
    let n = (agree + disagree) as f64;
    if n <= 0.0 {
        return 0.0;
    }
    let z = 1.959_964_f64;
    let p = agree as f64 / n;
    let z2 = z * z;
    (p + z2 / (2.0 * n) - z * ((p * (1.0 - p) + z2 / (4.0 * n)) / n).sqrt()) / (1.0 + z2 / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(e: AppError) -> String {
        e.message_key().to_string()
    }

    #[test]
    fn three_agrees_rank_below_280_of_300() {
        assert!(agreement(3, 0) < agreement(280, 20));
        assert!(agreement(0, 0) < agreement(1, 0));
        assert!(agreement(10, 10) < agreement(15, 5));
        let a = agreement(280, 20);
        assert!(a > 0.89 && a < 0.94, "{a}");
        assert!((0.0..=1.0).contains(&agreement(1000, 0)));
    }

    #[test]
    fn choices_must_be_options_of_the_poll_and_within_the_maximum() {
        let options = [10, 11, 12];
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            check_choices(&s(&["12", "10"]), &options, 2).unwrap(),
            vec![10, 12]
        );
        assert_eq!(
            check_choices(&s(&["10", "10"]), &options, 1).unwrap(),
            vec![10]
        );
        assert_eq!(
            key(check_choices(&s(&["10", "11", "12"]), &options, 2).unwrap_err()),
            "consultations.too_many_choices"
        );
        assert_eq!(
            key(check_choices(&s(&["99"]), &options, 1).unwrap_err()),
            "consultations.choice_not_in_poll"
        );
        assert_eq!(
            key(check_choices(&s(&["x"]), &options, 1).unwrap_err()),
            "consultations.choice_not_in_poll"
        );
        assert_eq!(
            key(check_choices(&[], &options, 1).unwrap_err()),
            "consultations.choice_required"
        );
    }

    #[test]
    fn each_kind_brings_its_options_and_maximum() {
        assert_eq!(
            PollKind::YesNo.options("ignored").unwrap(),
            vec!["yes", "no"]
        );
        assert_eq!(PollKind::Scale.options("").unwrap().len(), 5);
        assert_eq!(
            PollKind::Single.options("A\n\n B \r\nC").unwrap(),
            vec!["A", "B", "C"]
        );
        assert_eq!(
            key(PollKind::Multiple.options("only one").unwrap_err()),
            "consultations.options_too_few"
        );
        assert_eq!(PollKind::Multiple.max_choices("2", 3).unwrap(), 2);
        assert!(PollKind::Multiple.max_choices("4", 3).is_err());
        assert!(PollKind::Multiple.max_choices("0", 3).is_err());
        assert_eq!(PollKind::Single.max_choices("", 3).unwrap(), 1);
        for k in PollKind::ALL {
            assert_eq!(PollKind::parse(k.as_str()), Some(k));
        }
        for m in Mark::ALL {
            assert_eq!(Mark::parse(m.as_str()).unwrap(), m);
            assert_eq!(Mark::from_stored(m.stored()), Some(m));
        }
        assert!(Mark::parse("love").is_err());
    }
}
