//! The payments' settings, read from the environment at start (documented
//! in the README): which provider confirms payments, its shared secret,
//! demo mode (which turns on the sandbox bank) and how long an invoice
//! may be paid.

use super::provider::{Provider, Sandbox, SignedWebhook};
use crate::server::config::number;
use std::sync::Arc;
use std::time::Duration;

/// What a deployment decides about payments.
#[derive(Clone)]
pub struct PaymentConfig {
    /// The adapter that verifies and reads notifications (`PAYMENT_PROVIDER`).
    pub provider: Arc<dyn Provider>,
    /// `DEMO_MODE=1`: the sandbox bank page and its provider are available.
    pub demo: bool,
    /// `INVOICE_MINUTES`: how long an invoice may be paid (default 30).
    pub invoice_ttl: Duration,
}

impl std::fmt::Debug for PaymentConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentConfig")
            .field("provider", &self.provider.name())
            .field("demo", &self.demo)
            .field("invoice_ttl", &self.invoice_ttl)
            .finish()
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl PaymentConfig {
    /// Reads the settings; an invalid value is an error naming the variable.
    ///
    /// `PAYMENT_PROVIDER` is `webhook` (the signed-webhook format, the
    /// default) or `sandbox` (demo mode only; the default in demo mode).
    /// `PAYMENT_WEBHOOK_SECRET` is the secret both sides sign with; without
    /// it the webhook believes no notification, except in demo mode, where
    /// a random secret is drawn at start for the sandbox bank.
    pub fn from_env() -> Result<PaymentConfig, String> {
        let demo = matches!(var("DEMO_MODE").as_deref(), Some("1" | "true" | "on"));
        let secret = var("PAYMENT_WEBHOOK_SECRET").map(String::into_bytes);
        let provider: Arc<dyn Provider> = match var("PAYMENT_PROVIDER").as_deref() {
            Some("webhook") => Arc::new(SignedWebhook::new(secret)),
            Some("sandbox") if demo => Arc::new(Sandbox::new(secret)),
            Some("sandbox") => {
                return Err("PAYMENT_PROVIDER=sandbox needs DEMO_MODE=1".into());
            }
            Some(other) => {
                return Err(format!(
                    "PAYMENT_PROVIDER={other}: expected webhook or sandbox"
                ))
            }
            None if demo => Arc::new(Sandbox::new(secret)),
            None => Arc::new(SignedWebhook::new(secret)),
        };
        Ok(PaymentConfig {
            provider,
            demo,
            invoice_ttl: Duration::from_secs(60 * number("INVOICE_MINUTES", 30)?),
        })
    }
}
