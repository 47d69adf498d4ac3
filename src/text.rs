//! Free text from people (titles, bodies, names, notes, reasons, labels),
//! cleaned and checked by one set of rules wherever it is written: line
//! breaks become `\n` (browsers send `\r\n`), the text is trimmed and put in
//! Unicode NFC (so `Nguyễn` typed on any keyboard is one string), and its
//! length is counted in characters, not bytes. Control characters are
//! refused, line breaks too unless the field takes several lines.

use crate::error::AppError;
use unicode_normalization::UnicodeNormalization;

/// What one field accepts.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Fewest characters (0: may be empty).
    pub min: usize,
    /// Most characters.
    pub max: usize,
    /// Whether line breaks are allowed.
    pub lines: bool,
}

/// The catalogue keys of a field's messages.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    /// Shorter than `min` (or empty when required).
    pub too_short: &'static str,
    /// Longer than `max`.
    pub too_long: &'static str,
    /// A control character (or a line break where none is allowed).
    pub invalid: &'static str,
}

/// Cleans `raw` and checks it against `rules`; an error names `field` with
/// the message that says what is wrong.
pub fn check(raw: &str, field: &str, rules: Rules, messages: Messages) -> Result<String, AppError> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = unified.trim().nfc().collect();
    let n = text.chars().count();
    let key = if n < rules.min {
        messages.too_short
    } else if n > rules.max {
        messages.too_long
    } else if text
        .chars()
        .any(|c| c.is_control() && !(rules.lines && c == '\n'))
    {
        messages.invalid
    } else {
        return Ok(text);
    };
    Err(AppError::invalid(field, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Messages = Messages {
        too_short: "short",
        too_long: "long",
        invalid: "invalid",
    };
    const ONE_LINE: Rules = Rules {
        min: 2,
        max: 5,
        lines: false,
    };
    const LINES: Rules = Rules {
        min: 0,
        max: 20,
        lines: true,
    };

    fn key(r: Result<String, AppError>) -> String {
        match r {
            Ok(t) => t,
            Err(AppError::Validation { key, .. }) => format!("!{key}"),
            Err(e) => format!("?{e}"),
        }
    }

    #[test]
    fn one_rule_for_every_field() {
        assert_eq!(key(check("  Hà  ", "f", ONE_LINE, M)), "Hà");
        // a decomposed "ễ" becomes the one composed character
        assert_eq!(key(check("Nguye\u{302}\u{303}n", "f", LINES, M)), "Nguyễn");
        assert_eq!(key(check("a", "f", ONE_LINE, M)), "!short");
        assert_eq!(key(check("abcdef", "f", ONE_LINE, M)), "!long");
        // five characters, more bytes
        assert_eq!(key(check("đường", "f", ONE_LINE, M)), "đường");
        assert_eq!(key(check("a\u{7}b", "f", ONE_LINE, M)), "!invalid");
        assert_eq!(key(check("a\nb", "f", ONE_LINE, M)), "!invalid");
        assert_eq!(key(check("a\r\nb\rc", "f", LINES, M)), "a\nb\nc");
        assert_eq!(key(check("a\tb", "f", LINES, M)), "!invalid");
        assert_eq!(key(check("   ", "f", LINES, M)), "");
    }
}
