use super::*;
use std::collections::BTreeSet;

#[test]
fn negotiates_cookie_then_header_then_vietnamese() {
    assert_eq!(Locale::negotiate(Some("ko"), Some("en")), Locale::Ko);
    assert_eq!(Locale::negotiate(None, Some("fr, en-GB;q=0.8")), Locale::En);
    assert_eq!(
        Locale::negotiate(None, Some("en;q=0.5, ko;q=0.9")),
        Locale::Ko
    );
    assert_eq!(Locale::negotiate(Some("xx"), Some("de")), Locale::Vi);
    assert_eq!(Locale::negotiate(None, None), Locale::Vi);
}

fn catalogue(locale: Locale) -> BTreeSet<String> {
    catalogue::entries(locale)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_keys()
        .collect()
}

#[test]
fn every_catalogue_has_the_same_keys() {
    let vi = catalogue(Locale::Vi);
    for locale in [Locale::En, Locale::Ko] {
        let other = catalogue(locale);
        let missing: Vec<_> = vi.difference(&other).collect();
        let extra: Vec<_> = other.difference(&vi).collect();
        assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        assert!(extra.is_empty(), "{locale:?} has keys vi lacks: {extra:?}");
    }
}

/// Every key the code asks for (`t("…")`, `tr("…")`, `"….…"` message keys
/// passed to `AppError`) exists in the Vietnamese catalogue.
#[test]
fn every_key_used_in_the_code_exists() {
    let vi = catalogue(Locale::Vi);
    let mut missing = Vec::new();
    let src = format!("{}/src", env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for key in used_keys(&text) {
                // a plural key is there with its forms (`….one`, `….other`)
                if !vi.contains(&key) && !vi.contains(&format!("{key}.other")) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from locales/vi.json: {missing:?}"
    );
}

/// String literals that look like catalogue keys: `"domain.some_key"` where the
/// domain is one of the catalogue's top-level sections.
fn used_keys(text: &str) -> Vec<String> {
    const SECTIONS: [&str; 12] = [
        "nav.",
        "error.",
        "accounts.",
        "common.",
        "home.",
        "admin.",
        "petitions.",
        "open311.",
        "follows.",
        "photos.",
        "routing.",
        "moderation.",
    ];
    let mut keys = Vec::new();
    for piece in text.split('"').skip(1).step_by(2) {
        let looks_like_key = SECTIONS.iter().any(|s| piece.starts_with(s))
            && !piece.ends_with('.')
            && piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if looks_like_key {
            keys.push(piece.to_string());
        }
    }
    keys
}
