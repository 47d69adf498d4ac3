//! Live updates over Server-Sent Events, through real HTTP streams.

use crate::common::{Client, TestApp};
use crate::petitions::step;
use futures::StreamExt;
use serde_json::Value;
use std::time::Duration;

/// One received SSE event.
#[derive(Debug, Clone)]
pub(crate) struct SseEvent {
    pub(crate) name: String,
    id: Option<String>,
    pub(crate) data: Value,
}

/// An open event stream.
pub(crate) struct Watch {
    stream: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buffer: String,
}

impl Watch {
    pub(crate) async fn open(c: &Client, path: &str, last_event_id: Option<&str>) -> Watch {
        let mut req = c.http.get(format!("{}{path}", c.base));
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        Watch {
            stream: Box::pin(res.bytes_stream()),
            buffer: String::new(),
        }
    }

    /// The next event (comments and keep-alives skipped), within 20 s.
    pub(crate) async fn next(&mut self) -> SseEvent {
        tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let block: String = self.buffer.drain(..end + 2).collect();
                    let mut event = SseEvent {
                        name: "message".into(),
                        id: None,
                        data: Value::Null,
                    };
                    let mut has_data = false;
                    for line in block.lines() {
                        if let Some(v) = line.strip_prefix("event:") {
                            event.name = v.trim().to_string();
                        } else if let Some(v) = line.strip_prefix("id:") {
                            event.id = Some(v.trim().to_string());
                        } else if let Some(v) = line.strip_prefix("data:") {
                            event.data = serde_json::from_str(v.trim()).unwrap();
                            has_data = true;
                        }
                    }
                    if has_data {
                        return event;
                    }
                    continue;
                }
                let chunk = self.stream.next().await.expect("stream open").unwrap();
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("an event within 20 s")
    }

    /// Events until one named `name` arrives; returns it.
    pub(crate) async fn until(&mut self, name: &str) -> SseEvent {
        loop {
            let e = self.next().await;
            if e.name == name {
                return e;
            }
        }
    }
}

async fn petition(app: &TestApp) -> (Client, String) {
    let citizen = app.client();
    let email = format!("w{}@example.vn", rand_tag());
    assert_eq!(citizen.register(&email, "Người Xem").await.status(), 200);
    let code = crate::petitions::submit(&citizen, "Cầu dân sinh xuống cấp", "public").await;
    (citizen, code)
}

fn rand_tag() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test]
async fn status_changes_reach_a_watcher_and_a_reconnect_resumes_without_gaps() {
    let app = TestApp::spawn().await;
    let (_, code) = petition(&app).await;
    let officer = app
        .user("live-o@example.vn", "officer", Some("Sở Giao thông"))
        .await;
    let anon = app.client();

    let mut watch = Watch::open(&anon, &format!("/live/petitions/{code}"), None).await;
    let first = watch.next().await;
    assert_eq!(
        (first.name.as_str(), &first.data["change"]["count"]),
        ("supports", &Value::from(0))
    );
    step(&officer, &code, "accepted", "").await;
    let accepted = watch.until("status").await;
    assert_eq!(accepted.data["change"]["status"], "accepted");
    assert_eq!(accepted.data["code"], code.as_str());
    let accepted_id = accepted.id.clone().expect("status events carry an id");
    drop(watch);

    // Two steps happen while the watcher is away.
    step(&officer, &code, "assigned", "").await;
    step(&officer, &code, "answered", "Đã sửa xong lan can.").await;
    let mut again = Watch::open(
        &anon,
        &format!("/live/petitions/{code}"),
        Some(&accepted_id),
    )
    .await;
    let a = again.next().await;
    let b = again.next().await;
    assert_eq!(
        (a.name.as_str(), &a.data["change"]["status"]),
        ("status", &Value::from("assigned"))
    );
    assert_eq!(
        (b.name.as_str(), &b.data["change"]["status"]),
        ("status", &Value::from("answered"))
    );
    assert!(a.id.unwrap().parse::<i64>().unwrap() > accepted_id.parse::<i64>().unwrap());
    assert_eq!(again.next().await.name, "supports");
    // and live again afterwards
    step(&officer, &code, "closed", "").await;
    assert_eq!(
        again.until("status").await.data["change"]["status"],
        "closed"
    );
}

#[tokio::test]
async fn support_counts_are_coalesced() {
    let app = TestApp::spawn().await;
    let (_, code) = petition(&app).await;
    let mut supporters = Vec::new();
    for i in 0..10 {
        let c = app.client();
        assert_eq!(
            c.register(&format!("co{i}@example.vn"), "Ủng Hộ")
                .await
                .status(),
            200
        );
        app.verify_email(&format!("co{i}@example.vn")).await;
        supporters.push(c);
    }
    let mut watch = Watch::open(&app.client(), &format!("/live/petitions/{code}"), None).await;
    assert_eq!(watch.next().await.data["change"]["count"], 0);
    let form = [("code", code.as_str())];
    let calls = supporters
        .iter()
        .map(|c| c.call("petitions/support", &form));
    for res in futures::future::join_all(calls).await {
        assert_eq!(res.status(), 200);
    }
    let mut updates = 0;
    loop {
        let e = watch.until("supports").await;
        updates += 1;
        // The count the page applies in place, by its key.
        assert_eq!(
            e.data["counts"][format!("supports:{code}")],
            e.data["change"]["count"]
        );
        if e.data["change"]["count"] == 10 {
            break;
        }
    }
    assert!(
        updates < 10,
        "{updates} updates for 10 supports: not coalesced"
    );
}

#[tokio::test]
async fn bad_codes_on_the_stream_are_refused() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let res = c.get("/live/petitions/not-a-code").await;
    assert_eq!(res.status(), 422);
    let res = c.get("/live/petitions/QT-26-22222-2").await;
    assert!(res.status() == 422 || res.status() == 404);
}

#[tokio::test]
async fn the_list_stream_hears_every_public_change() {
    let app = TestApp::spawn().await;
    let mut watch = Watch::open(&app.client(), "/live/petitions", None).await;
    let (_, code) = petition(&app).await;
    let e = watch.until("status").await;
    assert_eq!(
        (e.data["code"].as_str(), &e.data["change"]["status"]),
        (Some(code.as_str()), &Value::from("submitted"))
    );
}

/// On PostgreSQL several instances share one database: a change made through
/// one reaches subscribers of the other (LISTEN/NOTIFY). SQLite runs one
/// instance, so there the test has nothing to check.
#[tokio::test]
async fn events_cross_instances_on_postgres() {
    if crate::common::backend() != "postgres" {
        eprintln!("SQLite backend: one instance only; skipped");
        return;
    }
    let a = TestApp::spawn().await;
    let b = a.another_instance().await;
    let (_, code) = petition(&a).await;
    let officer_on_b = b
        .user("cross@example.vn", "officer", Some("Sở Nội vụ"))
        .await;
    let mut watch = Watch::open(&a.client(), &format!("/live/petitions/{code}"), None).await;
    assert_eq!(watch.next().await.name, "supports");
    step(&officer_on_b, &code, "accepted", "").await;
    assert_eq!(
        watch.until("status").await.data["change"]["status"],
        "accepted"
    );
}
