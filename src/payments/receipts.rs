//! Receipts of paid invoices. The deployment's Ed25519 key signs each
//! receipt token ([`super::receipt_token`]); it is given by configuration
//! (`RECEIPT_SIGNING_KEY`: the 32-byte seed in base64) or generated on the
//! first start and kept in `DATA_DIR/receipt-ed25519.key`, so receipts stay
//! valid across restarts and every instance sharing the data directory
//! signs alike. Staff check a receipt: its signature, then the invoice it
//! names (still paid, same amount and procedure), and the first check is
//! recorded as a step of the case, so a receipt shown again is "already
//! checked".

use super::invoice_repo::{self, InvoiceRow};
use super::model::{InvoiceStatus, Money};
use super::receipt_repo;
use super::receipt_token::{self, ReceiptClaims};
use super::service::{step, Step};
use super::views::{RateLink, ReceiptCheck, ReceiptOutcome, ReceiptView};
use crate::accounts::model::{can, Action, Scope, UserView};
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ed25519_dalek::SigningKey;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Bytes of a rating link's key (128 bits).
const RATING_KEY_BYTES: usize = 16;
/// The file the generated key is kept in, under `DATA_DIR`.
const KEY_FILE: &str = "receipt-ed25519.key";

/// The key receipts are signed with.
#[derive(Clone)]
pub struct ReceiptKeys {
    signing: SigningKey,
    /// The key of rating links' HMACs, derived once from the signing key.
    rating: [u8; 32],
}

impl ReceiptKeys {
    /// The configured key, or the one kept in `data_dir`, generated there
    /// on first use. An error names what is wrong.
    pub fn load(data_dir: &Path) -> Result<ReceiptKeys, String> {
        let seed = match std::env::var("RECEIPT_SIGNING_KEY") {
            Ok(v) if !v.trim().is_empty() => v,
            _ => kept_seed(&data_dir.join(KEY_FILE))?,
        };
        let bytes: [u8; 32] = STANDARD
            .decode(seed.trim())
            .or_else(|_| URL_SAFE_NO_PAD.decode(seed.trim()))
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("RECEIPT_SIGNING_KEY: expected 32 bytes in base64")?;
        let rating = Sha256::new()
            .chain_update(b"grassroots service rating links\0")
            .chain_update(bytes)
            .finalize()
            .into();
        Ok(ReceiptKeys {
            signing: SigningKey::from_bytes(&bytes),
            rating,
        })
    }

    /// The public key (32 bytes, base64url), as clients check receipts with.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.signing.verifying_key().as_bytes())
    }

    /// The link that lets whoever holds it rate the service of case `code`
    /// once (printed on the receipt, offered on the counter's display):
    /// `/rate/<code>/<key>`, the key an HMAC of the code under a key derived
    /// from the signing key, so it needs no storage and cannot be guessed.
    pub fn rating_path(&self, code: &str) -> String {
        let tag = self.rating_mac(code).finalize().into_bytes();
        format!(
            "/rate/{code}/{}",
            URL_SAFE_NO_PAD.encode(&tag[..RATING_KEY_BYTES])
        )
    }

    /// Whether `key` is case `code`'s rating key (compared in constant time).
    pub fn rating_key_valid(&self, code: &str, key: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(key)
            .ok()
            .filter(|k| k.len() == RATING_KEY_BYTES)
            .is_some_and(|k| self.rating_mac(code).verify_truncated_left(&k).is_ok())
    }

    fn rating_mac(&self, code: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.rating).expect("HMAC takes any key");
        mac.update(code.as_bytes());
        mac
    }

    /// Case `code`'s rating link on the site at `site`, with its QR code.
    pub fn rate_link(&self, site: &str, code: &str) -> Result<RateLink, AppError> {
        let path = self.rating_path(code);
        let url = format!("{}{path}", site.trim_end_matches('/'));
        let qr_svg = super::qr::svg_inline(&url, &url)?;
        Ok(RateLink { path, qr_svg })
    }

    /// The receipt of `invoice`, once it is paid, with the link that rates
    /// its service on the site at `site`.
    pub fn receipt(
        &self,
        invoice: &InvoiceRow,
        site: &str,
    ) -> Result<Option<ReceiptView>, AppError> {
        let (InvoiceStatus::Paid, Some(paid_at)) = (invoice.status_at(now_ms()), invoice.paid_at)
        else {
            return Ok(None);
        };
        let token = receipt_token::sign(
            &self.signing,
            &ReceiptClaims {
                reference: invoice.reference.clone(),
                amount_dong: invoice.amount_dong,
                procedure: invoice.procedure_code.clone(),
                paid_at,
            },
        );
        let label = format!("{} {}", invoice.reference, invoice.procedure_code);
        let qr_svg = super::qr::svg_inline(&token, &label)?;
        let rate = self.rate_link(site, &invoice.case_code)?;
        Ok(Some(ReceiptView {
            token,
            qr_svg,
            rate,
        }))
    }
}

/// The seed kept at `path`, written there first if absent. Two instances
/// starting at once agree: the new file is linked into place only if none
/// is there, and the loser reads the winner's.
fn kept_seed(path: &Path) -> Result<String, String> {
    let read = |p: &Path| std::fs::read_to_string(p).map(|s| s.trim().to_string());
    if let Ok(seed) = read(path) {
        return Ok(seed);
    }
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut seed = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut seed);
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut file = std::fs::File::create(&tmp).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
    }
    file.write_all(STANDARD.encode(seed).as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(fail)?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => read(path).map_err(fail),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(path).map_err(fail),
        Err(e) => Err(fail(e)),
    }
}

fn invalid() -> ReceiptCheck {
    ReceiptCheck {
        outcome: ReceiptOutcome::Invalid,
        reference: String::new(),
        amount: None,
        procedure: String::new(),
        case_code: String::new(),
        paid_at: None,
        checked_at: None,
    }
}

/// Checks a receipt token for `user` (staff of the invoice's agency, or an
/// admin): invalid unless our key signed it and its invoice is still paid
/// with the same amount and procedure; the first check is recorded.
pub async fn check(
    state: &AppState,
    user: &UserView,
    token: &str,
) -> Result<ReceiptCheck, AppError> {
    let keys = state.domain::<ReceiptKeys>()?;
    let Some(claims) = receipt_token::verify(&keys.signing.verifying_key(), token) else {
        return Ok(invalid());
    };
    let mut tx = state.db.pool.begin().await?;
    let Some(invoice) = invoice_repo::invoice_by_reference(&mut tx, &claims.reference).await?
    else {
        return Ok(invalid());
    };
    if !can(
        Some(user),
        Action::WorkCounter,
        Scope::Agency(Some(invoice.agency_id)),
    ) {
        return Err(AppError::Forbidden);
    }
    let still_paid = invoice.status_at(now_ms()) == InvoiceStatus::Paid
        && invoice.amount_dong == claims.amount_dong
        && invoice.procedure_code == claims.procedure
        && invoice.paid_at == Some(claims.paid_at);
    if !still_paid {
        return Ok(invalid());
    }
    let now = now_ms();
    let first = receipt_repo::record_check(&mut tx, invoice.id, user.id, now).await?;
    if first {
        step(
            &mut tx,
            Step {
                case_id: invoice.case_id,
                agency_id: invoice.agency_id,
                actor_id: Some(user.id),
                kind: "receipt_checked",
                state: "paid",
                note: &invoice.reference,
                at: now,
            },
        )
        .await?;
    }
    let checked_at = receipt_repo::checked_at(&mut tx, invoice.id).await?;
    tx.commit().await?;
    Ok(ReceiptCheck {
        outcome: if first {
            ReceiptOutcome::Valid
        } else {
            ReceiptOutcome::AlreadyChecked
        },
        reference: invoice.reference,
        amount: Some(Money::from_dong(invoice.amount_dong)),
        procedure: format!("{} — {}", invoice.procedure_code, invoice.name_vi),
        case_code: invoice.case_code,
        paid_at: invoice.paid_at,
        checked_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_key_is_kept_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let first = ReceiptKeys::load(dir.path()).unwrap();
        assert!(dir.path().join(KEY_FILE).exists());
        let again = ReceiptKeys::load(dir.path()).unwrap();
        assert_eq!(first.public_key(), again.public_key());
        let elsewhere = tempfile::tempdir().unwrap();
        let other = ReceiptKeys::load(elsewhere.path()).unwrap();
        assert_ne!(first.public_key(), other.public_key());
        let link = first.rating_path("HS-26-7K3M9");
        let key = link.rsplit('/').next().unwrap();
        assert!(first.rating_key_valid("HS-26-7K3M9", key));
        assert!(!first.rating_key_valid("HS-26-7K3M8", key), "another case");
        assert!(!other.rating_key_valid("HS-26-7K3M9", key), "another key");
        assert!(!first.rating_key_valid("HS-26-7K3M9", "short"));
        std::fs::write(dir.path().join(KEY_FILE), "short").unwrap();
        assert!(ReceiptKeys::load(dir.path()).is_err());
    }
}
