//! The hub: publishes petition changes to every subscriber. On SQLite (one
//! instance) it is an in-process broadcast; on PostgreSQL every publish goes
//! through NOTIFY and each instance LISTENs, so subscribers on every instance
//! hear every change. Support counts are coalesced: a change marks the
//! petition, and a ticker publishes each marked petition's count a few times
//! a second at most.

use super::{Change, LiveEvent};
use crate::server::db::{Backend, Db};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::{broadcast, watch};

const CHANNEL: &str = "grassroots_live";
const SUPPORT_TICK: Duration = Duration::from_millis(300);

/// The live-update hub of one server instance.
pub struct Hub {
    db: Db,
    tx: broadcast::Sender<LiveEvent>,
    supports_changed: Mutex<HashSet<String>>,
    closed: watch::Sender<bool>,
    /// Open streams per client address.
    streams: std::sync::Arc<Mutex<HashMap<String, usize>>>,
}

/// One open stream of a client address; dropping it (the stream ended or
/// the client went away) frees its place.
pub struct StreamPermit {
    streams: std::sync::Arc<Mutex<HashMap<String, usize>>>,
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
        let (tx, _) = broadcast::channel(1024);
        let (closed, _) = watch::channel(false);
        Hub {
            db,
            tx,
            supports_changed: Mutex::new(HashSet::new()),
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

    /// Hears every change published from now on (on every instance).
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
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

    /// Publishes a change; call only after its transaction committed.
    pub async fn publish(&self, event: LiveEvent) {
        match self.db.backend {
            Backend::Sqlite => {
                let _ = self.tx.send(event);
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
                    let _ = self.tx.send(event);
                }
            }
        }
    }

    /// Marks a petition whose support count changed.
    pub fn supports_changed(&self, code: &str) {
        if let Ok(mut set) = self.supports_changed.lock() {
            set.insert(code.to_string());
        }
    }

    /// Runs the support ticker and, on PostgreSQL, the LISTEN bridge, until close.
    pub async fn run(self: std::sync::Arc<Self>, database_url: String) {
        if self.db.backend == Backend::Postgres {
            tokio::spawn(self.clone().listen(database_url));
        }
        let closed = self.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => return,
                _ = tokio::time::sleep(SUPPORT_TICK) => {}
            }
            let codes: Vec<String> = match self.supports_changed.lock() {
                Ok(mut set) => set.drain().collect(),
                Err(_) => continue,
            };
            for code in codes {
                match crate::petitions::repo::support_count(&self.db.pool, &code).await {
                    Ok(count) => {
                        self.publish(LiveEvent {
                            code,
                            change: Change::Supports { count },
                            // only public petitions gather supports
                            public: true,
                        })
                        .await
                    }
                    Err(e) => tracing::warn!(error = %e, "support count failed"),
                }
            }
        }
    }

    async fn listen(self: std::sync::Arc<Self>, database_url: String) {
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
                                let _ = self.tx.send(event);
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
