//! Rate limits: in-process GCRA buckets, one per kind of request, keyed by
//! client address or account. Several instances behind a balancer each
//! enforce their own share. Each kind has its own bucket, so using up one
//! (say, supports) never blocks another (say, follows or a password reset).

use super::config::Config;
use crate::error::AppError;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::collections::HashMap;
use std::fmt::Display;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A kind of request with its own quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// Sign-in attempts, per client address and e-mail together.
    SignIn,
    /// Sign-in attempts per e-mail from every address: a looser ceiling.
    SignInAccount,
    /// Registrations, per address.
    Register,
    /// Password-reset and verification mails asked for, per address.
    PasswordReset,
    /// Requests filed through Open311, per API key.
    Open311,
    /// Petitions submitted (on the site or through Open311), per account.
    Submit,
    /// Supports and withdrawals, per account.
    Support,
    /// Follows and unfollows, per account.
    Follow,
    /// Abuse reports, per account.
    Report,
    /// Tracking codes looked up that name no petition, per address.
    LookupMiss,
}

impl Bucket {
    const ALL: [Bucket; 10] = [
        Bucket::SignIn,
        Bucket::SignInAccount,
        Bucket::Register,
        Bucket::PasswordReset,
        Bucket::Open311,
        Bucket::Submit,
        Bucket::Support,
        Bucket::Follow,
        Bucket::Report,
        Bucket::LookupMiss,
    ];

    fn quota(self, config: &Config) -> Quota {
        let divisor = config.rate_window_divisor.max(1);
        let (minute, hour) = (MINUTE / divisor, HOUR / divisor);
        match self {
            Bucket::SignIn => per(config.rate_signin_per_minute, minute),
            Bucket::SignInAccount => per(config.rate_signin_per_account_per_hour, hour),
            Bucket::Register => per(config.rate_register_per_hour, hour),
            Bucket::PasswordReset => per(config.rate_reset_per_hour, hour),
            Bucket::Open311 => per(config.rate_open311_per_minute, minute),
            Bucket::Submit => per(config.rate_submit_per_hour, hour),
            Bucket::Support | Bucket::Follow | Bucket::Report => {
                per(config.rate_support_per_minute, minute)
            }
            Bucket::LookupMiss => per(config.rate_lookup_misses_per_minute, minute),
        }
    }
}

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

fn per(count: u32, period: Duration) -> Quota {
    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(period / count.get())
        .unwrap_or_else(|| Quota::per_second(count))
        .allow_burst(count)
}

/// The limiters of one server process.
pub struct RateLimits {
    buckets: HashMap<Bucket, DefaultKeyedRateLimiter<String>>,
    /// How long an address that used up its look-up misses gets no answers:
    /// a minute, divided as the windows are.
    lookup_block: Duration,
    /// Addresses that guessed too many codes, until when.
    lookup_blocked: Mutex<HashMap<String, Instant>>,
}

impl RateLimits {
    /// Limits as configured.
    pub fn new(config: &Config) -> RateLimits {
        RateLimits {
            buckets: Bucket::ALL
                .into_iter()
                .map(|b| (b, DefaultKeyedRateLimiter::keyed(b.quota(config))))
                .collect(),
            lookup_block: MINUTE / config.rate_window_divisor.max(1),
            lookup_blocked: Mutex::new(HashMap::new()),
        }
    }

    /// One request of kind `bucket` for `key` (an address, an account id).
    pub fn check(&self, bucket: Bucket, key: impl Display) -> Result<(), AppError> {
        match self.buckets.get(&bucket) {
            Some(limiter) => limiter
                .check_key(&key.to_string())
                .map_err(|_| AppError::RateLimited),
            None => Ok(()),
        }
    }

    /// A sign-in attempt for `email` from `ip`: limited per address and
    /// e-mail together, so someone hammering an account from their address
    /// does not lock its owner out of theirs, and per e-mail by a looser
    /// ceiling against guessing from many addresses.
    pub fn check_signin(&self, ip: &str, email: &str) -> Result<(), AppError> {
        self.check(Bucket::SignIn, format_args!("{ip} {email}"))?;
        self.check(Bucket::SignInAccount, email)
    }

    /// A password-reset (or verification) mail asked for from `ip`.
    pub fn check_password_reset(&self, ip: &str) -> Result<(), AppError> {
        self.check(Bucket::PasswordReset, ip)
    }

    /// Looks a tracking code up for the client at `ip` with `look` (a page,
    /// the API, a live stream, Open311). Refused while the address is blocked
    /// for guessing, whatever the code, so a blocked guesser learns nothing;
    /// a code that names nothing (not found, or no code at all) is a miss.
    pub async fn lookup<T>(
        &self,
        ip: &str,
        look: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        self.check_lookup(ip)?;
        let found = look.await;
        if matches!(found, Err(AppError::NotFound | AppError::Validation { .. })) {
            self.lookup_missed(ip)?;
        }
        found
    }

    fn check_lookup(&self, ip: &str) -> Result<(), AppError> {
        let mut blocked = self.lookup_blocked.lock().map_err(|_| AppError::Internal)?;
        match blocked.get(ip) {
            Some(until) if *until > Instant::now() => Err(AppError::RateLimited),
            Some(_) => {
                blocked.remove(ip);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// A tracking code `ip` looked up named no petition: past the quota of
    /// misses, the address gets no look-ups for a while. Finding petitions
    /// costs nothing, so people behind one shared address (mobile carriers
    /// share them widely) read freely; enumerating codes is mostly misses.
    fn lookup_missed(&self, ip: &str) -> Result<(), AppError> {
        let refused = self.check(Bucket::LookupMiss, ip);
        if refused.is_err() {
            if let Ok(mut blocked) = self.lookup_blocked.lock() {
                blocked.insert(ip.to_string(), Instant::now() + self.lookup_block);
            }
        }
        refused
    }

    /// Drops buckets that are full again, so memory stays bounded.
    pub fn prune(&self) {
        for limiter in self.buckets.values() {
            limiter.retain_recent();
        }
        if let Ok(mut blocked) = self.lookup_blocked.lock() {
            let now = Instant::now();
            blocked.retain(|_, until| *until > now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut config = Config::from_env().unwrap();
        config.rate_signin_per_minute = 3;
        config.rate_signin_per_account_per_hour = 5;
        config.rate_lookup_misses_per_minute = 2;
        config
    }

    #[test]
    fn signin_is_limited_per_address_and_email_with_a_ceiling_per_email() {
        let limits = RateLimits::new(&config());
        for _ in 0..3 {
            assert!(limits.check_signin("1.2.3.4", "a@b.vn").is_ok());
        }
        assert_eq!(
            limits.check_signin("1.2.3.4", "a@b.vn"),
            Err(AppError::RateLimited)
        );
        // the owner, from their own address, still gets in
        assert!(limits.check_signin("5.6.7.8", "a@b.vn").is_ok());
        // ... until the looser per-account ceiling: attempts refused by the
        // address's own limit are not counted, so this is the fifth
        assert!(limits.check_signin("9.9.9.9", "a@b.vn").is_ok());
        assert!(limits.check_signin("9.9.9.8", "a@b.vn").is_err());
        // other accounts are unaffected
        assert!(limits.check_signin("1.2.3.4", "c@d.vn").is_ok());
    }

    #[test]
    fn buckets_are_separate() {
        let mut config = config();
        config.rate_support_per_minute = 1;
        let limits = RateLimits::new(&config);
        assert!(limits.check(Bucket::Support, 7).is_ok());
        assert!(limits.check(Bucket::Support, 7).is_err());
        assert!(limits.check(Bucket::Follow, 7).is_ok());
        assert!(limits.check(Bucket::Report, 7).is_ok());
        assert!(limits.check(Bucket::Support, 8).is_ok());
    }

    #[test]
    fn too_many_misses_block_every_lookup_for_a_while() {
        let limits = RateLimits::new(&config());
        assert!(limits.check_lookup("1.1.1.1").is_ok());
        assert!(limits.lookup_missed("1.1.1.1").is_ok());
        assert!(limits.lookup_missed("1.1.1.1").is_ok());
        assert!(limits.lookup_missed("1.1.1.1").is_err());
        assert_eq!(limits.check_lookup("1.1.1.1"), Err(AppError::RateLimited));
        assert!(limits.check_lookup("2.2.2.2").is_ok());
    }
}
