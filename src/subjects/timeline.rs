//! A subject's public timeline: steps appended in the caller's transaction
//! (filling the followers' inboxes and queueing their e-mails in the same
//! transaction), read oldest first, or after a step a client last saw.

use super::{literal, SubjectRef};
use crate::i18n::Locale;
use crate::server::mail;
use sqlx::{AnyConnection, AnyPool};

/// A step to append to a subject's timeline.
#[derive(Debug, Clone)]
pub struct NewStep<'a> {
    /// The subject.
    pub subject: SubjectRef,
    /// What happened (the domain's step kind, e.g. `status`, `hidden`).
    pub kind: &'a str,
    /// The subject's state after the step (e.g. a petition's status).
    pub state: &'a str,
    /// The agency handling the subject then.
    pub agency_id: Option<i64>,
    /// Who acted (not told about their own step).
    pub actor_id: Option<i64>,
    /// A note (an officer's text, a count, a code: the domain's to read).
    pub note: &'a str,
    /// When, in epoch milliseconds.
    pub at: i64,
}

/// A stored step.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredStep {
    /// Id (increasing: a client resumes after the last one it saw).
    pub id: i64,
    /// When (ms).
    pub at: i64,
    /// What happened.
    pub kind: String,
    /// The state after it.
    pub state: String,
    /// The agency then.
    pub agency_id: Option<i64>,
    /// Its name.
    pub agency: Option<String>,
    /// Who acted.
    pub actor_id: Option<i64>,
    /// The note.
    pub note: String,
}

/// The e-mail telling a follower about a step, in the follower's language:
/// `(subject line, body)`. The subject's domain writes it.
pub type MailText<'a> = &'a (dyn Fn(Locale) -> (String, String) + Send + Sync);

/// Records a step without telling anyone: only for a subject's first step,
/// written before anyone can follow it. Returns the step's id.
pub async fn insert(conn: &mut AnyConnection, step: &NewStep<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO subject_events (subject_kind, subject_id, at, kind, state, agency_id, actor_id, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(step.subject.kind)
    .bind(step.subject.id)
    .bind(step.at)
    .bind(step.kind)
    .bind(step.state)
    .bind(step.agency_id)
    .bind(step.actor_id)
    .bind(step.note)
    .fetch_one(conn)
    .await
}

/// A follower to e-mail.
#[derive(sqlx::FromRow)]
struct Recipient {
    email: String,
    locale: String,
}

/// Appends `step`, puts it in the inbox of every follower but the actor and
/// queues an e-mail (written by `mail`) to those who keep e-mails on, all in
/// the caller's transaction. Returns the step's id. The caller commits, then
/// wakes the mail sender.
pub async fn append(
    conn: &mut AnyConnection,
    step: &NewStep<'_>,
    mail: MailText<'_>,
) -> Result<i64, sqlx::Error> {
    let id = insert(conn, step).await?;
    let actor = step.actor_id.unwrap_or(0);
    sqlx::query(
        "INSERT INTO subject_inbox (user_id, event_id, created_at) \
         SELECT f.user_id, $3, $4 FROM subject_follows f \
         WHERE f.subject_kind = $1 AND f.subject_id = $2 AND f.user_id <> $5",
    )
    .bind(step.subject.kind)
    .bind(step.subject.id)
    .bind(id)
    .bind(step.at)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    let recipients: Vec<Recipient> = sqlx::query_as(
        "SELECT u.email, u.locale FROM subject_follows f JOIN users u ON u.id = f.user_id \
         WHERE f.subject_kind = $1 AND f.subject_id = $2 AND f.email = 1 AND f.user_id <> $3 \
         AND u.deleted_at IS NULL",
    )
    .bind(step.subject.kind)
    .bind(step.subject.id)
    .bind(actor)
    .fetch_all(&mut *conn)
    .await?;
    for r in recipients {
        let (subject, body) = mail(Locale::parse(&r.locale).unwrap_or_default());
        mail::enqueue(conn, &r.email, &subject, &body).await?;
    }
    Ok(id)
}

/// A subject's timeline, oldest first.
pub async fn steps(pool: &AnyPool, subject: SubjectRef) -> Result<Vec<StoredStep>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.at, e.kind, e.state, e.agency_id, a.name AS agency, e.actor_id, e.note \
         FROM subject_events e LEFT JOIN agencies a ON a.id = e.agency_id \
         WHERE e.subject_kind = $1 AND e.subject_id = $2 ORDER BY e.id",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_all(pool)
    .await
}

/// A subject's steps after step `after`, oldest first: `(id, state)`.
pub async fn since(
    pool: &AnyPool,
    subject: SubjectRef,
    after: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, state FROM subject_events \
         WHERE subject_kind = $1 AND subject_id = $2 AND id > $3 ORDER BY id",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(after)
    .fetch_all(pool)
    .await
}

/// A subject's newest step id, if it has any (where a live stream resumes).
pub async fn newest(pool: &AnyPool, subject: SubjectRef) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(id) FROM subject_events WHERE subject_kind = $1 AND subject_id = $2",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .fetch_one(pool)
    .await
}

/// When a subject last had a step of `kind` into `state`, if ever.
pub async fn last_at(
    pool: &AnyPool,
    subject: SubjectRef,
    kind: &str,
    state: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(at) FROM subject_events \
         WHERE subject_kind = $1 AND subject_id = $2 AND kind = $3 AND state = $4",
    )
    .bind(subject.kind)
    .bind(subject.id)
    .bind(kind)
    .bind(state)
    .fetch_one(pool)
    .await
}

/// For every subject of `kind` that ever reached `state`: its id and the
/// time of its first step into it.
pub async fn first_reached(
    pool: &AnyPool,
    kind: &'static str,
    state: &str,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT subject_id, MIN(at) FROM subject_events \
         WHERE subject_kind = $1 AND state = $2 GROUP BY subject_id",
    )
    .bind(literal(kind))
    .bind(state)
    .fetch_all(pool)
    .await
}
