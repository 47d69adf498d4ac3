//! Payment types shared by both halves: money in đồng and an invoice's status.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The subject kind of cases (their timelines).
pub const CASE_KIND: &str = "case";

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
    /// Paid, then refunded with an officer's approval.
    Refunded,
}

impl InvoiceStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Cancelled => "cancelled",
            InvoiceStatus::Expired => "expired",
            InvoiceStatus::Refunded => "refunded",
        }
    }

    /// The catalogue key of the status's name.
    pub fn label_key(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "payments.invoice_open",
            InvoiceStatus::Paid => "payments.invoice_paid",
            InvoiceStatus::Cancelled => "payments.invoice_cancelled",
            InvoiceStatus::Expired => "payments.invoice_expired",
            InvoiceStatus::Refunded => "payments.invoice_refunded",
        }
    }

    /// Parses a stored status.
    pub fn parse(s: &str) -> Option<InvoiceStatus> {
        match s {
            "open" => Some(InvoiceStatus::Open),
            "paid" => Some(InvoiceStatus::Paid),
            "cancelled" => Some(InvoiceStatus::Cancelled),
            "expired" => Some(InvoiceStatus::Expired),
            "refunded" => Some(InvoiceStatus::Refunded),
            _ => None,
        }
    }
}

/// The name of the citizen a case is opened for, as staff typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenName(String);

impl CitizenName {
    /// Cleans and checks a typed name (1 to 100 characters, one line).
    pub fn parse(s: &str) -> Result<CitizenName, AppError> {
        let rules = crate::text::Rules {
            min: 1,
            max: 100,
            lines: false,
        };
        let messages = crate::text::Messages {
            too_short: "payments.name_required",
            too_long: "payments.name_too_long",
            invalid: "payments.name_invalid",
        };
        crate::text::check(s, "citizen_name", rules, messages).map(CitizenName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How to reach the citizen: empty, a phone number or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact(String);

impl Contact {
    /// Checks a typed contact: empty, a phone number (8 to 15 digits, with
    /// `+`, spaces, dots or dashes) or an address with one `@` and a dot after it.
    pub fn parse(s: &str) -> Result<Contact, AppError> {
        let s = s.trim();
        let invalid = || AppError::invalid("citizen_contact", "payments.contact_invalid");
        if s.is_empty() {
            return Ok(Contact(String::new()));
        }
        if s.len() > 100 || s.chars().any(char::is_control) {
            return Err(invalid());
        }
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        let phone = (8..=15).contains(&digits)
            && s.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b' ' | b'.' | b'-'));
        let email = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.contains(char::is_whitespace)
            }
            None => false,
        };
        if phone || email {
            Ok(Contact(s.to_string()))
        } else {
            Err(invalid())
        }
    }

    /// The contact (empty when none was given).
    pub fn as_str(&self) -> &str {
        &self.0
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
        for s in [Open, Paid, Cancelled, Expired, Refunded] {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(s));
            assert!(s.label_key().starts_with("payments.invoice_"));
        }
        assert_eq!(InvoiceStatus::parse("reversed"), None);
        assert_eq!(InvoiceStatus::parse(""), None);
    }

    #[test]
    fn names_and_contacts_parse_on_construction() {
        assert_eq!(
            CitizenName::parse("  Lê Văn Tám ").unwrap().as_str(),
            "Lê Văn Tám"
        );
        assert!(CitizenName::parse("   ").is_err());
        assert!(CitizenName::parse(&"a".repeat(101)).is_err());
        assert!(CitizenName::parse("a\u{0007}b").is_err());
        for ok in ["", "0912 345 678", "+84 912.345.678", "hoa@example.vn"] {
            assert!(Contact::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "12345",
            "abc",
            "a@b",
            "@x.vn",
            "a@@x.vn",
            "a b@x.vn",
            "0912x345678",
        ] {
            assert!(Contact::parse(bad).is_err(), "{bad}");
        }
    }
}
