//! Test harness: spawns the real server binary on port 0 with a fresh
//! database — a temporary SQLite file, or a fresh database on the PostgreSQL
//! server named by `TEST_DATABASE_URL` — and drives it over HTTP with a
//! cookie-keeping client.
#![allow(dead_code)]

use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use serde_json::Value;
use sqlx::any::install_default_drivers;
use sqlx::{AnyPool, Executor};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The demo password used for accounts the tests create.
pub const PASSWORD: &str = "correct horse battery";

/// A running server on a fresh database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The server's `DATABASE_URL`.
    pub database_url: String,
    child: Child,
    /// Lines of the server's log that tell of a panic.
    panics: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

/// A pool on a test server's database, for checks the HTTP API cannot make.
pub async fn pool(url: &str) -> AnyPool {
    install_default_drivers();
    AnyPool::connect(url)
        .await
        .expect("connect to the test database")
}

/// Which backend the suite runs against.
pub fn backend() -> &'static str {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    }
}

/// A fresh, empty database (a SQLite file in `dir`, or a new database on the
/// PostgreSQL server of `TEST_DATABASE_URL`), named by its URL.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            install_default_drivers();
            let name = format!(
                "gr_test_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            let pool = AnyPool::connect(&admin_url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            pool.execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create test database");
            pool.close().await;
            let (prefix, _) = admin_url.rsplit_once('/').expect("URL has a database part");
            format!("{prefix}/{name}")
        }
        _ => format!("sqlite://{}/test.db", dir.display()),
    }
}

impl TestApp {
    /// A server with default settings.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(&[]).await
    }

    /// A server with extra environment variables.
    pub async fn spawn_with(env: &[(&str, &str)]) -> TestApp {
        TestApp::spawn_on(None, env).await
    }

    /// A server on an existing database (which it migrates at start).
    pub async fn spawn_on_database(database_url: &str) -> TestApp {
        TestApp::spawn_on(Some(database_url.to_string()), &[]).await
    }

    /// A second server instance on this one's database (PostgreSQL scale-out).
    pub async fn another_instance(&self) -> TestApp {
        TestApp::spawn_on(Some(self.database_url.clone()), &[]).await
    }

    /// A second instance on this one's database, with extra environment variables.
    pub async fn another_instance_with(&self, env: &[(&str, &str)]) -> TestApp {
        TestApp::spawn_on(Some(self.database_url.clone()), env).await
    }

    async fn spawn_on(database_url: Option<String>, env: &[(&str, &str)]) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match database_url {
            Some(url) => url,
            None => fresh_database(dir.path()).await,
        };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_grassroots"));
        cmd.env("DATABASE_URL", &database_url)
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .env("RATE_SIGNIN_PER_MINUTE", "1000")
            .env("RATE_REGISTER_PER_HOUR", "1000")
            .env("RATE_SUBMIT_PER_HOUR", "1000")
            .env("RATE_SUPPORT_PER_MINUTE", "1000")
            .env("RATE_SIGNIN_PER_ACCOUNT_PER_HOUR", "100000")
            .env("RATE_RESET_PER_HOUR", "1000")
            .env("RATE_LOOKUP_MISSES_PER_MINUTE", "1000")
            .env_remove("PUBLIC_URL")
            .env_remove("TRUSTED_PROXIES")
            .env_remove("SMTP_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Ok(root) = std::env::var("TEST_SITE_ROOT") {
            cmd.env("SITE_ROOT", root);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("server starts");
        let stdout = child.stdout.take().expect("stdout piped");
        let mut lines = BufReader::new(stdout).lines();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.expect("read stdout") {
                if let Some(url) = line.strip_prefix("listening on ") {
                    return url.trim().to_string();
                }
            }
            panic!("server exited before listening");
        })
        .await
        .expect("server listens within 60 s");
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        // Pass the log on to the test's output, keeping what tells of a panic.
        let panics = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut log = BufReader::new(child.stderr.take().expect("stderr piped")).lines();
        let seen = panics.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = log.next_line().await {
                eprintln!("{line}");
                if line.contains("panicked") {
                    seen.lock().unwrap().push(line);
                }
            }
        });
        TestApp {
            base,
            database_url,
            child,
            panics,
            _dir: dir,
        }
    }

    /// A new browser-like client with its own cookie jar and this site's Origin.
    pub fn client(&self) -> Client {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(&self.base).unwrap());
        Client {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .default_headers(headers)
                .redirect(reqwest::redirect::Policy::none())
                // Tests send bodies the server refuses mid-upload; a pooled
                // connection closed that way must not fail the next request.
                .pool_max_idle_per_host(0)
                .build()
                .unwrap(),
        }
    }

    /// Runs the binary's command line against this server's database.
    pub async fn cli(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_grassroots"))
            .args(args)
            .env("DATABASE_URL", &self.database_url)
            .env("RUST_LOG", "warn")
            .output()
            .await
            .expect("cli runs")
    }

    /// Creates an account with the command line and returns a client signed in to it.
    pub async fn user(&self, email: &str, role: &str, agency: Option<&str>) -> Client {
        if let Some(agency) = agency {
            let out = self.cli(&["admin", "create-agency", agency]).await;
            assert!(out.status.success(), "{out:?}");
        }
        let mut args = vec![
            "admin",
            "create-user",
            "--email",
            email,
            "--password",
            PASSWORD,
            "--name",
            "Test User",
            "--role",
            role,
        ];
        if let Some(agency) = agency {
            args.extend(["--agency", agency]);
        }
        let out = self.cli(&args).await;
        assert!(out.status.success(), "{out:?}");
        if let (Some(agency), "officer") = (agency, role) {
            self.hand_unrouted_to(agency).await;
        }
        let client = self.client();
        let res = client
            .call(
                "accounts/sign_in",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(res.status(), 200, "sign in {email}");
        client
    }

    /// Gives `agency` every category and petition no agency handles yet, as
    /// the demo does: a test's first officer handles what is filed (only
    /// admins may touch petitions no agency handles).
    pub async fn hand_unrouted_to(&self, agency: &str) {
        let db = pool(&self.database_url).await;
        for table in ["categories", "petitions"] {
            sqlx::query(&format!(
                "UPDATE {table} SET agency_id = (SELECT id FROM agencies WHERE name = $1) \
                 WHERE agency_id IS NULL"
            ))
            .bind(agency)
            .execute(&db)
            .await
            .expect("route unrouted");
        }
        db.close().await;
    }

    /// A new client registered as a citizen (with the test password).
    pub async fn citizen(&self, email: &str, name: &str) -> Client {
        let client = self.client();
        assert_eq!(
            client.register(email, name).await.status(),
            200,
            "register {email}"
        );
        client
    }

    /// A new client registered as a citizen whose e-mail address is verified
    /// (through the mailed link), so its supports count.
    pub async fn verified_citizen(&self, email: &str, name: &str) -> Client {
        let client = self.citizen(email, name).await;
        self.verify_email(email).await;
        client
    }

    /// Opens the verification link mailed to `email` (as its owner would,
    /// from any browser) and checks that it worked.
    pub async fn verify_email(&self, email: &str) {
        let token = self.mailed_token(email, "/verify").await;
        let (status, body) = self
            .client()
            .call_json("accounts/verify_email", &[("token", &token)])
            .await;
        assert_eq!(status, 200, "verify {email}: {body}");
    }

    /// The body of the newest mail to `to`, read from the outbox table (the
    /// admin page hides the tokens of links).
    pub async fn last_mail(&self, to: &str) -> String {
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body FROM outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(to)
        .fetch_optional(&pool(&self.database_url).await)
        .await
        .unwrap();
        body.unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// The token of the `path?token=…` link in the newest mail to `to`.
    pub async fn mailed_token(&self, to: &str, path: &str) -> String {
        let body = self.last_mail(to).await;
        let key = format!("{path}?token=");
        let start = body
            .find(&key)
            .unwrap_or_else(|| panic!("no {key} link in {body}"))
            + key.len();
        body[start..].split_whitespace().next().unwrap().to_string()
    }

    /// The lines of the server's log so far that tell of a panic.
    pub fn panics(&self) -> Vec<String> {
        self.panics.lock().unwrap().clone()
    }

    /// The OS process id of the server.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("running")
    }

    /// Waits for the server to exit and returns whether it exited cleanly.
    pub async fn wait(mut self) -> bool {
        tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("server exits within 30 s")
            .expect("wait")
            .success()
    }
}

/// A cookie-keeping client of one test server.
#[derive(Clone)]
pub struct Client {
    /// Base URL.
    pub base: String,
    /// The HTTP client.
    pub http: reqwest::Client,
}

impl Client {
    /// Calls a server function with a form body, as `ActionForm` does.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Calls a server function and decodes its JSON answer (or error).
    pub async fn call_json(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let res = self.call(endpoint, form).await;
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    /// GETs a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request")
    }

    /// Registers a citizen with the test password.
    pub async fn register(&self, email: &str, name: &str) -> reqwest::Response {
        self.call(
            "accounts/register",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("display_name", name),
                ("locality", "461001"),
            ],
        )
        .await
    }

    /// The signed-in user, or `Null`.
    pub async fn me(&self) -> Value {
        let (status, value) = self.call_json("accounts/me", &[]).await;
        assert_eq!(status, 200, "{value}");
        value
    }
}

/// Asserts a validation error on `field` with message `key`.
pub fn assert_invalid(status: u16, body: &Value, field: &str, key: &str) {
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["kind"], "validation", "{body}");
    assert_eq!(body["field"], field, "{body}");
    assert_eq!(body["key"], key, "{body}");
}

/// Every server function in the source: its endpoint and its fields, read
/// from the `#[server(endpoint = …)]` attributes and the signatures below them.
pub fn server_functions() -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for file in rust_files(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("#[server(endpoint = \"") {
            let rest = &text[at + "#[server(endpoint = \"".len()..];
            let endpoint = rest.split('"').next().unwrap().to_string();
            let signature = &rest[rest.find("fn ").unwrap()..rest.find("-> Result").unwrap()];
            let params =
                &signature[signature.find('(').unwrap() + 1..signature.rfind(')').unwrap()];
            let fields = params
                .split(',')
                .filter_map(|p| {
                    let p = match p.rfind(']') {
                        Some(end) => &p[end + 1..],
                        None => p,
                    };
                    let name = p.split(':').next()?.trim();
                    (!name.is_empty()).then(|| name.to_string())
                })
                .collect();
            out.push((endpoint, fields));
        }
    }
    out.sort();
    out
}

fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}
