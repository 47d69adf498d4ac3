//! The closing report of a consultation, as both halves see it: the agency's
//! verdict on each article and the report shown on the consultation's page.

use serde::{Deserialize, Serialize};

/// The agency's response to what was heard on an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The comments were taken into the text.
    Accepted,
    /// Taken in part.
    Partly,
    /// Not taken in; the reason says why.
    NotAccepted,
}

impl Verdict {
    /// Every verdict, in the order the form offers them.
    pub const ALL: [Verdict; 3] = [Verdict::Accepted, Verdict::Partly, Verdict::NotAccepted];

    /// The value stored and sent by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Partly => "partly",
            Verdict::NotAccepted => "not_accepted",
        }
    }

    /// Reads a stored or sent verdict.
    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Verdict::Accepted => "consultations.verdict_accepted",
            Verdict::Partly => "consultations.verdict_partly",
            Verdict::NotAccepted => "consultations.verdict_not_accepted",
        }
    }
}

/// The response to one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    /// The article's number.
    pub article: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub reason: String,
}

/// A published closing report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    /// What was heard, in a few paragraphs.
    pub summary: String,
    /// When it was published (ms).
    pub published_at: i64,
    /// The responses, in the text's order.
    pub responses: Vec<ResponseView>,
}

impl ReportView {
    /// The response to article `number`, if the report gives one.
    pub fn on(&self, number: &str) -> Option<&ResponseView> {
        self.responses.iter().find(|r| r.article == number)
    }
}

/// The form field of article `number`'s verdict (and of its error).
pub fn verdict_field(number: &str) -> String {
    format!("verdict_{number}")
}

/// The form field of article `number`'s reason (and of its error).
pub fn reason_field(number: &str) -> String {
    format!("reason_{number}")
}

#[cfg(test)]
mod tests {
    use super::Verdict;

    #[test]
    fn verdicts_round_trip_through_their_stored_text() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
        }
        assert_eq!(Verdict::parse(""), None);
        assert_eq!(Verdict::parse("rejected"), None);
    }
}
