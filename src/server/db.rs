//! The database pool. One binary serves SQLite or PostgreSQL, chosen at run
//! time from `DATABASE_URL`; SQL is written once with `$n` placeholders and
//! the few dialect differences are named branches on [`Backend`].

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// Which database the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite (one machine, zero set-up).
    Sqlite,
    /// PostgreSQL (several stateless instances).
    Postgres,
}

/// The pool and the backend it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    /// The connection pool.
    pub pool: AnyPool,
    /// The backend behind the pool.
    pub backend: Backend,
}

impl Db {
    /// Connects, creating the SQLite file (and its folder) when needed.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else if url.starts_with("sqlite") {
            Backend::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite:// or postgres://".into(),
            ));
        };
        let pool = match backend {
            Backend::Sqlite => {
                let url = sqlite_url(url)?;
                AnyPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    // A file on this machine does not drop a connection: a
                    // ping before each use was two thread hand-offs per query.
                    .test_before_acquire(false)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // synchronous = FULL: a commit is on disk before
                            // it is acknowledged (NORMAL could lose the last
                            // commits on power loss); supports are grouped so
                            // this costs one fsync per group.
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                                 PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?
            }
        };
        Ok(Db { pool, backend })
    }

    /// Applies the migrations of this backend's dialect.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await,
        }
    }

    /// Whether the database answers a trivial query.
    pub async fn is_ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

/// Makes sure the SQLite file's folder exists and the file is created on first use.
fn sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Err(sqlx::Error::Configuration(
            "a SQLite DATABASE_URL must name a file".into(),
        ));
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| sqlx::Error::Configuration(e.into()))?;
        }
    }
    Ok(if rest.contains("mode=") {
        format!("sqlite://{rest}")
    } else if rest.contains('?') {
        format!("sqlite://{rest}&mode=rwc")
    } else {
        format!("sqlite://{rest}?mode=rwc")
    })
}

/// Milliseconds since the Unix epoch: how times are stored in both dialects.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
