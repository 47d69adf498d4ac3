//! Configuration from environment variables (documented in the README).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the server reads from its environment, with defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (default `sqlite://data/grassroots.db`) or `postgres://…`.
    pub database_url: String,
    /// `BIND_ADDR` (default `127.0.0.1:3000`; port 0 picks a free port).
    pub bind_addr: SocketAddr,
    /// `PUBLIC_URL`: the origin users reach, for links in e-mails and the
    /// origin check; never taken from a request's `Host`. Without it the
    /// server serves on a loopback address only, as `http://127.0.0.1:<port>`
    /// (or `localhost`). An `https://` URL turns on `Secure` `__Host-` cookies.
    pub public_url: Option<String>,
    /// `SITE_ROOT`: where cargo-leptos wrote the site (default `target/site`).
    pub site_root: PathBuf,
    /// `SMTP_URL`: e.g. `smtps://user:pass@smtp.example.org`; unset keeps mail in the outbox.
    pub smtp_url: Option<String>,
    /// `MAIL_FROM` (default `Grassroots <no-reply@localhost>`).
    pub mail_from: String,
    /// `MAIL_POLL_SECONDS`: how often the sender looks for due retries (default 15).
    pub mail_poll: Duration,
    /// `SESSION_IDLE_MINUTES` (default 2880 = 2 days).
    pub session_idle: Duration,
    /// `SESSION_MAX_DAYS` (default 30).
    pub session_absolute: Duration,
    /// `PASSWORD_RESET_MINUTES` (default 60).
    pub password_reset_ttl: Duration,
    /// `RATE_SIGNIN_PER_MINUTE` per address and e-mail together (default 10).
    pub rate_signin_per_minute: u32,
    /// `RATE_SIGNIN_PER_ACCOUNT_PER_HOUR` per e-mail from all addresses (default 100).
    pub rate_signin_per_account_per_hour: u32,
    /// `RATE_RESET_PER_HOUR`: password-reset and verification mails per address (default 10).
    pub rate_reset_per_hour: u32,
    /// `RATE_LOOKUP_MISSES_PER_MINUTE`: tracking codes naming no petition one
    /// address may look up before it is refused look-ups for a minute (default 20).
    pub rate_lookup_misses_per_minute: u32,
    /// `RATE_REGISTER_PER_HOUR` per address (default 20).
    pub rate_register_per_hour: u32,
    /// `RATE_OPEN311_PER_MINUTE`: requests filed through Open311 per API key (default 30).
    pub rate_open311_per_minute: u32,
    /// `RATE_SUBMIT_PER_HOUR`: petitions one account may submit (default 10).
    pub rate_submit_per_hour: u32,
    /// `RATE_SUPPORT_PER_MINUTE`: per account, each of: supports and
    /// withdrawals; follows and unfollows; abuse reports (default 60).
    pub rate_support_per_minute: u32,
    /// `RATE_WINDOW_DIVISOR`: every rate-limit window (and the look-up
    /// block) divided by this whole number (default 1; 60 makes an hour a
    /// minute), for drills and tests that watch limits recover.
    pub rate_window_divisor: u32,
    /// `TRUSTED_PROXIES`: addresses or networks (`10.0.0.0/8, 192.0.2.7`) of
    /// the proxies in front; only from them is `X-Forwarded-For` believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `METRICS_ALLOW`: addresses or networks that may read `/metrics`
    /// (default loopback only).
    pub metrics_allow: Vec<ipnet::IpNet>,
    /// `METRICS_TOKEN`: a bearer token that also opens `/metrics`.
    pub metrics_token: Option<String>,
    /// `LIVE_STREAMS_PER_ADDRESS`: live-update streams one address may hold open (default 20).
    pub live_streams_per_address: usize,
    /// `PAGE_CACHE_MS`: how long a page rendered for a visitor who is not
    /// signed in may be served again to the next such visitor (default 1000;
    /// 0 turns the cache off). A change on this instance ends it at once.
    pub page_cache: Duration,
    /// `LOG_FORMAT`: `json` or `pretty` (default `pretty`).
    pub log_json: bool,
    /// `DATA_DIR`: where uploaded files live (photos under `photos/`). Default:
    /// the SQLite file's directory, or `./data` on PostgreSQL.
    pub data_dir: PathBuf,
}

impl Config {
    /// Reads the configuration; an invalid value is an error naming the variable.
    pub fn from_env() -> Result<Config, String> {
        let bind_addr = var("BIND_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/grassroots.db".into());
        let bind: SocketAddr = bind_addr
            .parse()
            .map_err(|e| format!("BIND_ADDR={bind_addr}: {e}"))?;
        let public_url = match var("PUBLIC_URL") {
            Some(u) => {
                let url = url::Url::parse(&u).map_err(|e| format!("PUBLIC_URL={u}: {e}"))?;
                if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                    return Err(format!("PUBLIC_URL={u}: expected http(s)://host"));
                }
                Some(u.trim_end_matches('/').to_string())
            }
            None if !bind.ip().is_loopback() => {
                return Err(format!(
                    "BIND_ADDR={bind_addr} is not a loopback address: set PUBLIC_URL to the \
                     origin users reach (links in e-mails and the origin check come from it)"
                ))
            }
            None => None,
        };
        Ok(Config {
            bind_addr: bind,
            public_url,
            site_root: var("SITE_ROOT")
                .or_else(|| var("LEPTOS_SITE_ROOT"))
                .unwrap_or_else(|| "target/site".into())
                .into(),
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| "Grassroots <no-reply@localhost>".into()),
            mail_poll: Duration::from_secs(number("MAIL_POLL_SECONDS", 15)?),
            session_idle: Duration::from_secs(60 * number("SESSION_IDLE_MINUTES", 2880)?),
            session_absolute: Duration::from_secs(86_400 * number("SESSION_MAX_DAYS", 30)?),
            password_reset_ttl: Duration::from_secs(60 * number("PASSWORD_RESET_MINUTES", 60)?),
            rate_signin_per_minute: number("RATE_SIGNIN_PER_MINUTE", 10)? as u32,
            rate_signin_per_account_per_hour: number("RATE_SIGNIN_PER_ACCOUNT_PER_HOUR", 100)?
                as u32,
            rate_reset_per_hour: number("RATE_RESET_PER_HOUR", 10)? as u32,
            rate_lookup_misses_per_minute: number("RATE_LOOKUP_MISSES_PER_MINUTE", 20)? as u32,
            rate_register_per_hour: number("RATE_REGISTER_PER_HOUR", 20)? as u32,
            rate_open311_per_minute: number("RATE_OPEN311_PER_MINUTE", 30)? as u32,
            rate_submit_per_hour: number("RATE_SUBMIT_PER_HOUR", 10)? as u32,
            rate_support_per_minute: number("RATE_SUPPORT_PER_MINUTE", 60)? as u32,
            rate_window_divisor: whole("RATE_WINDOW_DIVISOR", 1, 1)?.min(3600) as u32,
            trusted_proxies: networks("TRUSTED_PROXIES", "")?,
            metrics_allow: networks("METRICS_ALLOW", "127.0.0.0/8, ::1")?,
            metrics_token: var("METRICS_TOKEN"),
            live_streams_per_address: number("LIVE_STREAMS_PER_ADDRESS", 20)? as usize,
            page_cache: Duration::from_millis(whole("PAGE_CACHE_MS", 1000, 0)?),
            log_json: var("LOG_FORMAT").is_some_and(|v| v == "json"),
            data_dir: match var("DATA_DIR") {
                Some(dir) => dir.into(),
                None => default_data_dir(&database_url),
            },
            database_url,
        })
    }

    /// The site's base URL for links (e-mails, Open311): `PUBLIC_URL`, else
    /// `http://<BIND_ADDR>` (a loopback address). Never a request's `Host`.
    pub fn site_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind_addr))
    }

    /// The origins browsers may send state changes from: `PUBLIC_URL`'s, or
    /// on loopback the bound port under its usual names.
    pub fn allowed_origins(&self) -> Vec<String> {
        match &self.public_url {
            Some(url) => url::Url::parse(url)
                .map(|u| vec![u.origin().ascii_serialization()])
                .unwrap_or_default(),
            None => {
                let port = self.bind_addr.port();
                vec![
                    format!("http://{}", self.bind_addr),
                    format!("http://localhost:{port}"),
                    format!("http://127.0.0.1:{port}"),
                    format!("http://[::1]:{port}"),
                ]
            }
        }
    }

    /// Whether the site is served over HTTPS (cookies get `Secure` and `__Host-`).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// The directory of the SQLite file (`sqlite://data/grassroots.db` gives
/// `data`), so the database and its files are kept, moved and backed up
/// together; `./data` for PostgreSQL or an in-memory database.
fn default_data_dir(database_url: &str) -> PathBuf {
    let file = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or(rest))
        .filter(|path| !path.is_empty() && !path.starts_with(':'));
    match file.and_then(|f| std::path::Path::new(f).parent()) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        Some(_) => PathBuf::from("."),
        None => PathBuf::from("data"),
    }
}

/// A comma list of addresses and networks (`10.0.0.0/8, 192.0.2.7, ::1`).
fn networks(name: &str, default: &str) -> Result<Vec<ipnet::IpNet>, String> {
    let list = var(name).unwrap_or_else(|| default.to_string());
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("{name}: {s} is not an address or network"))
        })
        .collect()
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A positive whole number from the environment variable `name`, or
/// `default`; for the settings each domain reads itself.
pub fn number(name: &str, default: u64) -> Result<u64, String> {
    whole(name, default, 1)
}

/// A whole number of at least `least` from the environment, or `default`.
fn whole(name: &str, default: u64, least: u64) -> Result<u64, String> {
    let what = if least == 0 {
        "a whole number"
    } else {
        "a positive whole number"
    };
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= least)
            .ok_or_else(|| format!("{name}={v}: expected {what}")),
    }
}

#[cfg(test)]
mod tests {
    use super::{default_data_dir, networks};

    #[test]
    fn networks_take_addresses_and_cidrs() {
        std::env::set_var("GR_TEST_NETS", "10.0.0.0/8, 192.0.2.7 ,::1");
        let nets = networks("GR_TEST_NETS", "").unwrap();
        assert_eq!(nets.len(), 3);
        assert!(nets[0].contains(&"10.1.2.3".parse::<std::net::IpAddr>().unwrap()));
        assert!(nets[1].contains(&"192.0.2.7".parse::<std::net::IpAddr>().unwrap()));
        assert!(!nets[1].contains(&"192.0.2.8".parse::<std::net::IpAddr>().unwrap()));
        std::env::set_var("GR_TEST_NETS", "10.0.0.0/8, nonsense");
        assert!(networks("GR_TEST_NETS", "").is_err());
        assert_eq!(networks("GR_TEST_UNSET", "").unwrap(), vec![]);
    }
    use std::path::PathBuf;

    #[test]
    fn files_live_beside_the_sqlite_database_by_default() {
        assert_eq!(
            default_data_dir("sqlite://data/grassroots.db"),
            PathBuf::from("data")
        );
        assert_eq!(
            default_data_dir("sqlite:///var/lib/gr/db.sqlite?mode=rwc"),
            PathBuf::from("/var/lib/gr")
        );
        assert_eq!(
            default_data_dir("sqlite://grassroots.db"),
            PathBuf::from(".")
        );
        assert_eq!(default_data_dir("sqlite::memory:"), PathBuf::from("data"));
        assert_eq!(default_data_dir("postgres://u@h/db"), PathBuf::from("data"));
    }
}
