//! The schema before migration 0013 and its petition-only tables: building
//! it, loading rows into it as the code of that time wrote them, and
//! reading them back (and the same rows from the subject tables after).

use super::{HOUR, T0};
use crate::common::backend;
use grassroots::petitions::model::TrackingCode;
use sqlx::AnyPool;

/// A step: id, petition, at, kind, status, agency, actor, note.
pub type Event = (
    i64,
    i64,
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
);
/// A follow: petition, account, e-mail (0/1), since.
pub type Follow = (i64, i64, i64, i64);
/// An inbox entry: id, account, petition, step, at, read at.
pub type Notification = (i64, i64, i64, i64, i64, Option<i64>);
/// A report: id, petition, account, reason, comment, at, closed at, by, outcome.
pub type Report = (
    i64,
    i64,
    i64,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
);
/// A hidden petition: id, hidden at, reason, by.
pub type Hidden = (i64, i64, String, Option<i64>);

/// What the old tables held, to compare with after the migration.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub events: Vec<Event>,
    pub follows: Vec<Follow>,
    pub notifications: Vec<Notification>,
    pub reports: Vec<Report>,
    pub hidden: Vec<Hidden>,
}

/// Applies migrations 0001–0012 only.
pub async fn migrate_to_0012(db: &AnyPool) {
    let mut m = if backend() == "postgres" {
        sqlx::migrate!("migrations/postgres")
    } else {
        sqlx::migrate!("migrations/sqlite")
    };
    let before: Vec<_> = m
        .migrations
        .iter()
        .filter(|x| x.version <= 12)
        .cloned()
        .collect();
    assert_eq!(before.len(), 12);
    m.migrations = before.into();
    m.run(db).await.expect("migrate to 0012");
}

/// An old-schema account; returns its id.
pub async fn user(db: &AnyPool, email: &str, role: &str, agency: Option<i64>, hash: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, locality_id, role, agency_id, \
         created_at, locale, email_verified_at) VALUES ($1, $2, $3, 461001, $4, $5, $6, 'vi', $6) \
         RETURNING id",
    )
    .bind(email)
    .bind(hash)
    .bind(format!("Người {email}"))
    .bind(role)
    .bind(agency)
    .bind(T0)
    .fetch_one(db)
    .await
    .unwrap()
}

/// An old-schema petition (the `n`th, submitted `n` hours after T0): its id and code.
pub async fn petition(
    db: &AnyPool,
    n: u64,
    title: &str,
    public: bool,
    status: &str,
    author: i64,
    agency: i64,
) -> (i64, String) {
    let code = TrackingCode::generate("QT", 2026, 7_000 + n)
        .as_str()
        .to_string();
    let id = sqlx::query_scalar(
        "INSERT INTO petitions (code, kind, title, body, search_text, category_id, locality_id, \
         author_id, visibility, show_name, status, agency_id, created_at, updated_at) \
         VALUES ($1, 'petition', $2, $3, $4, 1, 461001, $5, $6, 1, $7, $8, $9, $9) RETURNING id",
    )
    .bind(&code)
    .bind(title)
    .bind(format!(
        "{title}: nội dung chi tiết của kiến nghị, đủ dài để đọc."
    ))
    .bind(title.to_lowercase())
    .bind(author)
    .bind(if public { "public" } else { "private" })
    .bind(status)
    .bind(agency)
    .bind(T0 + n as i64 * HOUR)
    .fetch_one(db)
    .await
    .unwrap();
    (id, code)
}

#[allow(clippy::too_many_arguments)]
/// An old-schema timeline step; returns its id.
pub async fn event(
    db: &AnyPool,
    petition: i64,
    at: i64,
    kind: &str,
    status: &str,
    agency: Option<i64>,
    actor: i64,
    note: &str,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO petition_events (petition_id, at, kind, status, agency_id, actor_id, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(petition)
    .bind(at)
    .bind(kind)
    .bind(status)
    .bind(agency)
    .bind(actor)
    .bind(note)
    .fetch_one(db)
    .await
    .unwrap()
}

/// An old-schema follow.
pub async fn follow(db: &AnyPool, petition: i64, user: i64, email: bool) {
    sqlx::query(
        "INSERT INTO petition_follows (petition_id, user_id, email, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(petition)
    .bind(user)
    .bind(i64::from(email))
    .bind(T0)
    .execute(db)
    .await
    .unwrap();
}

/// Fills the inboxes of `petition`'s followers but `actor` with `event`,
/// as the old code did; `read` are the followers who have read it.
pub async fn notify(db: &AnyPool, petition: i64, event: i64, actor: i64, at: i64, read: &[i64]) {
    let followers: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM petition_follows WHERE petition_id = $1 AND user_id <> $2 ORDER BY user_id",
    )
    .bind(petition)
    .bind(actor)
    .fetch_all(db)
    .await
    .unwrap();
    for f in followers {
        let read_at = read.contains(&f).then_some(at + HOUR);
        sqlx::query(
            "INSERT INTO notifications (user_id, petition_id, event_id, created_at, read_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(f)
        .bind(petition)
        .bind(event)
        .bind(at)
        .bind(read_at)
        .execute(db)
        .await
        .unwrap();
    }
}

/// An old-schema abuse report, closed by (moderator, outcome) or open.
pub async fn report(
    db: &AnyPool,
    petition: i64,
    user: i64,
    reason: &str,
    closed: Option<(i64, &str)>,
) {
    sqlx::query(
        "INSERT INTO petition_reports (petition_id, user_id, reason, comment, created_at, \
         closed_at, closed_by, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(petition)
    .bind(user)
    .bind(reason)
    .bind(format!("Báo cáo của {user}"))
    .bind(T0 + 30 * HOUR + user)
    .bind(closed.map(|_| T0 + 40 * HOUR))
    .bind(closed.map(|(by, _)| by))
    .bind(closed.map(|(_, outcome)| outcome.to_string()))
    .execute(db)
    .await
    .unwrap();
}

/// What the old tables hold.
pub async fn snapshot_old(db: &AnyPool) -> Snapshot {
    Snapshot {
        events: sqlx::query_as(
            "SELECT id, petition_id, at, kind, status, agency_id, actor_id, note \
             FROM petition_events ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        follows: sqlx::query_as(
            "SELECT petition_id, user_id, email, created_at FROM petition_follows \
             ORDER BY petition_id, user_id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        notifications: sqlx::query_as(
            "SELECT id, user_id, petition_id, event_id, created_at, read_at FROM notifications ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        reports: sqlx::query_as(
            "SELECT id, petition_id, user_id, reason, comment, created_at, closed_at, closed_by, \
             outcome FROM petition_reports ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        hidden: sqlx::query_as(
            "SELECT id, hidden_at, hidden_reason, hidden_by FROM petitions \
             WHERE hidden_at IS NOT NULL ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
    }
}

/// The same rows as read from the subject tables.
pub async fn snapshot_new(db: &AnyPool) -> Snapshot {
    Snapshot {
        events: sqlx::query_as(
            "SELECT id, subject_id, at, kind, state, agency_id, actor_id, note \
             FROM subject_events WHERE subject_kind = 'petition' ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        follows: sqlx::query_as(
            "SELECT subject_id, user_id, email, created_at FROM subject_follows \
             WHERE subject_kind = 'petition' ORDER BY subject_id, user_id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        notifications: sqlx::query_as(
            "SELECT n.id, n.user_id, e.subject_id, n.event_id, n.created_at, n.read_at \
             FROM subject_inbox n LEFT JOIN subject_events e ON e.id = n.event_id ORDER BY n.id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        reports: sqlx::query_as(
            "SELECT id, subject_id, user_id, reason, comment, created_at, closed_at, closed_by, \
             outcome FROM subject_reports WHERE subject_kind = 'petition' ORDER BY id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        hidden: sqlx::query_as(
            "SELECT subject_id, hidden_at, reason, hidden_by FROM subject_hides \
             WHERE subject_kind = 'petition' AND restored_at IS NULL ORDER BY subject_id",
        )
        .fetch_all(db)
        .await
        .unwrap(),
    }
}
