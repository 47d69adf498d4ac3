//! The VietQR payment code: an EMVCo merchant-presented QR payload as NAPAS
//! specifies it (payload format 01, point of initiation, merchant account
//! information under ID 38 with the NAPAS GUID, the beneficiary's bank BIN
//! and account and the service code, currency 704, amount, country VN, the
//! bill number and purpose under ID 62, and a CRC-16/CCITT-FALSE in ID 63).
//! Pure: builds and checks strings, knows nothing of invoices or HTTP.

use super::model::Money;

/// The NAPAS GUID under ID 38.
pub const NAPAS_GUID: &str = "A000000727";
/// The service code of a transfer to an account (QR Inter-Bank Fund Transfer To Account).
pub const TO_ACCOUNT: &str = "QRIBFTTA";
/// The longest bill number or purpose in the additional data (ID 62).
pub const MAX_TEXT: usize = 25;

/// Whether a code is shown once for one payment (dynamic, `12`) or reused (static, `11`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initiation {
    /// `11`: the same code for many payments.
    Static,
    /// `12`: a code for one payment (an invoice).
    Dynamic,
}

/// What a VietQR code carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer<'a> {
    /// Static or dynamic.
    pub initiation: Initiation,
    /// The beneficiary bank's BIN (6 digits, e.g. `970416`).
    pub bin: &'a str,
    /// The beneficiary's account number (digits and letters, at most 19).
    pub account: &'a str,
    /// The amount, if the payer may not change it.
    pub amount: Option<Money>,
    /// The bill number (the payment reference), ASCII letters and digits.
    pub bill_number: Option<&'a str>,
    /// A short purpose; reduced to printable ASCII and cut to 25 characters.
    pub purpose: Option<&'a str>,
}

/// Why a payload could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// A value does not fit in a two-digit length (over 99 bytes).
    #[error("field {0} longer than 99")]
    TooLong(&'static str),
    /// A value has characters or a shape the field does not allow.
    #[error("field {0} invalid")]
    Invalid(&'static str),
    /// The payload is not a sequence of ID, length, value.
    #[error("malformed payload")]
    Malformed,
    /// The CRC in ID 63 does not match the payload.
    #[error("wrong checksum")]
    Checksum,
}

/// One `ID LL value` element; the length must fit in two digits.
fn element(id: &str, name: &'static str, value: &str) -> Result<String, QrError> {
    if value.len() > 99 {
        return Err(QrError::TooLong(name));
    }
    Ok(format!("{id}{:02}{value}", value.len()))
}

/// Free text as the payload carries it: Vietnamese letters without their
/// marks (`Lệ phí` → `Le phi`, `đ` → `d`), anything else non-ASCII or
/// unprintable dropped, spaces collapsed, at most [`MAX_TEXT`] characters.
pub fn ascii_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        };
        if c.is_ascii_graphic() {
            out.push(c);
        } else if c.is_whitespace() && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let mut out: String = out.chars().take(MAX_TEXT).collect();
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The payload string of `t`, CRC included.
pub fn payload(t: &Transfer) -> Result<String, QrError> {
    if t.bin.len() != 6 || !t.bin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(QrError::Invalid("bin"));
    }
    if t.account.is_empty()
        || t.account.len() > 19
        || !t.account.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(QrError::Invalid("account"));
    }
    let beneficiary = element("00", "bin", t.bin)? + &element("01", "account", t.account)?;
    let merchant = element("00", "guid", NAPAS_GUID)?
        + &element("01", "beneficiary", &beneficiary)?
        + &element("02", "service", TO_ACCOUNT)?;
    let mut out = element("00", "format", "01")?;
    out += &element(
        "01",
        "initiation",
        match t.initiation {
            Initiation::Static => "11",
            Initiation::Dynamic => "12",
        },
    )?;
    out += &element("38", "merchant", &merchant)?;
    out += &element("53", "currency", "704")?;
    if let Some(amount) = t.amount {
        if amount.dong() <= 0 {
            return Err(QrError::Invalid("amount"));
        }
        out += &element("54", "amount", &amount.dong().to_string())?;
    }
    out += &element("58", "country", "VN")?;
    let mut extra = String::new();
    if let Some(bill) = t.bill_number {
        if bill.is_empty()
            || bill.len() > MAX_TEXT
            || !bill.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(QrError::Invalid("bill_number"));
        }
        extra += &element("01", "bill_number", bill)?;
    }
    if let Some(purpose) = t.purpose.map(ascii_text).filter(|p| !p.is_empty()) {
        extra += &element("08", "purpose", &purpose)?;
    }
    if !extra.is_empty() {
        out += &element("62", "additional", &extra)?;
    }
    out += "6304";
    let crc = crc16(out.as_bytes());
    out += &format!("{crc:04X}");
    Ok(out)
}

/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection).
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Splits `s` into its `(ID, value)` elements.
pub fn elements(s: &str) -> Result<Vec<(&str, &str)>, QrError> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let id = rest.get(..2).ok_or(QrError::Malformed)?;
        let len: usize = rest
            .get(2..4)
            .filter(|l| l.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|l| l.parse().ok())
            .ok_or(QrError::Malformed)?;
        let value = rest.get(4..4 + len).ok_or(QrError::Malformed)?;
        out.push((id, value));
        rest = &rest[4 + len..];
    }
    Ok(out)
}

/// The top-level elements of a payload whose CRC (the last element, ID 63) is right.
pub fn parse(s: &str) -> Result<Vec<(&str, &str)>, QrError> {
    let items = elements(s)?;
    match items.last() {
        Some(("63", crc)) if crc.len() == 4 => {
            let body = &s[..s.len() - 4];
            if format!("{:04X}", crc16(body.as_bytes())) != *crc {
                return Err(QrError::Checksum);
            }
            Ok(items)
        }
        _ => Err(QrError::Malformed),
    }
}

/// The value of element `id` among `items`.
pub fn find<'a>(items: &[(&'a str, &'a str)], id: &str) -> Option<&'a str> {
    items.iter().find(|(i, _)| *i == id).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC_VECTOR: &str = "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13";

    #[test]
    fn reproduces_the_public_vector_byte_for_byte() {
        // The published example is a dynamic code (01 = 12) with an amount.
        let t = Transfer {
            initiation: Initiation::Dynamic,
            bin: "970416",
            account: "224528479",
            amount: Some(Money::from_dong(10_000)),
            bill_number: Some("NPS6869"),
            purpose: Some("TRANSFER TO SOMEONE"),
        };
        assert_eq!(payload(&t).unwrap(), PUBLIC_VECTOR);
    }

    #[test]
    fn the_crc_is_ccitt_false() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
        assert!(parse(PUBLIC_VECTOR).is_ok());
        let tampered = PUBLIC_VECTOR.replace("54051000058", "54052000058");
        assert_eq!(parse(&tampered), Err(QrError::Checksum));
        assert_eq!(parse("0002"), Err(QrError::Malformed));
        assert_eq!(parse("000201"), Err(QrError::Malformed));
    }

    #[test]
    fn a_dynamic_invoice_code_reads_back() {
        let t = Transfer {
            initiation: Initiation::Dynamic,
            bin: "970415",
            account: "113366668888",
            amount: Some(Money::from_dong(2_000)),
            bill_number: Some("GR7K3M9XQ2"),
            purpose: Some("Lệ phí chứng thực bản sao — Đông Hà"),
        };
        let s = payload(&t).unwrap();
        assert!(s.is_ascii());
        let items = parse(&s).unwrap();
        let ids: Vec<&str> = items.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, ["00", "01", "38", "53", "54", "58", "62", "63"]);
        assert_eq!(find(&items, "01"), Some("12"));
        assert_eq!(find(&items, "54"), Some("2000"));
        let merchant = elements(find(&items, "38").unwrap()).unwrap();
        assert_eq!(find(&merchant, "00"), Some(NAPAS_GUID));
        assert_eq!(find(&merchant, "02"), Some(TO_ACCOUNT));
        let beneficiary = elements(find(&merchant, "01").unwrap()).unwrap();
        assert_eq!(find(&beneficiary, "00"), Some("970415"));
        assert_eq!(find(&beneficiary, "01"), Some("113366668888"));
        let extra = elements(find(&items, "62").unwrap()).unwrap();
        assert_eq!(find(&extra, "01"), Some("GR7K3M9XQ2"));
        assert_eq!(find(&extra, "08"), Some("Le phi chung thuc ban sao"));
    }

    #[test]
    fn free_text_becomes_short_ascii() {
        assert_eq!(ascii_text("Lệ phí  Đăng ký"), "Le phi Dang ky");
        assert_eq!(ascii_text("  chữ 한국어 x"), "chu x");
        assert_eq!(ascii_text(&"a".repeat(40)).len(), MAX_TEXT);
    }

    #[test]
    fn bad_fields_and_long_values_are_refused() {
        let ok = Transfer {
            initiation: Initiation::Dynamic,
            bin: "970416",
            account: "224528479",
            amount: Some(Money::from_dong(1)),
            bill_number: Some("A1"),
            purpose: None,
        };
        for bad in [
            Transfer {
                bin: "97041",
                ..ok.clone()
            },
            Transfer {
                account: "12 34",
                ..ok.clone()
            },
            Transfer {
                account: &"1".repeat(20),
                ..ok.clone()
            },
            Transfer {
                amount: Some(Money::from_dong(0)),
                ..ok.clone()
            },
            Transfer {
                bill_number: Some("Mã-số"),
                ..ok.clone()
            },
            Transfer {
                bill_number: Some(&"B".repeat(26)),
                ..ok.clone()
            },
        ] {
            assert!(payload(&bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            element("01", "x", &"z".repeat(100)),
            Err(QrError::TooLong("x"))
        );
        assert!(element("01", "x", &"z".repeat(99)).is_ok());
    }
}
