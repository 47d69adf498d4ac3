//! The mail outbox. A message is written in the same transaction as the action
//! that causes it; a background sender delivers it through SMTP when
//! `SMTP_URL` is set, with retries and exponential backoff. Without SMTP the
//! messages stay in the outbox, readable on the admin page.

use super::db::now_ms;
use super::state::AppState;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::AnyConnection;

/// Attempts before a message is given up on.
const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message is reserved for one sender.
const CLAIM_MS: i64 = 120_000;

/// Queues a message; call inside the transaction of the action that causes it.
pub async fn enqueue(
    conn: &mut AnyConnection,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO outbox (to_addr, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Runs the sender until `shutdown` resolves. Does nothing without `SMTP_URL`.
pub async fn run_sender(state: AppState, shutdown: tokio::sync::watch::Receiver<bool>) {
    let Some(url) = state.config.smtp_url.clone() else {
        return;
    };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&url) {
        Ok(builder) => builder.build(),
        Err(e) => {
            tracing::error!(error = %e, "SMTP_URL is invalid; mail stays in the outbox");
            return;
        }
    };
    let mut shutdown = shutdown;
    loop {
        if let Err(e) = deliver_batch(&state, &transport).await {
            tracing::warn!(error = %e, "outbox delivery failed");
        }
        tokio::select! {
            _ = state.mail_wakeup.notified() => {}
            _ = tokio::time::sleep(state.config.mail_poll) => {}
            _ = shutdown.changed() => return,
        }
    }
}

async fn deliver_batch(
    state: &AppState,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    // Claim a batch: the outer condition is re-checked on the locked row, so
    // two instances never claim the same message.
    let claimed: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "UPDATE outbox SET claimed_until = $1 \
         WHERE claimed_until < $2 AND sent_at IS NULL AND failed_at IS NULL AND id IN ( \
           SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
           AND next_attempt_at <= $2 AND claimed_until < $2 ORDER BY id LIMIT 20) \
         RETURNING id, to_addr, subject, body, attempts",
    )
    .bind(now + CLAIM_MS)
    .bind(now)
    .fetch_all(&state.db.pool)
    .await?;
    for (id, to, subject, body, attempts) in claimed {
        let result = send_one(state, transport, id, &to, &subject, body).await;
        match result {
            Ok(()) => {
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2",
                )
                .bind(now_ms())
                .bind(id)
                .execute(&state.db.pool)
                .await?;
            }
            Err(error) => {
                let attempts = attempts + 1;
                let backoff = 30_000i64
                    .saturating_mul(1 << attempts.min(7))
                    .min(3_600_000);
                let failed = (attempts >= MAX_ATTEMPTS).then(now_ms);
                tracing::warn!(id, attempts, %error, "mail not delivered");
                sqlx::query(
                    "UPDATE outbox SET attempts = $1, next_attempt_at = $2, claimed_until = 0, \
                     last_error = $3, failed_at = $4 WHERE id = $5",
                )
                .bind(attempts)
                .bind(now_ms() + backoff)
                .bind(error.chars().take(500).collect::<String>())
                .bind(failed)
                .bind(id)
                .execute(&state.db.pool)
                .await?;
            }
        }
    }
    Ok(())
}

async fn send_one(
    state: &AppState,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    id: i64,
    to: &str,
    subject: &str,
    body: String,
) -> Result<(), String> {
    let from = state
        .config
        .mail_from
        .parse()
        .map_err(|e| format!("MAIL_FROM: {e}"))?;
    let to = to.parse().map_err(|e| format!("recipient: {e}"))?;
    // A stable Message-ID lets receivers drop a copy re-sent after a crash.
    let host = state
        .config
        .public_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into());
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<outbox-{id}@{host}>")))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
