//! SQL of polls, their options and ballots. Tallies are counted from the
//! ballots' choices every time, so they cannot drift from them.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// A poll as stored.
#[derive(Debug, Clone, FromRow)]
pub struct PollRow {
    /// Row id.
    pub id: i64,
    /// Its consultation.
    pub consultation_id: i64,
    /// The question.
    pub question: String,
    /// Its kind (`single`, `multiple`, `yes_no`, `scale`).
    pub kind: String,
    /// Most choices per ballot.
    pub max_choices: i64,
    /// 1 when the results wait for the close.
    pub results_hidden: i64,
}

const POLL: &str = "SELECT id, consultation_id, question, kind, max_choices, results_hidden \
                    FROM consultation_polls";

/// A consultation's polls in order.
pub async fn polls(pool: &AnyPool, consultation_id: i64) -> Result<Vec<PollRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{POLL} WHERE consultation_id = $1 ORDER BY position"
    ))
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// A poll by id.
pub async fn poll(pool: &AnyPool, id: i64) -> Result<Option<PollRow>, sqlx::Error> {
    sqlx::query_as(&format!("{POLL} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The options of a consultation's polls, in order: id, poll id, label.
pub async fn options(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.poll_id, o.label FROM consultation_poll_options o \
         JOIN consultation_polls p ON p.id = o.poll_id \
         WHERE p.consultation_id = $1 ORDER BY p.position, o.position",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// Votes per option of a consultation's polls, counted from the ballots.
pub async fn tallies(pool: &AnyPool, consultation_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT ch.option_id, COUNT(*) FROM consultation_ballot_choices ch \
         JOIN consultation_ballots b ON b.id = ch.ballot_id \
         JOIN consultation_polls p ON p.id = b.poll_id \
         WHERE p.consultation_id = $1 GROUP BY ch.option_id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// Ballots per poll of a consultation.
pub async fn ballot_counts(
    pool: &AnyPool,
    consultation_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.poll_id, COUNT(*) FROM consultation_ballots b \
         JOIN consultation_polls p ON p.id = b.poll_id \
         WHERE p.consultation_id = $1 GROUP BY b.poll_id",
    )
    .bind(consultation_id)
    .fetch_all(pool)
    .await
}

/// The options a reader chose in a consultation's polls.
pub async fn choices_of(
    pool: &AnyPool,
    consultation_id: i64,
    user_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT ch.option_id FROM consultation_ballot_choices ch \
         JOIN consultation_ballots b ON b.id = ch.ballot_id \
         JOIN consultation_polls p ON p.id = b.poll_id \
         WHERE p.consultation_id = $1 AND b.user_id = $2",
    )
    .bind(consultation_id)
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// The option ids of a poll.
pub async fn option_ids(pool: &AnyPool, poll_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM consultation_poll_options WHERE poll_id = $1")
        .bind(poll_id)
        .fetch_all(pool)
        .await
}

/// Adds a poll at the end of a consultation's polls, with its options.
pub async fn insert(
    conn: &mut AnyConnection,
    poll: &PollRow,
    options: &[String],
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO consultation_polls \
         (consultation_id, position, question, kind, max_choices, results_hidden, created_at) \
         VALUES ($1, (SELECT COALESCE(MAX(position) + 1, 0) FROM consultation_polls \
         WHERE consultation_id = $1), $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(poll.consultation_id)
    .bind(&poll.question)
    .bind(&poll.kind)
    .bind(poll.max_choices)
    .bind(poll.results_hidden)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for (position, label) in options.iter().enumerate() {
        sqlx::query(
            "INSERT INTO consultation_poll_options (poll_id, position, label) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(label)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Writes an account's ballot: the one ballot row per poll and account
/// (made or touched first, so the transaction writes from its first
/// statement), then its choices replaced.
pub async fn cast(
    conn: &mut AnyConnection,
    poll_id: i64,
    user_id: i64,
    choices: &[i64],
    now: i64,
) -> Result<(), sqlx::Error> {
    let ballot: i64 = sqlx::query_scalar(
        "INSERT INTO consultation_ballots (poll_id, user_id, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (poll_id, user_id) DO UPDATE SET updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(poll_id)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM consultation_ballot_choices WHERE ballot_id = $1")
        .bind(ballot)
        .execute(&mut *conn)
        .await?;
    for option in choices {
        sqlx::query(
            "INSERT INTO consultation_ballot_choices (ballot_id, option_id) VALUES ($1, $2)",
        )
        .bind(ballot)
        .bind(option)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A poll's results for live subscribers, read in the writer's transaction:
/// its consultation, each option's count (in order) and its ballots; none
/// when the poll keeps its results until the close.
pub async fn live_tally(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<Option<(i64, Vec<(i64, i64)>, i64)>, sqlx::Error> {
    let poll: Option<(i64, i64)> = sqlx::query_as(
        "SELECT consultation_id, results_hidden FROM consultation_polls WHERE id = $1",
    )
    .bind(poll_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((consultation_id, 0)) = poll else {
        return Ok(None);
    };
    let counts: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT o.id, (SELECT COUNT(*) FROM consultation_ballot_choices ch \
         JOIN consultation_ballots b ON b.id = ch.ballot_id \
         WHERE b.poll_id = o.poll_id AND ch.option_id = o.id) \
         FROM consultation_poll_options o WHERE o.poll_id = $1 ORDER BY o.position",
    )
    .bind(poll_id)
    .fetch_all(&mut *conn)
    .await?;
    let ballots: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM consultation_ballots WHERE poll_id = $1")
            .bind(poll_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Some((consultation_id, counts, ballots)))
}
