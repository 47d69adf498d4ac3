//! Plural-aware messages: a key with `one`/`other` (and, where a language
//! has them, `zero`, `two`, `few`, `many`) forms, chosen by the CLDR rules of
//! `intl_pluralrules` for the page's language. Vietnamese and Korean have one
//! form; English says "1 supporter" and "2 supporters".

use super::{translate, Locale};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::sync::OnceLock;

fn rules(locale: Locale) -> Option<&'static PluralRules> {
    static RULES: OnceLock<Vec<(Locale, PluralRules)>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            [Locale::Vi, Locale::En, Locale::Ko]
                .into_iter()
                .filter_map(|l| {
                    let id: unic_langid::LanguageIdentifier = l.code().parse().ok()?;
                    Some((l, PluralRules::create(id, PluralRuleType::CARDINAL).ok()?))
                })
                .collect()
        })
        .iter()
        .find(|(l, _)| *l == locale)
        .map(|(_, r)| r)
}

/// The form of `key` for `n` in `locale` (`other` when no rule applies).
pub fn plural(locale: Locale, key: &str, n: i64) -> String {
    let category = rules(locale)
        .and_then(|r| r.select(n).ok())
        .unwrap_or(PluralCategory::OTHER);
    let form = match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    };
    let chosen = format!("{key}.{form}");
    let text = translate(locale, &chosen);
    if text == chosen {
        translate(locale, &format!("{key}.other"))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_has_a_singular_and_the_others_do_not_need_one() {
        assert_eq!(plural(Locale::En, "petitions.supporters", 1), "supporter");
        assert_eq!(plural(Locale::En, "petitions.supporters", 0), "supporters");
        assert_eq!(plural(Locale::En, "petitions.supporters", 2), "supporters");
        assert_eq!(plural(Locale::En, "follows.followers", 1), "follower");
        assert_eq!(
            plural(Locale::Vi, "petitions.supporters", 1),
            "người ủng hộ"
        );
        assert_eq!(plural(Locale::Ko, "follows.followers", 1), "명이 팔로우 중");
    }
}
