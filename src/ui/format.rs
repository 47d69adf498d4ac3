//! Formatting shared by both halves.

use time::macros::{format_description, offset};
use time::OffsetDateTime;

/// A time stored as epoch milliseconds, shown in Vietnam time (UTC+7, no DST).
pub fn datetime(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| {
            t.to_offset(offset!(+7))
                .format(format_description!("[day]/[month]/[year] [hour]:[minute]"))
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// The ISO-8601 form for `<time datetime>`.
pub fn iso(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.to_offset(offset!(+7))
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shows_vietnam_time() {
        // 2026-01-01T00:00:00Z is 07:00 in Vietnam.
        assert_eq!(super::datetime(1_767_225_600_000), "01/01/2026 07:00");
        assert_eq!(super::iso(1_767_225_600_000), "2026-01-01T07:00:00+07:00");
    }
}
