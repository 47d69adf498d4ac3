//! Consultations on drafts. This slice holds the schema of migration 0015:
//! it applies on both backends, keeps a version's articles unique by
//! position and number, refuses a window that closes before it opens, and
//! enforces one mark per comment and account and one ballot per poll and
//! account in the database itself (the keys later writes rely on).

use crate::common::{pool, TestApp};
use sqlx::AnyPool;

const T0: i64 = 1_764_000_000_000;
const DAY: i64 = 86_400_000;

async fn id(db: &AnyPool, sql: &str, binds: &[i64]) -> i64 {
    let mut q = sqlx::query_scalar::<_, i64>(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_one(db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn exec(db: &AnyPool, sql: &str, binds: &[i64]) -> Result<(), sqlx::Error> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(db).await.map(|_| ())
}

async fn user(db: &AnyPool, email: &str, role: &str, agency: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, role, agency_id, created_at) \
         VALUES ($1, 'x', 'Người dùng', $2, $3, $4) RETURNING id",
    )
    .bind(email)
    .bind(role)
    .bind(agency)
    .bind(T0)
    .fetch_one(db)
    .await
    .unwrap()
}

async fn consultation(
    db: &AnyPool,
    code: &str,
    agency: i64,
    by: i64,
    opens: i64,
    closes: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO consultations (code, title, summary, agency_id, locality_id, opens_at, \
         closes_at, status, created_by, created_at) \
         VALUES ($1, 'Dự thảo quy ước', 'Tóm tắt', $2, 45, $3, $4, 'draft', $5, $6) RETURNING id",
    )
    .bind(code)
    .bind(agency)
    .bind(opens)
    .bind(closes)
    .bind(by)
    .bind(T0)
    .fetch_one(db)
    .await
}

#[tokio::test]
async fn schema_keeps_articles_marks_and_ballots_unique() {
    let app = TestApp::spawn().await;
    let db = pool(&app.database_url).await;
    let agency = id(
        &db,
        "INSERT INTO agencies (name, created_at) VALUES ('UBND xã An Bình', $1) RETURNING id",
        &[T0],
    )
    .await;
    let officer = user(&db, "officer@c.example.vn", "officer", Some(agency)).await;
    let citizen = user(&db, "citizen@c.example.vn", "citizen", None).await;

    // A window that closes before (or when) it opens is refused.
    assert!(consultation(&db, "QU-1", agency, officer, T0, T0)
        .await
        .is_err());
    let c = consultation(&db, "QU-1", agency, officer, T0, T0 + 30 * DAY)
        .await
        .unwrap();
    // Codes are unique.
    assert!(consultation(&db, "QU-1", agency, officer, T0, T0 + DAY)
        .await
        .is_err());

    let v = id(
        &db,
        "INSERT INTO consultation_versions (consultation_id, number, source, created_at) \
         VALUES ($1, 1, 'Điều 1. Phạm vi', $2) RETURNING id",
        &[c, T0],
    )
    .await;
    assert!(exec(
        &db,
        "INSERT INTO consultation_versions (consultation_id, number, source, created_at) \
         VALUES ($1, 1, 'again', $2)",
        &[c, T0]
    )
    .await
    .is_err());
    let article = "INSERT INTO consultation_articles \
        (version_id, position, number, title, text, clauses, heading) \
        VALUES ($1, $2, $3, 'Phạm vi', '', '[]', 'Chương I')";
    let add = |pos: i64, number: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query(article)
                .bind(v)
                .bind(pos)
                .bind(number)
                .execute(&db)
                .await
                .map(|_| ())
        }
    };
    add(0, "1").await.unwrap();
    add(1, "2").await.unwrap();
    assert!(add(2, "2").await.is_err(), "duplicate article number");
    assert!(add(1, "3").await.is_err(), "duplicate position");

    // A comment on article 2 and a reply to it; marks one per account.
    let comment = "INSERT INTO consultation_comments \
        (consultation_id, article_number, version_number, parent_id, author_id, body, created_at) \
        VALUES ($1, '2', 1, $2, $3, 'Ý kiến', $4) RETURNING id";
    let top: i64 = sqlx::query_scalar(comment)
        .bind(c)
        .bind(None::<i64>)
        .bind(citizen)
        .bind(T0)
        .fetch_one(&db)
        .await
        .unwrap();
    let reply: i64 = sqlx::query_scalar(comment)
        .bind(c)
        .bind(top)
        .bind(officer)
        .bind(T0)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_ne!(top, reply);
    let mark = "INSERT INTO consultation_marks (comment_id, user_id, mark, updated_at) \
                VALUES ($1, $2, $3, $4)";
    exec(&db, mark, &[top, officer, 1, T0]).await.unwrap();
    assert!(exec(&db, mark, &[top, officer, -1, T0]).await.is_err());
    assert!(
        exec(&db, mark, &[reply, citizen, 2, T0]).await.is_err(),
        "mark out of range"
    );
    exec(
        &db,
        "UPDATE consultation_marks SET mark = -1 WHERE comment_id = $1 AND user_id = $2",
        &[top, officer],
    )
    .await
    .unwrap();

    // A poll with options; one ballot per poll and account.
    let poll = id(
        &db,
        "INSERT INTO consultation_polls (consultation_id, position, question, kind, created_at) \
         VALUES ($1, 0, 'Đồng ý?', 'yes_no', $2) RETURNING id",
        &[c, T0],
    )
    .await;
    let yes = id(
        &db,
        "INSERT INTO consultation_poll_options (poll_id, position, label) \
         VALUES ($1, 0, 'Có') RETURNING id",
        &[poll],
    )
    .await;
    let ballot = "INSERT INTO consultation_ballots (poll_id, user_id, updated_at) \
                  VALUES ($1, $2, $3) RETURNING id";
    let b = id(&db, ballot, &[poll, citizen, T0]).await;
    assert!(exec(&db, ballot, &[poll, citizen, T0]).await.is_err());
    let choice = "INSERT INTO consultation_ballot_choices (ballot_id, option_id) VALUES ($1, $2)";
    exec(&db, choice, &[b, yes]).await.unwrap();
    assert!(exec(&db, choice, &[b, yes]).await.is_err());
    db.close().await;
}
