//! The catalogues as flat maps (`{"nav.brand": "…"}`): checked at start-up
//! and by the tests (every language has every key, none is empty). Pages are
//! rendered on the server with `rust-i18n`, so the browser never needs them.

use super::Locale;
use std::collections::BTreeMap;

fn source(locale: Locale) -> &'static str {
    match locale {
        Locale::Vi => include_str!("../../locales/vi.json"),
        Locale::En => include_str!("../../locales/en.json"),
        Locale::Ko => include_str!("../../locales/ko.json"),
    }
}

/// Every key of `locale`'s catalogue with its text.
pub fn entries(locale: Locale) -> Result<BTreeMap<String, String>, String> {
    let json: serde_json::Value =
        serde_json::from_str(source(locale)).map_err(|e| format!("{locale:?}: {e}"))?;
    let mut out = BTreeMap::new();
    flatten("", &json, &mut out)?;
    out.remove("_version");
    Ok(out)
}

fn flatten(
    prefix: &str,
    value: &serde_json::Value,
    out: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    match value {
        serde_json::Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            flatten(&key, v, out)
        }),
        serde_json::Value::String(s) if !s.trim().is_empty() => {
            out.insert(prefix.to_string(), s.clone());
            Ok(())
        }
        other => Err(format!(
            "{prefix}: expected a non-empty text, found {other}"
        )),
    }
}

/// Refuses to start with a catalogue that is not a tree of non-empty texts.
pub fn check() {
    for locale in Locale::ALL {
        if let Err(e) = entries(locale) {
            panic!("locales/{}.json: {e}", locale.code());
        }
    }
}
