//! Rate limits on sign-in, registration, password resets, requests filed
//! through Open311, submitting petitions, and supporting or following them.
//! In-process GCRA buckets keyed by client address or account; several
//! instances behind a balancer each enforce their own share.

use super::config::Config;
use crate::error::AppError;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::time::Duration;

/// The limiters of one server process.
pub struct RateLimits {
    signin: DefaultKeyedRateLimiter<String>,
    register: DefaultKeyedRateLimiter<String>,
    password_reset: DefaultKeyedRateLimiter<String>,
    open311: DefaultKeyedRateLimiter<i64>,
    submit: DefaultKeyedRateLimiter<i64>,
    support: DefaultKeyedRateLimiter<i64>,
}

fn per(count: u32, period: Duration) -> Quota {
    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(period / count.get())
        .unwrap_or_else(|| Quota::per_second(count))
        .allow_burst(count)
}

impl RateLimits {
    /// Limits as configured.
    pub fn new(config: &Config) -> RateLimits {
        RateLimits {
            signin: DefaultKeyedRateLimiter::keyed(per(
                config.rate_signin_per_minute,
                Duration::from_secs(60),
            )),
            register: DefaultKeyedRateLimiter::keyed(per(
                config.rate_register_per_hour,
                Duration::from_secs(3600),
            )),
            password_reset: DefaultKeyedRateLimiter::keyed(per(
                config.rate_signin_per_minute,
                Duration::from_secs(60),
            )),
            open311: DefaultKeyedRateLimiter::keyed(per(
                config.rate_open311_per_minute,
                Duration::from_secs(60),
            )),
            submit: DefaultKeyedRateLimiter::keyed(per(
                config.rate_submit_per_hour,
                Duration::from_secs(3600),
            )),
            support: DefaultKeyedRateLimiter::keyed(per(
                config.rate_support_per_minute,
                Duration::from_secs(60),
            )),
        }
    }

    /// A sign-in attempt for `email` from `ip`: limited per address and per account.
    pub fn check_signin(&self, ip: &str, email: &str) -> Result<(), AppError> {
        let by_ip = self.signin.check_key(&format!("ip:{ip}")).is_ok();
        let by_account = self.signin.check_key(&format!("email:{email}")).is_ok();
        if by_ip && by_account {
            Ok(())
        } else {
            Err(AppError::RateLimited)
        }
    }

    /// A registration from `ip`.
    pub fn check_register(&self, ip: &str) -> Result<(), AppError> {
        self.register
            .check_key(&ip.to_string())
            .map_err(|_| AppError::RateLimited)
    }

    /// A password-reset request from `ip`.
    pub fn check_password_reset(&self, ip: &str) -> Result<(), AppError> {
        self.password_reset
            .check_key(&ip.to_string())
            .map_err(|_| AppError::RateLimited)
    }

    /// A request filed through Open311 with API key `key_id`.
    pub fn check_open311(&self, key_id: i64) -> Result<(), AppError> {
        self.open311
            .check_key(&key_id)
            .map_err(|_| AppError::RateLimited)
    }

    /// A petition submitted by account `user_id`.
    pub fn check_submit(&self, user_id: i64) -> Result<(), AppError> {
        self.submit
            .check_key(&user_id)
            .map_err(|_| AppError::RateLimited)
    }

    /// A support, withdrawal or follow by account `user_id`.
    pub fn check_support(&self, user_id: i64) -> Result<(), AppError> {
        self.support
            .check_key(&user_id)
            .map_err(|_| AppError::RateLimited)
    }

    /// Drops buckets that are full again, so memory stays bounded.
    pub fn prune(&self) {
        self.signin.retain_recent();
        self.register.retain_recent();
        self.password_reset.retain_recent();
        self.open311.retain_recent();
        self.submit.retain_recent();
        self.support.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_limited() {
        let mut config = Config::from_env().unwrap();
        config.rate_signin_per_minute = 3;
        let limits = RateLimits::new(&config);
        for _ in 0..3 {
            assert!(limits.check_signin("1.2.3.4", "a@b.vn").is_ok());
        }
        assert_eq!(
            limits.check_signin("1.2.3.4", "a@b.vn"),
            Err(AppError::RateLimited)
        );
        // another address and account is unaffected
        assert!(limits.check_signin("5.6.7.8", "c@d.vn").is_ok());
    }
}
