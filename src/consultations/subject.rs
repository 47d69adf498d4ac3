//! Consultations as subjects of the platform's timeline, follows and inbox
//! ([`crate::subjects`]): their kind, the steps their followers hear of (a
//! new version, the close, the closing report), how an inbox shows them,
//! and the e-mail of a step.

use crate::i18n::{translate, Locale};
use crate::subjects::inbox::{Described, Describer};
use crate::subjects::timeline::{self as steps, NewStep};
use crate::subjects::SubjectRef;
use futures::future::BoxFuture;
use sqlx::{AnyConnection, AnyPool};
use std::collections::HashMap;

/// The subject kind of consultations.
pub const KIND: &str = "consultation";

/// The subject kind of comments on consultations (moderated, not followed).
pub const COMMENT_KIND: &str = "consultation_comment";

/// The consultation `id` as a subject.
pub const fn of(id: i64) -> SubjectRef {
    SubjectRef::new(KIND, id)
}

/// What a step of a consultation records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Published: the public sees it (its first step; nobody follows yet).
    Published,
    /// A new version of the text was published (the note is its number).
    Version,
    /// The window closed: nothing more is taken.
    Closed,
    /// The agency published its closing report.
    Report,
}

impl StepKind {
    /// The value stored in the timeline.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Published => "published",
            StepKind::Version => "version",
            StepKind::Closed => "closed",
            StepKind::Report => "report",
        }
    }

    fn parse(s: &str) -> Option<StepKind> {
        [
            StepKind::Published,
            StepKind::Version,
            StepKind::Closed,
            StepKind::Report,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    fn label_key(self) -> &'static str {
        match self {
            StepKind::Published => "consultations.step_published",
            StepKind::Version => "consultations.step_version",
            StepKind::Closed => "consultations.step_closed",
            StepKind::Report => "consultations.step_report",
        }
    }
}

/// A step in words (`note`: a version's number).
pub fn describe(locale: Locale, kind: StepKind, note: &str) -> String {
    translate(locale, kind.label_key()).replace("%{version}", note)
}

/// A step of a consultation to record.
pub struct Step<'a> {
    /// The consultation.
    pub id: i64,
    /// Its agency.
    pub agency_id: i64,
    /// What happened.
    pub kind: StepKind,
    /// Who acted (not told of their own step); `None` for the clock.
    pub actor_id: Option<i64>,
    /// The note (a version's number).
    pub note: &'a str,
    /// When (ms).
    pub at: i64,
}

/// Records a step; every step but the first tells the followers in the
/// caller's transaction (inbox and e-mail, with links to `site`). The
/// caller commits, then wakes the mail sender.
pub async fn record(
    conn: &mut AnyConnection,
    s: &Step<'_>,
    site: &str,
) -> Result<i64, sqlx::Error> {
    let (id, kind, note) = (s.id, s.kind, s.note);
    let step = NewStep {
        subject: of(id),
        kind: kind.as_str(),
        state: "published",
        agency_id: Some(s.agency_id),
        actor_id: s.actor_id,
        note,
        at: s.at,
    };
    if kind == StepKind::Published {
        return steps::insert(conn, &step).await;
    }
    let (code, title): (String, String) =
        sqlx::query_as("SELECT code, title FROM consultations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    let mail = |locale: Locale| {
        let subject = translate(locale, "consultations.mail_subject").replace("%{title}", &title);
        let body = translate(locale, "consultations.mail_body")
            .replace("%{title}", &title)
            .replace("%{what}", &describe(locale, kind, note))
            .replace("%{link}", &format!("{site}/consultations/{code}"));
        (subject, body)
    };
    steps::append(conn, &step, &mail).await
}

/// How an inbox shows consultations: the slug, the title, a link to its
/// page. Only published ones can be followed, so every one is shown.
pub struct ConsultationDescriber;

impl Describer for ConsultationDescriber {
    fn describe<'a>(
        &'a self,
        pool: &'a AnyPool,
        _reader: i64,
        ids: &'a [i64],
    ) -> BoxFuture<'a, Result<HashMap<i64, Described>, sqlx::Error>> {
        Box::pin(async move {
            let mut out = HashMap::with_capacity(ids.len());
            for chunk in ids.chunks(100) {
                let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
                let sql = format!(
                    "SELECT id, code, title FROM consultations \
                     WHERE status = 'published' AND id IN ({})",
                    marks.join(", ")
                );
                let mut q = sqlx::query_as::<_, (i64, String, String)>(&sql);
                for id in chunk {
                    q = q.bind(*id);
                }
                for (id, code, title) in q.fetch_all(pool).await? {
                    let link = format!("/consultations/{code}");
                    out.insert(id, Described { code, title, link });
                }
            }
            Ok(out)
        })
    }

    fn step_text(&self, locale: Locale, kind: &str, _state: &str, note: &str) -> String {
        StepKind::parse(kind)
            .map(|k| describe(locale, k, note))
            .unwrap_or_default()
    }
}
