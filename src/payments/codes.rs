//! The short codes of the payments domain: a case's code (read aloud at the
//! counter, printed on the case slip) and an invoice's payment reference
//! (the bill number inside the VietQR code, typed by banks into the
//! transfer's memo). Both use an alphabet without look-alikes (no 0/O, 1/I/L)
//! and parse on construction.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Letters and digits that cannot be mistaken for one another (29 of them).
const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTUVWX";

fn draw(random: u64, n: usize) -> String {
    let mut r = random;
    let mut out = String::with_capacity(n);
    for _ in 0..n {
        out.push(ALPHABET[(r % 29) as usize] as char);
        r /= 29;
    }
    out
}

fn in_alphabet(s: &str) -> bool {
    s.bytes().all(|b| ALPHABET.contains(&b))
}

/// A case's code: `HS-<yy>-<6 characters>` (HS: hồ sơ, a case file).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseCode(String);

impl CaseCode {
    /// The code for `year` from `random` (6 characters: about 29^6 = 595 million).
    pub fn generate(year: u16, random: u64) -> CaseCode {
        CaseCode(format!("HS-{:02}-{}", year % 100, draw(random, 6)))
    }

    /// Parses a typed code (any case, spaces around it ignored).
    pub fn parse(s: &str) -> Result<CaseCode, AppError> {
        let s = s.trim().to_ascii_uppercase();
        let mut parts = s.split('-');
        let ok = matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some("HS"), Some(yy), Some(rest), None)
                if yy.len() == 2 && yy.bytes().all(|b| b.is_ascii_digit())
                    && rest.len() == 6 && in_alphabet(rest)
        );
        if ok {
            Ok(CaseCode(s))
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An invoice's payment reference: `GR` and 10 characters (about 2^48
/// possibilities), letters and digits only so every bank keeps it intact in
/// the transfer's memo.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaymentReference(String);

impl PaymentReference {
    /// The reference from `random`.
    pub fn generate(random: u64) -> PaymentReference {
        PaymentReference(format!("GR{}", draw(random, 10)))
    }

    /// Parses a reference (any case); anything else is not found.
    pub fn parse(s: &str) -> Result<PaymentReference, AppError> {
        let s = s.trim().to_ascii_uppercase();
        match s.strip_prefix("GR") {
            Some(rest) if rest.len() == 10 && in_alphabet(rest) => Ok(PaymentReference(s)),
            _ => Err(AppError::NotFound),
        }
    }

    /// The reference as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_refuse_look_alikes() {
        for r in [0, 1, 12_345_678_901, u64::MAX] {
            let code = CaseCode::generate(2026, r);
            assert!(code.as_str().starts_with("HS-26-"), "{code:?}");
            assert_eq!(CaseCode::parse(&code.as_str().to_lowercase()), Ok(code));
            let reference = PaymentReference::generate(r);
            assert_eq!(reference.as_str().len(), 12);
            assert_eq!(
                PaymentReference::parse(&format!(" {} ", reference.as_str())),
                Ok(reference)
            );
        }
        for bad in [
            "",
            "HS-26-ABC",
            "HS-26-ABCDE0",
            "HS-2X-ABCDEF",
            "XX-26-ABCDEF",
        ] {
            assert!(CaseCode::parse(bad).is_err(), "{bad}");
        }
        for bad in [
            "",
            "GR",
            "GR23456789A",
            "GR23456789AO",
            "XR23456789AB",
            "GR23456789ABC",
        ] {
            assert!(PaymentReference::parse(bad).is_err(), "{bad}");
        }
        assert_ne!(PaymentReference::generate(1), PaymentReference::generate(2));
    }
}
