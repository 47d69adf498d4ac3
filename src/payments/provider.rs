//! Payment providers: the one small interface the gateway needs from a
//! bank or payment gateway (is this notification really from it, and what
//! does it say), and its adapters. A real Vietnamese gateway is one more
//! adapter; nothing else changes.
//!
//! Both adapters here read the signed-webhook format: a JSON body
//! `{"event_id": "…", "reference": "GR…", "amount": 2000}` (the amount a
//! whole number of đồng) signed as [`super::signature`] describes.

use super::model::Money;
use super::signature::{self, SignatureError};
use http::HeaderMap;

/// What a provider's notification says: a transfer of `amount` for
/// `reference`, known to the provider as `event_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The provider's id of the event (what makes a retry a duplicate).
    pub event_id: String,
    /// The payment reference the payer's bank carried.
    pub reference: String,
    /// The amount transferred.
    pub amount: Money,
}

/// Why a notification is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not from the provider (forged, stale, unsigned): 401.
    #[error("not authenticated: {0}")]
    Unauthenticated(SignatureError),
    /// Authenticated, but not a notification we can read: 400.
    #[error("malformed notification")]
    Malformed,
}

/// A payment provider, as the gateway sees it.
pub trait Provider: Send + Sync + 'static {
    /// Its stable name: event ids are unique per provider.
    fn name(&self) -> &'static str;
    /// Whether `body` with `headers` really comes from the provider, at
    /// `now` (Unix seconds).
    fn verify(&self, headers: &HeaderMap, body: &[u8], now: i64) -> Result<(), Rejection>;
    /// The event an authenticated body carries.
    fn read(&self, body: &[u8]) -> Result<Notification, Rejection>;
    /// The headers the provider would send with `body` at `now`: only a
    /// provider played by this server (the sandbox bank) can sign.
    fn sign(&self, _body: &[u8], _now: i64) -> Option<HeaderMap> {
        None
    }
}

/// The longest event id and reference read.
const MAX_ID: usize = 100;

/// Reads the JSON body of the signed-webhook format; the amount must be a
/// positive whole number (a float or a string is malformed).
pub fn read_json(body: &[u8]) -> Result<Notification, Rejection> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| Rejection::Malformed)?;
    let text = |name: &str| {
        value
            .get(name)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| {
                !s.is_empty() && s.len() <= MAX_ID && s.bytes().all(|b| b.is_ascii_graphic())
            })
            .map(str::to_string)
            .ok_or(Rejection::Malformed)
    };
    let amount = value
        .get("amount")
        .and_then(|v| v.as_i64())
        .filter(|n| *n > 0)
        .ok_or(Rejection::Malformed)?;
    Ok(Notification {
        event_id: text("event_id")?,
        reference: text("reference")?,
        amount: Money::from_dong(amount),
    })
}

/// The JSON body of a notification in the signed-webhook format.
pub fn write_json(n: &Notification) -> Vec<u8> {
    serde_json::json!({
        "event_id": n.event_id,
        "reference": n.reference,
        "amount": n.amount.dong(),
    })
    .to_string()
    .into_bytes()
}

fn check(
    secret: Option<&[u8]>,
    headers: &HeaderMap,
    body: &[u8],
    now: i64,
) -> Result<(), Rejection> {
    // Without a secret nothing can be believed.
    let secret = secret.ok_or(Rejection::Unauthenticated(SignatureError::Mismatch))?;
    let header = headers
        .get(signature::HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or(Rejection::Unauthenticated(SignatureError::Malformed))?;
    signature::verify(secret, header, body, now)
        .map(|_| ())
        .map_err(Rejection::Unauthenticated)
}

/// A gateway that signs its webhooks with the shared secret
/// `PAYMENT_WEBHOOK_SECRET` (`PAYMENT_PROVIDER=webhook`).
pub struct SignedWebhook {
    secret: Option<Vec<u8>>,
}

impl SignedWebhook {
    /// The adapter with `secret` (none: every notification is refused).
    pub fn new(secret: Option<Vec<u8>>) -> SignedWebhook {
        if secret.is_none() {
            tracing::warn!("PAYMENT_WEBHOOK_SECRET is not set: payment notifications are refused");
        }
        SignedWebhook { secret }
    }
}

impl Provider for SignedWebhook {
    fn name(&self) -> &'static str {
        "webhook"
    }

    fn verify(&self, headers: &HeaderMap, body: &[u8], now: i64) -> Result<(), Rejection> {
        check(self.secret.as_deref(), headers, body, now)
    }

    fn read(&self, body: &[u8]) -> Result<Notification, Rejection> {
        read_json(body)
    }
}

/// The built-in sandbox (demo mode only): this server plays the bank app
/// and the gateway, signing what its sandbox bank page sends with the
/// configured secret, or one drawn at start.
pub struct Sandbox {
    secret: Vec<u8>,
}

impl Sandbox {
    /// The sandbox with `secret`, or a random one.
    pub fn new(secret: Option<Vec<u8>>) -> Sandbox {
        let secret = secret.unwrap_or_else(|| {
            use rand::RngCore;
            let mut bytes = vec![0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            bytes
        });
        Sandbox { secret }
    }
}

impl Provider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn verify(&self, headers: &HeaderMap, body: &[u8], now: i64) -> Result<(), Rejection> {
        check(Some(&self.secret), headers, body, now)
    }

    fn read(&self, body: &[u8]) -> Result<Notification, Rejection> {
        read_json(body)
    }

    fn sign(&self, body: &[u8], now: i64) -> Option<HeaderMap> {
        let mut headers = HeaderMap::new();
        let value = signature::sign(&self.secret, now, body).parse().ok()?;
        headers.insert(signature::HEADER, value);
        Some(headers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_read_strictly() {
        let n =
            read_json(br#"{"event_id":"e1","reference":"GR23456789AB","amount":2000}"#).unwrap();
        assert_eq!(n.amount, Money::from_dong(2000));
        assert_eq!(read_json(&write_json(&n)), Ok(n));
        for bad in [
            &b"not json"[..],
            br#"{"event_id":"e1","reference":"R","amount":2000.5}"#,
            br#"{"event_id":"e1","reference":"R","amount":"2000"}"#,
            br#"{"event_id":"e1","reference":"R","amount":0}"#,
            br#"{"event_id":"","reference":"R","amount":1}"#,
            br#"{"reference":"R","amount":1}"#,
            br#"{"event_id":"e 1","reference":"R","amount":1}"#,
        ] {
            assert_eq!(read_json(bad), Err(Rejection::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn the_sandbox_signs_what_it_verifies_and_nothing_else() {
        let sandbox = Sandbox::new(None);
        let body = br#"{"event_id":"e1","reference":"GR23456789AB","amount":2000}"#;
        let headers = sandbox.sign(body, 1_000).unwrap();
        assert_eq!(sandbox.verify(&headers, body, 1_100), Ok(()));
        assert!(sandbox.verify(&headers, b"{}", 1_100).is_err());
        assert!(sandbox.verify(&HeaderMap::new(), body, 1_100).is_err());
        // Another sandbox (another secret) does not believe it.
        assert!(Sandbox::new(None).verify(&headers, body, 1_100).is_err());
        let webhook = SignedWebhook::new(None);
        assert!(webhook.verify(&headers, body, 1_100).is_err());
        assert!(webhook.sign(body, 1_000).is_none());
    }
}
