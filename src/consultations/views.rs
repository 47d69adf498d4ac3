//! What the consultation pages are given (shared by both halves), and the
//! rules of the texts people write into them.

use super::draft::Block;
use super::model::{Phase, Status};
use super::poll_model::{Mark, PollKind};
use crate::error::AppError;
use crate::text::{check, Messages, Rules};
use serde::{Deserialize, Serialize};

/// A consultation in a list, and the head of its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    /// Row id.
    pub id: i64,
    /// The slug in its URL (`/consultations/<code>`).
    pub code: String,
    /// Title.
    pub title: String,
    /// What the draft is about, in a few lines.
    pub summary: String,
    /// The agency that runs it.
    pub agency: String,
    /// The locality it concerns.
    pub locality: String,
    /// When it opens (ms).
    pub opens_at: i64,
    /// When it closes (ms).
    pub closes_at: i64,
    /// Where now falls in its window.
    pub phase: Phase,
    /// Draft (officers only) or published.
    pub status: Status,
    /// Comments made on it.
    pub comments: i64,
    /// The server's clock when this was read (ms), for the time left.
    pub now: i64,
}

/// One page of the list's filters (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFilter {
    /// `open`, `upcoming`, `closed` or empty for all.
    #[serde(default)]
    pub phase: String,
    /// An agency id, or empty.
    #[serde(default)]
    pub agency: String,
    /// A locality id, or empty.
    #[serde(default)]
    pub locality: String,
}

/// A comment on an article, with its replies (one level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    /// Row id.
    pub id: i64,
    /// The article number it was made on.
    pub article: String,
    /// The comment it answers, for a reply.
    pub parent: Option<i64>,
    /// The author's display name.
    pub author: String,
    /// Its text.
    pub body: String,
    /// When it was made (ms).
    pub created_at: i64,
    /// Agree marks.
    pub agree: i64,
    /// Disagree marks.
    pub disagree: i64,
    /// Pass marks.
    pub pass: i64,
    /// Whether the reader wrote it.
    pub mine: bool,
    /// The reader's mark on it.
    pub my_mark: Option<Mark>,
    /// The moderator's reason while it is hidden (its text and author are
    /// then empty but for its moderators).
    pub hidden: Option<String>,
    /// Its open abuse reports (counted for its moderators only).
    pub reports: i64,
    /// Whether the reader may hide and restore it.
    pub can_moderate: bool,
    /// Replies, oldest first.
    pub replies: Vec<CommentView>,
}

/// An option of a poll, with its votes when the results are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    /// Row id (the value a ballot sends).
    pub id: i64,
    /// The officer's text, or the fixed `yes`/`no`/`1`…`5`.
    pub label: String,
    /// Ballots choosing it; `None` while the results are hidden.
    pub votes: Option<i64>,
}

/// A poll attached to a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    /// Row id.
    pub id: i64,
    /// The question.
    pub question: String,
    /// Its kind.
    pub kind: PollKind,
    /// Most options a ballot may choose.
    pub max_choices: i64,
    /// Whether results wait for the close.
    pub results_hidden: bool,
    /// Its options in order.
    pub options: Vec<OptionView>,
    /// Ballots cast; `None` while the results are hidden.
    pub ballots: Option<i64>,
    /// The options of the reader's ballot.
    pub my_choices: Vec<i64>,
}

/// A consultation's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationDetail {
    /// Its head.
    pub summary: ConsultationSummary,
    /// Text before the first heading or article.
    pub preamble: String,
    /// Headings and articles, in reading order.
    pub blocks: Vec<Block>,
    /// Comments, each article's ranked by agreement.
    pub comments: Vec<CommentView>,
    /// Its polls.
    pub polls: Vec<PollView>,
    /// Whether the reader may edit and publish it (officers of its agency, admins).
    pub can_manage: bool,
    /// Whether the reader is signed in (may comment, mark and vote while open).
    pub signed_in: bool,
    /// A one-time key for the page's forms: a form sent twice has one effect.
    pub form_key: String,
    /// Whether the reader follows it (`None`: no; else whether e-mails are on).
    pub following: Option<bool>,
    /// How many follow it.
    pub followers: i64,
    /// The pasted text of the newest version, for its managers to revise
    /// (empty for everyone else).
    pub source: String,
    /// The newest version of the text, and what it changed.
    pub version: super::version_model::VersionView,
    /// The agency's closing report, once published.
    pub report: Option<super::report_model::ReportView>,
    /// Its opinion groups, once enough people marked comments.
    pub opinions: Option<super::opinion_model::OpinionMap>,
}

impl ConsultationDetail {
    /// The comments (with replies) on article `number`.
    pub fn comments_on<'a>(&'a self, number: &'a str) -> impl Iterator<Item = &'a CommentView> {
        self.comments.iter().filter(move |c| c.article == number)
    }

    /// The articles, in reading order.
    pub fn articles(&self) -> impl Iterator<Item = &super::draft::Article> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Article(a) => Some(a),
            Block::Heading(_) => None,
        })
    }

    /// How many comments and replies article `number` has.
    pub fn comment_count(&self, number: &str) -> usize {
        self.comments_on(number).map(|c| 1 + c.replies.len()).sum()
    }
}

/// What the officer's form holds, for editing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFields {
    /// The consultation's slug (empty for a new one).
    pub code: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Agency id.
    pub agency: i64,
    /// Locality id.
    pub locality: i64,
    /// `datetime-local` value of the open.
    pub opens_at: String,
    /// `datetime-local` value of the close.
    pub closes_at: String,
    /// The pasted draft text.
    pub draft: String,
}

fn messages(field: &'static str) -> Messages {
    match field {
        "title" => Messages {
            too_short: "consultations.title_required",
            too_long: "consultations.title_too_long",
            invalid: "consultations.text_invalid",
        },
        "summary" => Messages {
            too_short: "consultations.summary_required",
            too_long: "consultations.summary_too_long",
            invalid: "consultations.text_invalid",
        },
        "draft" => Messages {
            too_short: "consultations.draft_required",
            too_long: "consultations.draft_too_long",
            invalid: "consultations.text_invalid",
        },
        "question" => Messages {
            too_short: "consultations.question_required",
            too_long: "consultations.question_too_long",
            invalid: "consultations.text_invalid",
        },
        _ => Messages {
            too_short: "consultations.comment_required",
            too_long: "consultations.comment_too_long",
            invalid: "consultations.text_invalid",
        },
    }
}

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 2000;

/// Checks a consultation's title (5-200 characters, one line).
pub fn check_title(raw: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 5,
        max: 200,
        lines: false,
    };
    check(raw, "title", rules, messages("title"))
}

/// Checks a summary (10-3000 characters).
pub fn check_summary(raw: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 10,
        max: 3000,
        lines: true,
    };
    check(raw, "summary", rules, messages("summary"))
}

/// Checks the pasted draft (1-200,000 characters; tabs become spaces).
pub fn check_draft_text(raw: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 1,
        max: 200_000,
        lines: true,
    };
    check(&raw.replace('\t', " "), "draft", rules, messages("draft"))
}

/// Checks a poll's question (5-300 characters, one line).
pub fn check_question(raw: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 5,
        max: 300,
        lines: false,
    };
    check(raw, "question", rules, messages("question"))
}

/// Checks a comment (1 to [`COMMENT_MAX`] characters).
pub fn check_comment(raw: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 1,
        max: COMMENT_MAX,
        lines: true,
    };
    check(raw, "body", rules, messages("body"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_checked_for_empty_and_oversized() {
        assert_eq!(check_comment("  Đồng ý  ").unwrap(), "Đồng ý");
        let e = check_comment("   ").unwrap_err();
        assert_eq!(
            (e.field(), e.message_key()),
            (Some("body"), "consultations.comment_required")
        );
        let e = check_comment(&"a".repeat(COMMENT_MAX + 1)).unwrap_err();
        assert_eq!(e.message_key(), "consultations.comment_too_long");
        assert!(check_comment(&"ễ".repeat(COMMENT_MAX)).is_ok());
        assert_eq!(
            check_title("Quy").unwrap_err().message_key(),
            "consultations.title_required"
        );
    }
}

/// A comment waiting in its moderators' queue: reported and not hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedComment {
    /// The comment.
    pub id: i64,
    /// Its consultation's slug.
    pub code: String,
    /// Its consultation's title.
    pub title: String,
    /// The article it is on.
    pub article: String,
    /// Its text.
    pub body: String,
    /// Its author.
    pub author: String,
    /// Its open reports.
    pub reports: i64,
    /// When the first was made (ms).
    pub first_reported_at: i64,
}
