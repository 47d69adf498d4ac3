//! The outbox sender against a real SMTP conversation on loopback.

use crate::common::TestApp;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP receiver: answers the conversation lettre holds and keeps
/// each message's DATA. The first `refuse` transactions get a temporary
/// failure (451), as a busy relay would answer.
struct SmtpSink {
    url: String,
    messages: Arc<Mutex<Vec<String>>>,
}

async fn smtp_sink(refuse: usize) -> SmtpSink {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let messages = Arc::new(Mutex::new(Vec::new()));
    let refused = Arc::new(Mutex::new(0usize));
    let store = messages.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let (store, refused) = (store.clone(), refused.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(std::mem::take(body));
                            data = None;
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "MAIL" => {
                            let mut n = refused.lock().unwrap();
                            if *n < refuse {
                                *n += 1;
                                b"451 try again later\r\n"
                            } else {
                                b"250 ok\r\n"
                            }
                        }
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    SmtpSink { url, messages }
}

async fn wait_until<F: Fn() -> bool>(what: &str, f: F) {
    for _ in 0..200 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn outbox_mail_is_delivered_once_after_a_temporary_failure() {
    let sink = smtp_sink(1).await;
    let app = TestApp::spawn_with(&[("SMTP_URL", &sink.url), ("MAIL_POLL_SECONDS", "1")]).await;
    // An account made on the command line: no verification mail, so the
    // reset mail is the outbox's only message.
    app.user("mail@example.vn", "citizen", None).await;
    let (status, _) = app
        .client()
        .call_json("accounts/forgot_password", &[("email", "mail@example.vn")])
        .await;
    assert_eq!(status, 200);

    let pool = crate::common::pool(&app.database_url).await;
    let attempts = || {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (i64, Option<i64>, Option<String>)>(
                "SELECT attempts, sent_at, last_error FROM outbox",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // The first attempt is refused and scheduled for later with backoff.
    for _ in 0..100 {
        if attempts().await.0 >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (n, sent, error) = attempts().await;
    assert_eq!((n, sent), (1, None));
    assert!(error.unwrap_or_default().contains("451"));
    assert!(sink.messages.lock().unwrap().is_empty());

    // Make the retry due now instead of waiting out the backoff.
    sqlx::query("UPDATE outbox SET next_attempt_at = 0")
        .execute(&pool)
        .await
        .unwrap();
    wait_until("delivery", || !sink.messages.lock().unwrap().is_empty()).await;
    for _ in 0..50 {
        if attempts().await.1.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (n, sent, _) = attempts().await;
    assert_eq!(n, 2);
    assert!(sent.is_some());
    let message = sink.messages.lock().unwrap()[0].clone();
    assert!(message.contains("mail@example.vn"), "{message}");
    assert!(message.contains("reset-password?token="), "{message}");
    assert!(message.contains("Message-ID: <outbox-1@"), "{message}");

    // Never twice: further polls find nothing due.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.messages.lock().unwrap().len(), 1);
}
