//! A petition's public timeline on the platform's ([`crate::subjects`]):
//! appending a step — the one way every step is written — tells the
//! petition's followers in the same transaction (inbox and e-mail, the
//! e-mail written here), and reading the steps back as the pages show them.

use crate::i18n::{translate, Locale};
use crate::petitions::model::{EventKind, Status};
use crate::petitions::subject;
use crate::petitions::views::{describe_step, EventView};
use crate::subjects::moderation::hidden_sql;
use crate::subjects::timeline::{self as steps, NewStep};
use sqlx::{AnyConnection, AnyPool};

/// A timeline step to append.
#[derive(Debug, Clone)]
pub struct Step {
    /// The petition.
    pub petition_id: i64,
    /// What happened.
    pub kind: EventKind,
    /// The petition's status after the step.
    pub status: Status,
    /// The agency handling it at that point.
    pub agency_id: Option<i64>,
    /// Who acted (not told about their own step).
    pub actor_id: Option<i64>,
    /// The officer's note, or the support count for a threshold.
    pub note: String,
    /// When, in epoch milliseconds.
    pub at: i64,
}

impl Step {
    fn new_step(&self) -> NewStep<'_> {
        NewStep {
            subject: subject::of(self.petition_id),
            kind: self.kind.as_str(),
            state: self.status.as_str(),
            agency_id: self.agency_id,
            actor_id: self.actor_id,
            note: &self.note,
            at: self.at,
        }
    }
}

/// Records a new petition's first step (nobody follows it yet).
pub async fn first(conn: &mut AnyConnection, step: &Step) -> Result<i64, sqlx::Error> {
    steps::insert(conn, &step.new_step()).await
}

/// Appends `step`, fills the followers' inboxes and queues their e-mails.
/// `site` is the public base URL for links in the e-mails. Returns the
/// step's id. The caller commits, then wakes the mail sender.
pub async fn append(conn: &mut AnyConnection, step: &Step, site: &str) -> Result<i64, sqlx::Error> {
    let (code, title) = code_and_title(conn, step.petition_id).await?;
    let mail = |locale: Locale| mail_text(locale, step, &code, &title, site);
    steps::append(conn, &step.new_step(), &mail).await
}

fn mail_text(locale: Locale, step: &Step, code: &str, title: &str, site: &str) -> (String, String) {
    let subject = translate(locale, "follows.mail_subject").replace("%{code}", code);
    let body = translate(locale, "follows.mail_body")
        .replace("%{title}", title)
        .replace(
            "%{what}",
            &describe_step(locale, step.kind, step.status, &step.note),
        )
        .replace("%{link}", &format!("{site}/petitions/{code}"));
    (subject, body)
}

/// A petition's timeline, oldest first; `author_id` marks the steps its
/// petitioner wrote.
pub async fn events(
    pool: &AnyPool,
    petition_id: i64,
    author_id: i64,
) -> Result<Vec<EventView>, sqlx::Error> {
    let rows = steps::steps(pool, subject::of(petition_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(EventView {
                at: r.at,
                kind: EventKind::parse(&r.kind)?,
                status: Status::parse(&r.state)?,
                agency: r.agency,
                note: r.note,
                by_petitioner: r.actor_id == Some(author_id),
            })
        })
        .collect())
}

/// A petition's timeline steps after step `after`, oldest first.
pub async fn events_since(
    pool: &AnyPool,
    petition_id: i64,
    after: i64,
) -> Result<Vec<(i64, Status)>, sqlx::Error> {
    let rows = steps::since(pool, subject::of(petition_id), after).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, s)| Status::parse(&s).map(|s| (id, s)))
        .collect())
}

/// When the petition was last answered, if ever.
pub async fn last_answered_at(
    pool: &AnyPool,
    petition_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let subject = subject::of(petition_id);
    let (kind, state) = (EventKind::Status.as_str(), Status::Answered.as_str());
    steps::last_at(pool, subject, kind, state).await
}

/// A petition's code and title, for e-mails (no title while hidden by a moderator).
pub async fn code_and_title(
    conn: &mut AnyConnection,
    petition_id: i64,
) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT p.code, CASE WHEN {} THEN '' ELSE p.title END FROM petitions p WHERE p.id = $1",
        hidden_sql(subject::KIND, "p.id")
    ))
    .bind(petition_id)
    .fetch_one(conn)
    .await
}
