//! The hub: publishes events to every subscriber. On SQLite (one instance)
//! it is an in-process broadcast; on PostgreSQL every publish goes through
//! NOTIFY and each instance LISTENs, so subscribers on every instance hear
//! every event. Momentary values that change often (a support count during
//! a surge) are coalesced: the newest per topic is kept and published a few
//! times a second at most.

use super::{Heard, LiveEvent};
use crate::server::db::{Backend, Db};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

const CHANNEL: &str = "grassroots_live";
const COALESCE_TICK: Duration = Duration::from_millis(300);
/// Events a subscriber may fall behind by before it gets a resync.
const BUFFER: usize = 1024;

/// The live-update hub of one server instance.
pub struct Hub {
    db: Db,
    tx: broadcast::Sender<Arc<Heard>>,
    /// The newest coalesced event per (topic, name), waiting for the tick.
    pending: Mutex<HashMap<(String, String), LiveEvent>>,
    closed: watch::Sender<bool>,
    /// Open streams per client address.
    streams: Arc<Mutex<HashMap<String, usize>>>,
}

/// One open stream of a client address; dropping it (the stream ended or
/// the client went away) frees its place.
pub struct StreamPermit {
    streams: Arc<Mutex<HashMap<String, usize>>>,
    ip: String,
}

impl Drop for StreamPermit {
    fn drop(&mut self) {
        if let Ok(mut streams) = self.streams.lock() {
            if let Some(n) = streams.get_mut(&self.ip) {
                *n -= 1;
                if *n == 0 {
                    streams.remove(&self.ip);
                }
            }
        }
    }
}

impl Hub {
    /// A hub over `db`; call [`Hub::run`] to start its tasks.
    pub fn new(db: Db) -> Hub {
        let (tx, _) = broadcast::channel(BUFFER);
        let (closed, _) = watch::channel(false);
        Hub {
            db,
            tx,
            pending: Mutex::new(HashMap::new()),
            closed,
            streams: Default::default(),
        }
    }

    /// A place for one more stream of `ip`, unless it holds `cap` already:
    /// one address cannot tie up the server with streams.
    pub fn admit(&self, ip: &str, cap: usize) -> Option<StreamPermit> {
        let mut streams = self.streams.lock().ok()?;
        let open = streams.entry(ip.to_string()).or_insert(0);
        if *open >= cap {
            return None;
        }
        *open += 1;
        Some(StreamPermit {
            streams: self.streams.clone(),
            ip: ip.to_string(),
        })
    }

    /// Hears every event published from now on (on every instance).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Heard>> {
        self.tx.subscribe()
    }

    /// Resolves when the server shuts down, so open streams can end.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.closed.subscribe();
        async move {
            let _ = rx.wait_for(|closed| *closed).await;
        }
    }

    /// Ends every open stream (graceful shutdown).
    pub fn close(&self) {
        let _ = self.closed.send(true);
    }

    /// Publishes an event; call only after its transaction committed.
    pub async fn publish(&self, event: LiveEvent) {
        match self.db.backend {
            Backend::Sqlite => {
                let _ = self.tx.send(Heard::new(event));
            }
            Backend::Postgres => {
                let payload = serde_json::to_string(&event).unwrap_or_default();
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(payload)
                    .execute(&self.db.pool)
                    .await;
                if let Err(e) = sent {
                    tracing::warn!(error = %e, "NOTIFY failed; publishing locally");
                    let _ = self.tx.send(Heard::new(event));
                }
            }
        }
    }

    /// Publishes a momentary value at the next tick, unless a newer one of
    /// the same topic and name replaces it first. Counts (and bars) add up:
    /// the tick's event carries the newest value of every key the waiting
    /// ones carried, so marks on two comments in one tick both arrive.
    pub fn publish_coalesced(&self, mut event: LiveEvent) {
        if let Ok(mut pending) = self.pending.lock() {
            let key = (event.topic.clone(), event.name.clone());
            if let Some(older) = pending.remove(&key) {
                merge_values(older.data, &mut event.data);
            }
            pending.insert(key, event);
        }
    }

    /// Runs the coalescing ticker and, on PostgreSQL, the LISTEN bridge, until close.
    pub async fn run(self: Arc<Self>, database_url: String) {
        if self.db.backend == Backend::Postgres {
            tokio::spawn(self.clone().listen(database_url));
        }
        let closed = self.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => return,
                _ = tokio::time::sleep(COALESCE_TICK) => {}
            }
            let due: Vec<LiveEvent> = match self.pending.lock() {
                Ok(mut pending) => pending.drain().map(|(_, e)| e).collect(),
                Err(_) => continue,
            };
            for event in due {
                self.publish(event).await;
            }
        }
    }

    async fn listen(self: Arc<Self>, database_url: String) {
        let closed = self.closed();
        tokio::pin!(closed);
        loop {
            let mut listener = match sqlx::postgres::PgListener::connect(&database_url).await {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(error = %e, "LISTEN connection failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(e) = listener.listen(CHANNEL).await {
                tracing::warn!(error = %e, "LISTEN failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            loop {
                tokio::select! {
                    _ = &mut closed => return,
                    n = listener.recv() => match n {
                        Ok(n) => {
                            if let Ok(event) = serde_json::from_str::<LiveEvent>(n.payload()) {
                                let _ = self.tx.send(Heard::new(event));
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "LISTEN connection lost; reconnecting");
                            break;
                        }
                    }
                }
            }
        }
    }
}

/// Keeps in `newer` the keys of `older`'s value maps (`counts`, `bars`) it
/// does not carry itself.
fn merge_values(older: serde_json::Value, newer: &mut serde_json::Value) {
    let (serde_json::Value::Object(older), serde_json::Value::Object(newer)) = (older, newer)
    else {
        return;
    };
    for (field, values) in older {
        if let (serde_json::Value::Object(values), Some(serde_json::Value::Object(kept))) =
            (values, newer.get_mut(&field))
        {
            for (key, value) in values {
                kept.entry(key).or_insert(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merge_values;
    use serde_json::json;

    #[test]
    fn coalesced_counts_keep_every_key_with_its_newest_value() {
        let mut newer = json!({ "counts": { "a": 3, "b": 9 }, "bars": { "x": 1 } });
        merge_values(
            json!({ "counts": { "a": 1, "c": 5 }, "bars": { "y": 2 } }),
            &mut newer,
        );
        assert_eq!(
            newer,
            json!({ "counts": { "a": 3, "b": 9, "c": 5 }, "bars": { "x": 1, "y": 2 } })
        );
    }

    #[test]
    fn an_event_without_counts_replaces_the_older_one() {
        let mut newer = json!({ "changed": "comments" });
        merge_values(json!({ "changed": "comments", "n": 2 }), &mut newer);
        assert_eq!(newer, json!({ "changed": "comments" }));
    }
}
