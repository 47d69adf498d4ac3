//! What crosses the wire about subjects: an inbox entry, described by the
//! subject's domain, and why a subject is reported as abusive.

use serde::{Deserialize, Serialize};

/// One entry of an account's inbox: a step of a subject it follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    /// Id.
    pub id: i64,
    /// When the entry was made (ms).
    pub at: i64,
    /// Whether the account has read it.
    pub read: bool,
    /// The subject's kind (`petition`).
    pub subject: String,
    /// The subject's short public name (a petition's tracking code).
    pub code: String,
    /// Its title (empty while withheld, e.g. hidden by a moderator).
    pub title: String,
    /// Where the subject's page is.
    pub link: String,
    /// What the step records (its kind).
    pub kind: String,
    /// The subject's state after the step.
    pub status: String,
    /// The step's note.
    pub note: String,
    /// The step in words, in the reader's language.
    pub what: String,
}

/// Why a citizen reports a subject (a petition, a comment) as abusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Advertising or repeated junk.
    Spam,
    /// Insults, threats or hate.
    Abuse,
    /// Someone's private data (phone, address, ID number).
    PersonalData,
    /// Deliberately false or misleading.
    Misleading,
    /// Something else (the comment says what).
    Other,
}

impl ReportReason {
    /// Every reason, in the order the form offers them.
    pub const ALL: &'static [ReportReason] = &[
        ReportReason::Spam,
        ReportReason::Abuse,
        ReportReason::PersonalData,
        ReportReason::Misleading,
        ReportReason::Other,
    ];

    /// The name stored in the database and sent by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Abuse => "abuse",
            ReportReason::PersonalData => "personal_data",
            ReportReason::Misleading => "misleading",
            ReportReason::Other => "other",
        }
    }

    /// Parses a stored or submitted name.
    pub fn parse(s: &str) -> Option<ReportReason> {
        Self::ALL.iter().copied().find(|r| r.as_str() == s.trim())
    }

    /// The catalogue key of the reason shown to users.
    pub fn label_key(self) -> &'static str {
        match self {
            ReportReason::Spam => "moderation.reason_spam",
            ReportReason::Abuse => "moderation.reason_abuse",
            ReportReason::PersonalData => "moderation.reason_personal_data",
            ReportReason::Misleading => "moderation.reason_misleading",
            ReportReason::Other => "moderation.reason_other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_reasons_round_trip() {
        for r in ReportReason::ALL {
            assert_eq!(ReportReason::parse(r.as_str()), Some(*r));
            assert!(r.label_key().starts_with(concat!("moderation.", "reason_")));
        }
        assert_eq!(ReportReason::parse(" spam "), Some(ReportReason::Spam));
        assert_eq!(ReportReason::parse(""), None);
        assert_eq!(ReportReason::parse("boring"), None);
    }
}
