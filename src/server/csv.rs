//! CSV downloads, as every domain's exports write them: a cell a
//! spreadsheet would run as a formula is prefixed with `'`, lines end in
//! CRLF, and the file starts with a UTF-8 byte-order mark so spreadsheet
//! programs read Vietnamese right.

use crate::error::AppError;
use axum::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};

/// A header record from its column names.
pub fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab
/// or a carriage return first), prefixed with `'` so it stays text.
fn defused(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

/// The file of `records`.
pub fn write(records: Vec<Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for record in records {
            w.write_record(record.into_iter().map(defused))
                .map_err(|e| AppError::internal(e.to_string()))?;
        }
        w.flush().map_err(|e| AppError::internal(e.to_string()))?;
    }
    Ok(out)
}

/// A made file as a download named `name` (never kept by caches), or the
/// error that stopped it.
pub fn download(made: Result<(String, Vec<u8>), AppError>) -> Response {
    match made {
        Ok((name, body)) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (CACHE_CONTROL, "no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_stay_text_and_the_file_opens_as_utf8() {
        let out = write(vec![
            header(&["a", "b"]),
            vec!["=HYPERLINK(\"http://x\")".into(), "Góp ý, \"rõ\"".into()],
            vec!["-1".into(), "@SUM(A1)".into()],
        ])
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}a,b\r\n\"'=HYPERLINK(\"\"http://x\"\")\",\"Góp ý, \"\"rõ\"\"\"\r\n'-1,'@SUM(A1)\r\n"
        );
    }
}
