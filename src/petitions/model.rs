//! Petition types shared by both halves: tracking codes, the status workflow,
//! inputs that validate on construction, and the accent-folding search key.

use crate::error::AppError;
use crate::text::{self, Messages, Rules};
use serde::{Deserialize, Serialize};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The 29 characters a code may contain after the year: digits and capital
/// letters without 0/O, 1/I/L, U (as in Crockford base32) and Z (looks like 2),
/// so that the alphabet has a prime number of characters.
const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTVWXY";
/// Weights of the year (2), body (5) and check (1) characters, all distinct mod 29.
const WEIGHTS: [u32; 8] = [8, 7, 6, 5, 4, 3, 2, 1];

/// Weighted sum of the year, body and (if present) check characters, mod 29.
/// A digit counts as itself wherever it stands; a letter counts as its index in
/// [`ALPHABET`] + 2, so the 29 alphabet characters take every residue once.
fn weighted_sum(chars: &[u8]) -> u32 {
    let value = |c: u8| match ALPHABET.iter().position(|&a| a == c) {
        Some(i) => (i as u32 + 2) % 29,
        None => u32::from(c - b'0'), // year digits 0 and 1
    };
    let sum: u32 = chars.iter().zip(WEIGHTS).map(|(&c, w)| w * value(c)).sum();
    sum % 29
}

/// A petition's public tracking code, for example `QT-26-7K3M9-5`: a two-letter
/// prefix, the two-digit year, five random characters and a check character.
///
/// The check character makes the weighted sum `8·y₁ + 7·y₂ + 6·b₁ + … + 2·b₅ + 1·c`
/// divisible by 29. Because 29 is prime and the weights are distinct and
/// non-zero mod 29, every single-character substitution and every
/// transposition (adjacent or not) among the year, body and check characters
/// changes the sum and is rejected as [`TrackingCodeError::BadCheck`]. The
/// prefix names the deployment and is not covered by the check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingCode(String);

/// Why a typed tracking code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TrackingCodeError {
    /// Not shaped like a tracking code (length, or characters no code contains).
    #[error("malformed tracking code")]
    Malformed,
    /// Shaped like a code, but the check character does not match: a typo.
    #[error("tracking code check character does not match")]
    BadCheck,
}

impl From<TrackingCodeError> for AppError {
    fn from(_: TrackingCodeError) -> Self {
        AppError::invalid("code", "petitions.code_invalid")
    }
}

impl TrackingCode {
    /// The prefix used when none (or an invalid one) is configured.
    pub const DEFAULT_PREFIX: &'static str = "QT";

    /// Whether `prefix` is usable: exactly two ASCII capital letters.
    pub fn is_valid_prefix(prefix: &str) -> bool {
        prefix.len() == 2 && prefix.bytes().all(|b| b.is_ascii_uppercase())
    }

    /// Makes a code from server-supplied randomness. `prefix` is upper-cased and
    /// replaced by [`Self::DEFAULT_PREFIX`] if invalid; `year` may be 2026 or 26.
    /// Codes are not unique: the server must retry on a collision.
    pub fn generate(prefix: &str, year: u16, random: u64) -> TrackingCode {
        let prefix = prefix.to_ascii_uppercase();
        let prefix = if Self::is_valid_prefix(&prefix) {
            prefix.as_str()
        } else {
            Self::DEFAULT_PREFIX
        };
        let yy = year % 100;
        let mut chars = vec![b'0' + (yy / 10) as u8, b'0' + (yy % 10) as u8];
        let mut r = random;
        for _ in 0..5 {
            chars.push(ALPHABET[(r % 29) as usize]);
            r /= 29;
        }
        let check = (29 - weighted_sum(&chars)) % 29;
        chars.push(ALPHABET[((check + 27) % 29) as usize]);
        Self::from_parts(prefix.as_bytes(), &chars)
    }

    /// Parses a typed code leniently: ignores case, spaces and dashes, reads
    /// O as 0 and I/L as 1 in the year, and Z as 2 and U as V after it (their
    /// only look-alikes). 0, 1, O, I and L after the year match no character of
    /// the alphabet and make the code malformed.
    pub fn parse(s: &str) -> Result<TrackingCode, TrackingCodeError> {
        use TrackingCodeError::*;
        if s.len() > 64 {
            return Err(Malformed);
        }
        let separator = |c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}');
        let ascii = |c: char| u8::try_from(c.to_ascii_uppercase()).unwrap_or(0); // 0: malformed
        let mut chars: Vec<u8> = s.chars().filter(|&c| !separator(c)).map(ascii).collect();
        if chars.len() != 10 || !chars[..2].iter().all(u8::is_ascii_uppercase) {
            return Err(Malformed);
        }
        for (i, c) in chars.iter_mut().enumerate().skip(2) {
            *c = match (i < 4, *c) {
                (true, b'O') => b'0',
                (true, b'I' | b'L') => b'1',
                (_, b'Z') => b'2',
                (false, b'U') => b'V',
                (_, c) => c,
            };
            if (i < 4 && !c.is_ascii_digit()) || (i >= 4 && !ALPHABET.contains(c)) {
                return Err(Malformed);
            }
        }
        if weighted_sum(&chars[2..]) != 0 {
            return Err(BadCheck);
        }
        Ok(Self::from_parts(&chars[..2], &chars[2..]))
    }

    /// Joins a prefix and the 8 checked characters (all ASCII) with dashes.
    fn from_parts(prefix: &[u8], rest: &[u8]) -> TrackingCode {
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let (p, year) = (text(prefix), text(&rest[..2]));
        let (body, check) = (text(&rest[2..7]), text(&rest[7..]));
        TrackingCode(format!("{p}-{year}-{body}-{check}"))
    }

    /// The canonical form, for example `QT-26-7K3M9-5`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for TrackingCode {
    type Error = TrackingCodeError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        TrackingCode::parse(&s)
    }
}

impl From<TrackingCode> for String {
    fn from(code: TrackingCode) -> String {
        code.0
    }
}

/// Defines a unit enum stored by its snake_case name, with `as_str`, `parse`,
/// `label_key`, `ALL` and `TryFrom<String>`. Keys are spelled out so that the
/// catalogue test finds them.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal => $key:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

            /// The name stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }

            /// Parses a stored name.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$v),)* _ => None }
            }

            /// The catalogue key of the name shown to users.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$v => $key,)* }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s).ok_or(s)
            }
        }
    };
}

stored_enum!(
    /// Whether a submission asks for action or just gives feedback.
    PetitionKind {
        /// A request for action (kiến nghị).
        Petition = "petition" => "petitions.kind_petition",
        /// Feedback or an opinion (phản ánh).
        Feedback = "feedback" => "petitions.kind_feedback",
    }
);

stored_enum!(
    /// Who may read a petition.
    Visibility {
        /// Anyone, listed publicly.
        Public = "public" => "petitions.visibility_public",
        /// Only the petitioner and the agency handling it.
        Private = "private" => "petitions.visibility_private",
    }
);

stored_enum!(
    /// Where a petition is in the workflow; see [`Status::can_move_to`].
    Status {
        /// Received, not yet reviewed.
        Submitted = "submitted" => "petitions.status_submitted",
        /// Reviewed and accepted for handling.
        Accepted = "accepted" => "petitions.status_accepted",
        /// Refused at review (final).
        Rejected = "rejected" => "petitions.status_rejected",
        /// Assigned to an agency.
        Assigned = "assigned" => "petitions.status_assigned",
        /// Being worked on.
        InProgress = "in_progress" => "petitions.status_in_progress",
        /// The agency has answered.
        Answered = "answered" => "petitions.status_answered",
        /// Closed (final).
        Closed = "closed" => "petitions.status_closed",
    }
);

stored_enum!(
    /// What a timeline step records.
    EventKind {
        /// The petition moved to the step's status.
        Status = "status" => "petitions.event_status",
        /// Enough supports to oblige an answer by a deadline.
        AnswerDue = "answer_due" => "petitions.event_answer_due",
        /// Enough supports to put the petition on a public hearing's agenda.
        Hearing = "hearing" => "petitions.event_hearing",
        /// A moderator hid the text; the note is the reason.
        Hidden = "hidden" => "moderation.event_hidden",
        /// A moderator showed the text again; the note says why.
        Restored = "restored" => "moderation.event_restored",
        /// Closed as a duplicate; the note is the original's tracking code.
        Duplicate = "duplicate" => "moderation.event_duplicate",
    }
);

impl Status {
    /// Whether the workflow allows moving from `self` to `next`. Answered may go
    /// back to in progress when the petitioner reopens it; rejected and closed
    /// are final.
    pub fn can_move_to(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Submitted, Accepted | Rejected)
                | (Accepted, Assigned)
                | (Assigned, InProgress | Answered)
                | (InProgress, Answered)
                | (Answered, Closed | InProgress)
        )
    }

    /// Open311's "open" (true) or "closed" (false): closed and rejected are closed.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Rejected)
    }
}

/// A petition title: NFC-normalised, trimmed, 10 to 150 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionTitle(String);

impl PetitionTitle {
    /// Validates and normalises a title.
    pub fn parse(s: &str) -> Result<PetitionTitle, AppError> {
        let rules = Rules {
            min: 10,
            max: 150,
            lines: false,
        };
        let messages = Messages {
            too_short: "petitions.title_too_short",
            too_long: "petitions.title_too_long",
            invalid: "petitions.title_invalid",
        };
        text::check(s, "title", rules, messages).map(PetitionTitle)
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A petition body: NFC-normalised, trimmed, 30 to 5000 characters. Line breaks
/// are allowed (CRLF and CR become LF: browsers send CRLF); other control
/// characters, tabs included, are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionBody(String);

impl PetitionBody {
    /// Validates and normalises a body.
    pub fn parse(s: &str) -> Result<PetitionBody, AppError> {
        let rules = Rules {
            min: 30,
            max: 5000,
            lines: true,
        };
        let messages = Messages {
            too_short: "petitions.body_too_short",
            too_long: "petitions.body_too_long",
            invalid: "petitions.body_invalid",
        };
        text::check(s, "body", rules, messages).map(PetitionBody)
    }

    /// The body.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Folds Vietnamese text for accent-insensitive search: drops tone and vowel
/// marks, maps đ/Đ to d, lower-cases and collapses whitespace, so
/// `"Đường  Lê Duẩn"` becomes `"duong le duan"`. Apply it to both the stored
/// text and the query.
pub fn search_key(s: &str) -> String {
    let folded: String = s
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
