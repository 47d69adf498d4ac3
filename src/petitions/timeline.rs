//! Appending a step to a petition's public timeline — the one way every step
//! is written — and, in the same transaction, telling the petition's
//! followers: an entry in each follower's inbox and, for followers who keep
//! e-mails on, a message in the mail outbox.

use super::follows_repo;
use super::model::{EventKind, Status};
use super::repo;
use super::views::describe_step;
use crate::i18n::{translate, Locale};
use crate::server::mail;
use sqlx::AnyConnection;

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

/// Appends `step`, fills the followers' inboxes and queues their e-mails.
/// `site` is the public base URL for links in the e-mails. Returns the
/// step's id. The caller commits, then wakes the mail sender.
pub async fn append(conn: &mut AnyConnection, step: &Step, site: &str) -> Result<i64, sqlx::Error> {
    let id = repo::insert_event(conn, step).await?;
    follows_repo::fill_inboxes(conn, step.petition_id, id, step.actor_id, step.at).await?;
    let recipients = follows_repo::mail_recipients(conn, step.petition_id, step.actor_id).await?;
    if recipients.is_empty() {
        return Ok(id);
    }
    let (code, title) = repo::code_and_title(conn, step.petition_id).await?;
    for r in recipients {
        let locale = Locale::parse(&r.locale).unwrap_or_default();
        let (subject, body) = mail_text(locale, step, &code, &title, site);
        mail::enqueue(conn, &r.email, &subject, &body).await?;
    }
    Ok(id)
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
