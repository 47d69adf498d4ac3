//! An invoice's VietQR code drawn on the server: its payload (from the
//! agency's beneficiary account, the amount and the reference) as an SVG
//! for pages and as a PNG on request. Error correction M (a phone reads it
//! off a screen with glare or a smudge) and the standard 4-module quiet zone.

use super::model::Money;
use super::repo::BankRow;
use super::vietqr::{self, Initiation, Transfer};
use crate::error::AppError;
use qrcode::{EcLevel, QrCode};

/// The dynamic VietQR payload of a payment of `amount` for `reference`.
pub fn payload(
    bank: &BankRow,
    amount: Money,
    reference: &str,
    purpose: &str,
) -> Result<String, AppError> {
    let t = Transfer {
        initiation: Initiation::Dynamic,
        bin: &bank.bank_bin,
        account: &bank.account_number,
        amount: Some(amount),
        bill_number: Some(reference),
        purpose: Some(purpose),
    };
    vietqr::payload(&t).map_err(AppError::internal)
}

fn code(payload: &str) -> Result<QrCode, AppError> {
    QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(AppError::internal)
}

/// The payload as a standalone SVG document (at least 320 px square).
pub fn svg_document(payload: &str) -> Result<String, AppError> {
    Ok(code(payload)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build())
}

/// The payload as an `<svg>` element to put in a page, named `label` for
/// screen readers (the page states the amount and reference in text too).
pub fn svg_inline(payload: &str, label: &str) -> Result<String, AppError> {
    let doc = svg_document(payload)?;
    let svg = doc.find("<svg").map(|i| &doc[i..]).unwrap_or(&doc);
    let label = html_escape::encode_double_quoted_attribute(label);
    Ok(svg.replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-label=\"{label}\""),
        1,
    ))
}

/// The payload as a PNG (8 pixels a module).
pub fn png(payload: &str) -> Result<Vec<u8>, AppError> {
    let image = code(payload)?
        .render::<image::Luma<u8>>()
        .module_dimensions(8, 8)
        .quiet_zone(true)
        .build();
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(AppError::internal)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> BankRow {
        BankRow {
            bank_bin: "970415".into(),
            account_number: "113366668888".into(),
            account_name: "UBND PHUONG 1".into(),
        }
    }

    #[test]
    fn renders_svg_and_png_of_a_dynamic_code() {
        let p = payload(
            &bank(),
            Money::from_dong(2_000),
            "GR23456789AB",
            "Chứng thực",
        )
        .unwrap();
        assert!(vietqr::parse(&p).is_ok());
        assert!(p.starts_with("000201010212"));
        let svg = svg_inline(&p, "VietQR \"2.000 đ\"").unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"VietQR &quot;2.000 đ&quot;\""));
        assert!(svg.ends_with("</svg>"));
        let png = png(&p).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let decoded = image::load_from_memory(&png).unwrap();
        assert!(decoded.width() >= 200);
    }
}
