//! The receipt token: what a paid invoice's receipt QR holds. Its claims
//! (reference, amount, procedure, time paid) as compact JSON, signed with
//! the deployment's Ed25519 key: `GR1.<claims>.<signature>`, both parts
//! base64url. Anyone holding the public key checks it offline; the server
//! also checks it against the invoice and records the first check.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// The token's version prefix.
pub const PREFIX: &str = "GR1.";
/// The longest token looked at (a real one is about 200 characters).
const MAX_LEN: usize = 1024;

/// What a receipt vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptClaims {
    /// The invoice's payment reference.
    #[serde(rename = "r")]
    pub reference: String,
    /// The amount paid, in đồng.
    #[serde(rename = "a")]
    pub amount_dong: i64,
    /// The procedure's catalogue code.
    #[serde(rename = "p")]
    pub procedure: String,
    /// When it was paid (ms).
    #[serde(rename = "t")]
    pub paid_at: i64,
}

/// The signed token of `claims`.
pub fn sign(key: &SigningKey, claims: &ReceiptClaims) -> String {
    // A struct of strings and integers always serialises.
    let body = serde_json::to_vec(claims).unwrap_or_default();
    let signature = key.sign(&body);
    format!(
        "{PREFIX}{}.{}",
        B64.encode(&body),
        B64.encode(signature.to_bytes())
    )
}

/// The claims of `token` if `key` signed it; none for anything else
/// (another key, a changed byte, not a token at all).
pub fn verify(key: &VerifyingKey, token: &str) -> Option<ReceiptClaims> {
    let token = token.trim();
    if token.len() > MAX_LEN {
        return None;
    }
    let (body, signature) = token.strip_prefix(PREFIX)?.split_once('.')?;
    let body = B64.decode(body).ok()?;
    let signature: [u8; 64] = B64.decode(signature).ok()?.try_into().ok()?;
    key.verify_strict(&body, &Signature::from_bytes(&signature))
        .ok()?;
    serde_json::from_slice(&body).ok()
}

/// The claims of `token` if the key published as `public_key` (32 bytes,
/// base64url, as `/api/v1/receipts/public-key` serves it) signed it.
pub fn verify_with(public_key: &str, token: &str) -> Option<ReceiptClaims> {
    let bytes: [u8; 32] = B64.decode(public_key.trim()).ok()?.try_into().ok()?;
    verify(&VerifyingKey::from_bytes(&bytes).ok()?, token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn claims() -> ReceiptClaims {
        ReceiptClaims {
            reference: "GR7K3M9X2Q".into(),
            amount_dong: 50_000,
            procedure: "HT-01".into(),
            paid_at: 1_765_000_000_000,
        }
    }

    #[test]
    fn a_signed_token_verifies_with_its_public_key() {
        let k = key(7);
        let token = sign(&k, &claims());
        assert!(token.starts_with(PREFIX) && token.len() < 300, "{token}");
        assert_eq!(verify(&k.verifying_key(), &token), Some(claims()));
        assert_eq!(
            verify(&k.verifying_key(), &format!(" {token}\n")),
            Some(claims())
        );
        let published = B64.encode(k.verifying_key().as_bytes());
        assert_eq!(verify_with(&published, &token), Some(claims()));
        assert_eq!(verify_with("not a key", &token), None);
    }

    #[test]
    fn another_key_a_changed_claim_or_junk_verify_nothing() {
        let k = key(7);
        let token = sign(&k, &claims());
        assert_eq!(verify(&key(8).verifying_key(), &token), None);
        // The amount raised in the claims, the signature kept.
        let (body, sig) = token[PREFIX.len()..].split_once('.').unwrap();
        let raised = String::from_utf8(B64.decode(body).unwrap())
            .unwrap()
            .replace("50000", "500000");
        let forged = format!("{PREFIX}{}.{sig}", B64.encode(raised));
        assert_eq!(verify(&k.verifying_key(), &forged), None);
        let mut flipped = token.clone().into_bytes();
        let last = flipped.len() - 2;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_eq!(verify(&k.verifying_key(), &flipped), None);
        for junk in [
            "",
            "GR1.",
            "GR1..",
            "GR1.e30.AAAA",
            "QT-26-7K3M9-5",
            &"A".repeat(5000),
        ] {
            assert_eq!(verify(&k.verifying_key(), junk), None, "{junk}");
        }
    }
}
