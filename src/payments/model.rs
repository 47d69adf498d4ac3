//! Payment types shared by both halves: money in đồng and an invoice's status.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// An amount of Vietnamese đồng: a whole number, never a float (the đồng
/// has no subunit in use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    /// No money: the fee of a free procedure.
    pub const ZERO: Money = Money(0);

    /// `n` đồng.
    pub const fn from_dong(n: i64) -> Money {
        Money(n)
    }

    /// The whole number of đồng.
    pub const fn dong(self) -> i64 {
        self.0
    }

    /// Whether it is nothing to pay.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses a fee as typed: digits, optionally grouped by `.`, `,` or
    /// spaces (`2.000`, `50 000`), optionally followed by `đ`; never negative.
    pub fn parse(field: &str, s: &str) -> Result<Money, AppError> {
        let invalid = || AppError::invalid(field, "payments.amount_invalid");
        let s = s.trim();
        let s = s
            .strip_suffix('đ')
            .or_else(|| s.strip_suffix("VND"))
            .unwrap_or(s)
            .trim();
        let digits: String = s
            .chars()
            .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
            .collect();
        if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        digits.parse().map(Money).map_err(|_| invalid())
    }

    /// The amount as people read it in Vietnam: `2.000 ₫`-style grouping
    /// with dots, followed by ` đ`.
    pub fn display(self) -> String {
        let digits = self.0.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        if self.0 < 0 {
            out.insert(0, '-');
        }
        out + " đ"
    }
}

/// Where an invoice is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Issued, waiting for the payment.
    Open,
    /// The payment arrived and matched.
    Paid,
    /// Cancelled by staff before it was paid.
    Cancelled,
    /// Not paid before its expiry.
    Expired,
}

impl InvoiceStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Cancelled => "cancelled",
            InvoiceStatus::Expired => "expired",
        }
    }

    /// Parses a stored status.
    pub fn parse(s: &str) -> Option<InvoiceStatus> {
        match s {
            "open" => Some(InvoiceStatus::Open),
            "paid" => Some(InvoiceStatus::Paid),
            "cancelled" => Some(InvoiceStatus::Cancelled),
            "expired" => Some(InvoiceStatus::Expired),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_whole_dong() {
        assert_eq!(
            Money::parse("fee", "2.000").unwrap(),
            Money::from_dong(2000)
        );
        assert_eq!(Money::parse("fee", " 50 000 đ").unwrap().dong(), 50_000);
        assert_eq!(Money::parse("fee", "0").unwrap(), Money::ZERO);
        for bad in ["", "-5", "1.5e3", "abc", "2,5k", "9999999999999999"] {
            assert!(Money::parse("fee", bad).is_err(), "{bad}");
        }
        assert_eq!(Money::from_dong(2000).display(), "2.000 đ");
        assert_eq!(Money::from_dong(1_234_567).display(), "1.234.567 đ");
        assert_eq!(Money::from_dong(500).display(), "500 đ");
        assert_eq!(serde_json::to_string(&Money::from_dong(7)).unwrap(), "7");
    }

    #[test]
    fn statuses_round_trip() {
        use InvoiceStatus::*;
        for s in [Open, Paid, Cancelled, Expired] {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(InvoiceStatus::parse("refunded"), None);
    }
}
