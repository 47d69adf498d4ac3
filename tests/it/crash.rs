//! Killed under load: while supports are being acknowledged the server is
//! killed with SIGKILL and started again on the same database, several
//! rounds. Every acknowledged support is stored, none twice, and the counts
//! agree with the rows; sending again what was not acknowledged has its one
//! effect. On PostgreSQL, one of two instances is killed and the other keeps
//! serving, live events included.

use crate::common::{pool, Client, TestApp};
use crate::live::Watch;
use crate::petitions::{step, submit};
use std::time::Duration;

const SUPPORTERS: usize = 48;
const ROUNDS: usize = 3;

fn kill_9(app: &TestApp) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &app.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Signs `email` in (with the test password) on a new client of `app`.
async fn sign_in(app: &TestApp, email: &str) -> Client {
    let c = app.client();
    let res = c
        .call(
            "accounts/sign_in",
            &[("email", email), ("password", crate::common::PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200, "sign in {email}");
    c
}

/// Stored supports of `code`: rows, and the petition's own count.
async fn stored(app: &TestApp, code: &str) -> (Vec<i64>, i64) {
    let db = pool(&app.database_url).await;
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT s.user_id FROM petition_supports s JOIN petitions p ON p.id = s.petition_id \
         WHERE p.code = $1 ORDER BY s.user_id",
    )
    .bind(code)
    .fetch_all(&db)
    .await
    .unwrap();
    let count: i64 = sqlx::query_scalar("SELECT support_count FROM petitions WHERE code = $1")
        .bind(code)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    (rows, count)
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let db = pool(&app.database_url).await;
    let id = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    id
}

#[tokio::test]
async fn acknowledged_supports_survive_sigkill_and_none_is_doubled() {
    let mut app = TestApp::spawn().await;
    let mut dead = Vec::new();
    let author = app.citizen("crash-author@example.vn", "Người Gửi").await;
    let mut emails = Vec::new();
    for i in 0..SUPPORTERS {
        let email = format!("crash{i}@example.vn");
        app.verified_citizen(&email, "Người Ủng Hộ").await;
        emails.push(email);
    }
    let mut ids = Vec::new();
    for e in &emails {
        ids.push(user_id(&app, e).await);
    }
    for round in 0..ROUNDS {
        let author = if round == 0 {
            author.clone()
        } else {
            sign_in(&app, "crash-author@example.vn").await
        };
        let code = submit(
            &author,
            &format!("Xin lắp đèn đường, đợt {round}"),
            "public",
        )
        .await;
        let mut clients = Vec::new();
        for e in &emails {
            clients.push(sign_in(&app, e).await);
        }
        // every supporter sends at once; the server dies while they do
        let sends: Vec<_> = clients
            .iter()
            .map(|c| {
                let c = c.clone();
                let code = code.clone();
                tokio::spawn(async move {
                    let res = c
                        .http
                        .post(format!("{}/api/petitions/support", c.base))
                        .form(&[("code", code.as_str())])
                        .timeout(Duration::from_secs(30))
                        .send()
                        .await;
                    matches!(res, Ok(r) if r.status() == 200)
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(15 + 20 * round as u64)).await;
        kill_9(&app);
        let mut acknowledged = Vec::new();
        for (i, s) in sends.into_iter().enumerate() {
            if s.await.unwrap() {
                acknowledged.push(ids[i]);
            }
        }
        let url = app.database_url.clone();
        dead.push(app);
        app = TestApp::spawn_on_database(&url).await;
        let (rows, count) = stored(&app, &code).await;
        for id in &acknowledged {
            assert!(
                rows.contains(id),
                "round {round}: acknowledged support of {id} lost"
            );
        }
        let mut unique = rows.clone();
        unique.dedup();
        assert_eq!(unique, rows, "round {round}: a support stored twice");
        assert_eq!(
            count,
            rows.len() as i64,
            "round {round}: the count drifted from the rows"
        );
        eprintln!(
            "round {round}: {} acknowledged, {} stored before the kill",
            acknowledged.len(),
            rows.len()
        );
        // the supporters send again what they were not told was done
        for e in &emails {
            let c = sign_in(&app, e).await;
            let (s, body) = c.call_json("petitions/support", &[("code", &code)]).await;
            assert!(
                s == 200 || (s == 409 && body["key"] == "petitions.support_twice"),
                "round {round}: {s} {body}"
            );
        }
        let (rows, count) = stored(&app, &code).await;
        assert_eq!(rows, ids, "round {round}: each supporter counted once");
        assert_eq!(count, SUPPORTERS as i64);
    }
    assert!(app.panics().is_empty(), "{:?}", app.panics());
}

#[tokio::test]
async fn on_postgres_one_instance_dies_and_the_other_keeps_serving_live() {
    if crate::common::backend() != "postgres" {
        eprintln!("SQLite backend: one instance only; skipped");
        return;
    }
    let a = TestApp::spawn().await;
    let b = a.another_instance().await;
    let author = a.citizen("twins@example.vn", "Người Gửi").await;
    let code = submit(&author, "Trạm bơm nước hỏng", "public").await;
    let officer = b
        .user("twins-o@example.vn", "officer", Some("Sở Nội vụ"))
        .await;
    let mut watch = Watch::open(&b.client(), &format!("/live/petitions/{code}"), None).await;
    assert_eq!(watch.next().await.name, "supports");
    let officer_on_a = sign_in(&a, "twins-o@example.vn").await;
    step(&officer_on_a, &code, "accepted", "").await;
    assert_eq!(
        watch.until("status").await.data["change"]["status"],
        "accepted"
    );
    kill_9(&a);
    // b serves pages, takes changes and streams them
    assert_eq!(
        b.client().get(&format!("/petitions/{code}")).await.status(),
        200
    );
    step(&officer, &code, "assigned", "").await;
    assert_eq!(
        watch.until("status").await.data["change"]["status"],
        "assigned"
    );
    let c = b
        .verified_citizen("twins-c@example.vn", "Người Ủng Hộ")
        .await;
    let (s, body) = c.call_json("petitions/support", &[("code", &code)]).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(stored(&b, &code).await.1, 1);
    drop(a);
}
