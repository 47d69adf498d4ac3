//! Migration 0013 (subjects) moves every row: a database built with the
//! schema before it (migrations 0001–0012) and loaded with petitions,
//! timelines, followers, inbox entries read and unread, a hidden petition
//! and open and closed reports is migrated by the server at start. Every
//! petition's timeline, followers, inbox entries (with their read state),
//! reports and hidden state are then exactly as before, read from the new
//! tables and through the pages, and new rows continue after the moved ids.

mod schema_0012;

use crate::common::{backend, fresh_database, pool, Client, TestApp, PASSWORD};
use schema_0012::{
    event, follow, migrate_to_0012, notify, petition, report, snapshot_new, snapshot_old, user,
    Snapshot,
};
use serde_json::Value;
use sqlx::AnyPool;
use std::collections::BTreeMap;

const T0: i64 = 1_764_000_000_000;
const HOUR: i64 = 3_600_000;

/// An old step: petition, kind, status, actor, note, followers who read it.
type Step = (i64, &'static str, &'static str, i64, &'static str, Vec<i64>);

/// The petitions and people of the old database.
struct Fixture {
    /// Account ids by the local part of their e-mail.
    ids: BTreeMap<&'static str, i64>,
    /// Petition ids, in order, with their codes and titles.
    petitions: Vec<(i64, String, &'static str)>,
}

impl Fixture {
    fn code(&self, id: i64) -> &str {
        &self.petitions.iter().find(|p| p.0 == id).unwrap().1
    }
    fn title(&self, id: i64) -> &'static str {
        self.petitions.iter().find(|p| p.0 == id).unwrap().2
    }
    fn nth(&self, n: usize) -> (i64, &str) {
        (self.petitions[n].0, &self.petitions[n].1)
    }
}

const TITLES: [&str; 5] = [
    "Sửa đường liên thôn",
    "Lời lẽ xúc phạm",
    "Rác thải ở chợ",
    "Thủ tục đất riêng",
    "Sửa đường liên thôn (lặp)",
];
const HIDE_REASON: &str = "Nội dung xúc phạm.";

/// Loads an answered petition, a hidden one, a reported one, a private one
/// and a duplicate, with followers, steps interleaved in time as on a live
/// site, inbox entries read and unread, and open and closed reports.
async fn load(db: &AnyPool) -> Fixture {
    let hash = grassroots::accounts::service::hash_password(PASSWORD.to_string())
        .await
        .unwrap();
    let agency: i64 = sqlx::query_scalar(
        "INSERT INTO agencies (name, created_at) VALUES ('Sở Xây dựng', $1) RETURNING id",
    )
    .bind(T0)
    .fetch_one(db)
    .await
    .unwrap();
    let mut ids = BTreeMap::new();
    for e in [
        "author", "a", "b", "officer", "admin", "r1", "r2", "r3", "r4",
    ] {
        let role = match e {
            "officer" | "admin" => e,
            _ => "citizen",
        };
        let of = (role == "officer").then_some(agency);
        ids.insert(
            e,
            user(db, &format!("{e}@mig.example.vn"), role, of, &hash).await,
        );
    }
    let (author, a, b, officer) = (ids["author"], ids["a"], ids["b"], ids["officer"]);
    let shapes = [
        (true, "answered", author),
        (true, "accepted", author),
        (true, "accepted", author),
        (false, "submitted", author),
        (true, "closed", a),
    ];
    let mut petitions = Vec::new();
    for (n, (title, (public, status, by))) in TITLES.iter().zip(shapes).enumerate() {
        let (id, code) = petition(db, n as u64 + 1, title, public, status, by, agency).await;
        petitions.push((id, code, *title));
    }
    let p: Vec<i64> = petitions.iter().map(|p| p.0).collect();
    for (petition, who, email) in [
        (p[0], author, true),
        (p[1], author, true),
        (p[2], author, true),
        (p[3], author, true),
        (p[4], a, true),
        (p[0], a, false),
        (p[0], b, true),
        (p[1], b, true),
        (p[2], a, true),
    ] {
        follow(db, petition, who, email).await;
    }
    let steps: [Step; 12] = [
        (p[0], "status", "submitted", author, "", vec![]),
        (p[1], "status", "submitted", author, "", vec![]),
        (p[0], "status", "accepted", officer, "", vec![a, b, author]),
        (p[2], "status", "submitted", author, "", vec![]),
        (
            p[1],
            "status",
            "accepted",
            officer,
            "Đã tiếp nhận.",
            vec![b],
        ),
        (p[0], "answer_due", "accepted", officer, "500", vec![a]),
        (p[3], "status", "submitted", author, "", vec![]),
        (p[2], "status", "accepted", officer, "", vec![author]),
        (
            p[0],
            "status",
            "answered",
            officer,
            "Sẽ sửa trong quý I.",
            vec![],
        ),
        (p[4], "status", "submitted", a, "", vec![]),
        (p[1], "hidden", "accepted", officer, HIDE_REASON, vec![]),
        (p[4], "duplicate", "closed", officer, "", vec![a]),
    ];
    for (n, (petition, kind, status, actor, note, read)) in steps.into_iter().enumerate() {
        let at = T0 + (n as i64 + 1) * HOUR;
        let e = event(db, petition, at, kind, status, Some(agency), actor, note).await;
        notify(db, petition, e, actor, at, &read).await;
    }
    for (sql, x, y) in [
        (
            "UPDATE petitions SET answer = 'Sẽ sửa trong quý I.' WHERE id = $1 AND $2 = $2",
            p[0],
            0,
        ),
        (
            "UPDATE petitions SET duplicate_of = $1 WHERE id = $2",
            p[0],
            p[4],
        ),
    ] {
        sqlx::query(sql).bind(x).bind(y).execute(db).await.unwrap();
    }
    sqlx::query(
        "UPDATE petitions SET hidden_at = $1, hidden_reason = $2, hidden_by = $3 WHERE id = $4",
    )
    .bind(T0 + 11 * HOUR)
    .bind(HIDE_REASON)
    .bind(officer)
    .bind(p[1])
    .execute(db)
    .await
    .unwrap();
    // Closed reports on the hidden one; open ones (and a dismissed one) on the third.
    report(db, p[1], ids["r1"], "abuse", Some((officer, "hidden"))).await;
    report(db, p[1], ids["r2"], "abuse", Some((officer, "hidden"))).await;
    report(db, p[2], ids["r4"], "spam", Some((officer, "dismissed"))).await;
    for r in ["r1", "r2", "r3"] {
        report(db, p[2], ids[r], "spam", None).await;
    }
    Fixture { ids, petitions }
}

async fn sign_in(app: &TestApp, who: &str) -> Client {
    let c = app.client();
    let email = format!("{who}@mig.example.vn");
    let res = c
        .call(
            "accounts/sign_in",
            &[("email", &email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200, "sign in {email}");
    c
}

async fn get(c: &Client, code: &str) -> Value {
    let (s, p) = c.call_json("petitions/get", &[("code", code)]).await;
    assert_eq!(s, 200, "{p}");
    p
}

/// Every petition's timeline and follower count, as an admin reads them.
async fn check_timelines(app: &TestApp, old: &Snapshot, f: &Fixture) {
    let admin = sign_in(app, "admin").await;
    for (p, code, _) in &f.petitions {
        let page = get(&admin, code).await;
        let shown: Vec<(i64, String, String, String)> = page["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap().to_string();
                (e["at"].as_i64().unwrap(), s("kind"), s("status"), s("note"))
            })
            .collect();
        let stored: Vec<(i64, String, String, String)> = old
            .events
            .iter()
            .filter(|e| e.1 == *p)
            .map(|e| (e.2, e.3.clone(), e.4.clone(), e.7.clone()))
            .collect();
        assert_eq!(shown, stored, "timeline of {code}");
        let followers = old.follows.iter().filter(|x| x.0 == *p).count();
        assert_eq!(page["followers"], followers as i64, "followers of {code}");
    }
}

/// The hidden petition is withheld from the public with its reason and
/// left out of the list; the others are not hidden.
async fn check_hidden(app: &TestApp, f: &Fixture) {
    let (_, hidden) = f.nth(1);
    let public = get(&app.client(), hidden).await;
    assert_eq!(public["moderation"]["withheld"], true);
    assert_eq!(public["moderation"]["hidden"]["reason"], HIDE_REASON);
    assert_eq!(public["moderation"]["hidden"]["at"], T0 + 11 * HOUR);
    assert_eq!(public["summary"]["title"], "");
    for n in [0, 2, 4] {
        let page = get(&app.client(), f.nth(n).1).await;
        assert_eq!(page["moderation"]["hidden"], Value::Null);
    }
    let (_, list) = app.client().call_json("petitions/list", &[]).await;
    let listed: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [f.nth(4).1, f.nth(2).1, f.nth(0).1]);
}

/// Each follower's inbox, newest first with its read state, their unread
/// count, and what they follow with or without e-mails.
async fn check_inboxes(app: &TestApp, old: &Snapshot, f: &Fixture) {
    let author = f.ids["author"];
    for who in ["author", "a", "b"] {
        let uid = f.ids[who];
        let c = sign_in(app, who).await;
        let (s, inbox) = c.call_json("inbox/list", &[]).await;
        assert_eq!(s, 200, "{inbox}");
        let shown: Vec<(i64, String, String, String, bool)> = inbox
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let s = |k: &str| i[k].as_str().unwrap().to_string();
                let read = i["read"].as_bool().unwrap();
                (
                    i["id"].as_i64().unwrap(),
                    s("code"),
                    s("title"),
                    s("kind"),
                    read,
                )
            })
            .collect();
        let stored: Vec<(i64, String, String, String, bool)> = old
            .notifications
            .iter()
            .rev()
            .filter(|n| n.1 == uid)
            .map(|n| {
                let e = old.events.iter().find(|e| e.0 == n.3).unwrap();
                // A hidden petition's title reaches only its petitioner.
                let hidden = n.2 == f.nth(1).0 && uid != author;
                let title = if hidden { "" } else { f.title(n.2) };
                let code = f.code(n.2).to_string();
                (n.0, code, title.to_string(), e.3.clone(), n.5.is_some())
            })
            .collect();
        assert!(!stored.is_empty());
        assert_eq!(shown, stored, "inbox of {who}");
        let unread = stored.iter().filter(|n| !n.4).count() as i64;
        let (_, count) = c.call_json("inbox/unread", &[]).await;
        assert_eq!(count, unread, "unread of {who}");
        for x in old.follows.iter().filter(|x| x.1 == uid) {
            let page = get(&c, f.code(x.0)).await;
            assert_eq!(page["following"], x.2 == 1, "{who} follows {}", f.code(x.0));
        }
    }
}

#[tokio::test]
async fn every_row_of_the_petition_only_tables_moves_to_the_subject_tables() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path()).await;
    let create = if backend() == "sqlite" {
        format!("{url}?mode=rwc")
    } else {
        url.clone()
    };
    let db = pool(&create).await;
    migrate_to_0012(&db).await;
    let f = load(&db).await;
    let old = snapshot_old(&db).await;
    assert_eq!(old.events.len(), 12);
    assert!(old.notifications.iter().any(|n| n.5.is_some()));
    assert!(old.notifications.iter().any(|n| n.5.is_none()));
    db.close().await;

    // The server migrates the database at start.
    let app = TestApp::spawn_on_database(&url).await;
    let db = pool(&url).await;
    assert_eq!(snapshot_new(&db).await, old, "every row moved, ids kept");
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM subject_events), (SELECT COUNT(*) FROM subject_inbox), \
         (SELECT COUNT(*) FROM subject_reports)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let n = |v: usize| v as i64;
    let moved = (
        n(old.events.len()),
        n(old.notifications.len()),
        n(old.reports.len()),
    );
    assert_eq!(counts, moved);
    for gone in [
        "SELECT COUNT(*) FROM petition_events",
        "SELECT COUNT(*) FROM petition_follows",
        "SELECT COUNT(*) FROM notifications",
        "SELECT COUNT(*) FROM petition_reports",
        "SELECT COUNT(hidden_at) FROM petitions",
        "SELECT COUNT(hidden_reason) FROM petitions",
        "SELECT COUNT(hidden_by) FROM petitions",
    ] {
        let r: Result<i64, _> = sqlx::query_scalar(gone).fetch_one(&db).await;
        assert!(r.is_err(), "{gone}: the old table or column is dropped");
    }

    check_timelines(&app, &old, &f).await;
    check_hidden(&app, &f).await;
    check_inboxes(&app, &old, &f).await;
    let (s, queue) = sign_in(&app, "admin")
        .await
        .call_json("moderation/queue", &[])
        .await;
    assert_eq!(s, 200, "{queue}");
    assert_eq!(queue.as_array().unwrap().len(), 1, "{queue}");
    assert_eq!(queue[0]["code"], f.nth(2).1);
    assert_eq!(queue[0]["reports"], 3);

    // New rows continue after the moved ids (PostgreSQL's identities too).
    let (reported, open) = (f.nth(2), f.nth(0));
    let officer = sign_in(&app, "officer").await;
    let form = [("code", reported.1), ("status", "assigned"), ("note", "")];
    let (s, body) = officer.call_json("petitions/change_status", &form).await;
    assert_eq!(s, 200, "{body}");
    let form = [("code", open.1), ("report_reason", "spam")];
    let (s, body) = sign_in(&app, "r4")
        .await
        .call_json("moderation/report", &form)
        .await;
    assert_eq!(s, 200, "{body}");
    let after = snapshot_new(&db).await;
    let new_event = after.events.last().unwrap();
    assert!(old.events.iter().all(|e| e.0 < new_event.0));
    assert_eq!(
        (new_event.1, new_event.4.as_str()),
        (reported.0, "assigned")
    );
    let told: Vec<_> = after
        .notifications
        .iter()
        .filter(|n| n.3 == new_event.0)
        .collect();
    assert_eq!(told.len(), 2, "its petitioner and follower a: {told:?}");
    assert!(told
        .iter()
        .all(|t| old.notifications.iter().all(|n| n.0 < t.0)));
    assert_eq!(after.reports.len(), old.reports.len() + 1);
    assert_eq!(&after.reports[..old.reports.len()], &old.reports[..]);
}
