//! The signed-webhook format: the provider signs `timestamp.body` with
//! HMAC-SHA256 under a secret both sides share, and sends
//! `Grassroots-Signature: t=<unix seconds>,v1=<hex signature>`. A
//! notification is believed only if its signature verifies (compared in
//! constant time) and its timestamp is within the tolerance of now, so a
//! captured notification cannot be replayed later. Pure: no HTTP, no clock.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the timestamp and the signature.
pub const HEADER: &str = "grassroots-signature";
/// How far a notification's timestamp may be from now, in seconds.
pub const TOLERANCE_SECS: i64 = 300;

/// Why a notification is not believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No header, or not `t=…,v1=…`.
    #[error("signature header missing or malformed")]
    Malformed,
    /// The timestamp is outside the tolerance window.
    #[error("timestamp outside the tolerance")]
    Stale,
    /// The signature does not match the body and timestamp.
    #[error("signature does not match")]
    Mismatch,
}

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header value a provider sends for `body` at `timestamp` (seconds).
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let tag = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex::encode(tag))
}

/// Checks `header` against `body` at `now` (seconds); returns the timestamp.
pub fn verify(secret: &[u8], header: &str, body: &[u8], now: i64) -> Result<i64, SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => {
                let t = v
                    .parse::<i64>()
                    .ok()
                    .filter(|_| v.bytes().all(|b| b.is_ascii_digit()));
                timestamp = Some(t.ok_or(SignatureError::Malformed)?);
            }
            Some(("v1", v)) => {
                signatures.push(hex::decode(v).map_err(|_| SignatureError::Malformed)?)
            }
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if now.abs_diff(timestamp) > TOLERANCE_SECS.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    // Several v1 values let a provider roll its secret; any one may match.
    let mac = mac(secret, timestamp, body);
    if signatures
        .iter()
        .any(|s| mac.clone().verify_slice(s).is_ok())
    {
        Ok(timestamp)
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec-test";
    const BODY: &[u8] = br#"{"event_id":"e1","reference":"GR7K3M9XQ2","amount":2000}"#;

    #[test]
    fn a_signed_notification_verifies() {
        let header = sign(SECRET, 1_780_000_000, BODY);
        assert_eq!(
            verify(SECRET, &header, BODY, 1_780_000_000),
            Ok(1_780_000_000)
        );
        assert_eq!(
            verify(SECRET, &header, BODY, 1_780_000_300),
            Ok(1_780_000_000)
        );
        assert_eq!(
            verify(SECRET, &header, BODY, 1_779_999_700),
            Ok(1_780_000_000)
        );
    }

    #[test]
    fn the_known_answer_is_hmac_sha256_over_timestamp_dot_body() {
        // RFC 4231 test case 2 pins the primitive; then what is signed is
        // exactly `timestamp.body`.
        let mut m = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        m.update(b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(m.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let header = sign(b"k", 12, b"x");
        let mut m = Hmac::<Sha256>::new_from_slice(b"k").unwrap();
        m.update(b"12.x");
        assert_eq!(
            header,
            format!("t=12,v1={}", hex::encode(m.finalize().into_bytes()))
        );
    }

    #[test]
    fn forged_stale_and_malformed_are_refused() {
        let now = 1_780_000_000;
        let header = sign(SECRET, now, BODY);
        assert_eq!(
            verify(b"other", &header, BODY, now),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, &header, br#"{"amount":1}"#, now),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, &header, BODY, now + 301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(SECRET, &header, BODY, now - 301),
            Err(SignatureError::Stale)
        );
        let far = sign(SECRET, i64::MAX, BODY);
        assert_eq!(verify(SECRET, &far, BODY, now), Err(SignatureError::Stale));
        let moved = header.replace(&format!("t={now}"), &format!("t={}", now + 1));
        assert_eq!(
            verify(SECRET, &moved, BODY, now),
            Err(SignatureError::Mismatch)
        );
        for bad in ["", "t=1", "v1=00", "t=x,v1=00", "t=1,v1=zz", "t=-5,v1=00"] {
            assert_eq!(
                verify(SECRET, bad, BODY, now),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
    }
}
