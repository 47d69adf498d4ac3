//! Interface language: Vietnamese (default), English, Korean.
//!
//! Catalogues live in `locales/*.json`; pages are rendered on the server,
//! which translates with `rust-i18n`, so the browser carries no catalogue
//! (islands get the few texts they show as props).
//! The language comes from the `lang` cookie, else `Accept-Language`, else
//! Vietnamese. Components read it from the [`I18n`] context.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod plural;
#[cfg(feature = "ssr")]
pub mod request;
pub mod switch;

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// A supported interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    /// Tiếng Việt, the default.
    #[default]
    Vi,
    /// English.
    En,
    /// 한국어.
    Ko,
}

impl Locale {
    /// Every supported locale, in the order the switcher shows them.
    pub const ALL: [Locale; 3] = [Locale::Vi, Locale::En, Locale::Ko];

    /// The BCP 47 code (`vi`, `en`, `ko`).
    pub fn code(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
            Locale::Ko => "ko",
        }
    }

    /// The language's own name, as shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Vi => "Tiếng Việt",
            Locale::En => "English",
            Locale::Ko => "한국어",
        }
    }

    /// Parses a language tag such as `vi`, `en-GB` or `ko-KR`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best locale from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(locale) = Locale::parse(tag) {
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((locale, q));
                }
            }
        }
        best.map(|(l, _)| l)
    }

    /// The cookie wins, then `Accept-Language`, then Vietnamese.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
        cookie
            .and_then(Locale::parse)
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or_default()
    }
}

/// Translates `key` in `locale`.
#[cfg(feature = "ssr")]
pub fn translate(locale: Locale, key: &str) -> String {
    rust_i18n::t!(key, locale = locale.code()).into_owned()
}

/// The browser renders no page text (it hydrates islands only), so shared
/// components compile there with the key standing in for its text.
#[cfg(not(feature = "ssr"))]
pub fn translate(_locale: Locale, key: &str) -> String {
    key.to_owned()
}

/// The language of the current page, shared by every component.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// The current locale (tracked).
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// The current locale, not tracked.
    pub fn locale_untracked(self) -> Locale {
        self.locale.get_untracked()
    }

    /// A translation for what leptos_meta renders after the body (the
    /// document title): a fixed string, because those closures may run
    /// outside the reactive owner.
    pub fn late(self, key: &'static str) -> String {
        translate(self.locale.get_untracked(), key)
    }

    /// A reactive translation of `key`, for use in `view!`.
    pub fn t(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || translate(self.locale.get(), key)
    }

    /// The form of `key` for the number `n` ("1 supporter", "2 supporters").
    pub fn plural(self, key: &str, n: i64) -> String {
        #[cfg(feature = "ssr")]
        return plural::plural(self.locale.get(), key, n);
        #[cfg(not(feature = "ssr"))]
        {
            let _ = n;
            self.tr(key)
        }
    }

    /// Translates a key known only at run time (tracked when read in a closure).
    pub fn tr(self, key: &str) -> String {
        translate(self.locale.get(), key)
    }
}

/// Provides the [`I18n`] context for the page being rendered or hydrated.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
    };
    provide_context(i18n);
    i18n
}

/// The [`I18n`] context provided by the app shell.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language of the page being rendered.
#[cfg(feature = "ssr")]
pub fn initial_locale() -> Locale {
    use_context::<http::request::Parts>()
        .map(|parts| request::from_request_parts(&parts))
        .unwrap_or_default()
}

/// The browser renders no page (see [`translate`]).
#[cfg(not(feature = "ssr"))]
pub fn initial_locale() -> Locale {
    Locale::default()
}

#[cfg(test)]
mod tests;
