//! The catalogues on the wire. The server translates with `rust-i18n`, which
//! compiles every language into the binary; the browser gets only the page's
//! language, as a flat JSON map (`{"nav.brand": "…"}`) served at a versioned,
//! immutable URL that the page preloads (`<link id="i18n-catalogue">`), so
//! the WebAssembly client carries no catalogue of its own. A language switch
//! fetches the new language's map before re-rendering.

use super::Locale;

/// The element whose `href` names the page's catalogue.
pub const LINK_ID: &str = "i18n-catalogue";

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::{Locale, LINK_ID};
    use axum::extract::Path;
    use axum::http::{header, HeaderValue, StatusCode};
    use axum::response::{IntoResponse, Response};
    use leptos::prelude::*;
    use sha2::{Digest, Sha256};
    use std::collections::BTreeMap;
    use std::sync::LazyLock;

    /// Every catalogue, flattened, with the version that names them.
    struct Catalogues {
        version: String,
        json: [String; 3],
    }

    static CATALOGUES: LazyLock<Catalogues> = LazyLock::new(|| {
        let vi = entries(Locale::Vi).expect("locales/vi.json is a valid catalogue");
        let json = Locale::ALL.map(|locale| {
            // A key missing in a language falls back to Vietnamese, as on the server.
            let mut map = vi.clone();
            map.extend(entries(locale).expect("locales/*.json are valid catalogues"));
            serde_json::to_string(&map).expect("a map of strings serialises")
        });
        let mut hash = Sha256::new();
        json.iter().for_each(|j| hash.update(j.as_bytes()));
        let version = hex::encode(&hash.finalize()[..8]);
        Catalogues { version, json }
    });

    /// The source text of a language's catalogue.
    fn source(locale: Locale) -> &'static str {
        match locale {
            Locale::Vi => include_str!("../../locales/vi.json"),
            Locale::En => include_str!("../../locales/en.json"),
            Locale::Ko => include_str!("../../locales/ko.json"),
        }
    }

    /// A language's catalogue as `key → text` with dotted keys; an error names
    /// what is not a non-empty string.
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

    /// Builds the catalogues now, so a broken one stops the start rather than a request.
    pub fn check() {
        LazyLock::force(&CATALOGUES);
    }

    /// Where the browser fetches a language's catalogue.
    pub fn href(locale: Locale) -> String {
        format!("/i18n/{}/{}.json", CATALOGUES.version, locale.code())
    }

    /// `GET /i18n/{version}/{lang}.json`: a language's flat catalogue, cached
    /// for a year when the version is current (it changes with any text).
    pub async fn serve(Path((version, file)): Path<(String, String)>) -> Response {
        let Some(locale) = file.strip_suffix(".json").and_then(Locale::parse) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let cache = if version == CATALOGUES.version {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let body = CATALOGUES.json[locale as usize].clone();
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            ],
            body,
        )
            .into_response()
    }

    /// The `<link>` in the document head that starts fetching the page's
    /// catalogue while the WebAssembly loads.
    #[component]
    pub fn CataloguePreload() -> impl IntoView {
        let href = href(super::super::initial_locale());
        view! { <link id=LINK_ID rel="preload" r#as="fetch" crossorigin="anonymous" href=href /> }
    }
}

#[cfg(not(feature = "ssr"))]
pub use client::*;

#[cfg(not(feature = "ssr"))]
mod client {
    use super::Locale;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        static LOADED: RefCell<Vec<(Locale, HashMap<String, String>)>> = const { RefCell::new(Vec::new()) };
    }

    /// The text of `key` in `locale`, once that catalogue is loaded.
    pub fn lookup(locale: Locale, key: &str) -> Option<String> {
        LOADED.with_borrow(|all| {
            all.iter()
                .find(|(l, _)| *l == locale)
                .and_then(|(_, map)| map.get(key).cloned())
        })
    }

    /// Fetches `locale`'s catalogue unless it is loaded; false if it could not be.
    /// Boxed so that its two callers (start-up and the language switch) share
    /// one copy of the fetching code instead of each inlining it.
    #[cfg(feature = "hydrate")]
    pub fn load(locale: Locale) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool>>> {
        Box::pin(fetch(locale))
    }

    #[cfg(feature = "hydrate")]
    async fn fetch(locale: Locale) -> bool {
        if LOADED.with_borrow(|all| all.iter().any(|(l, _)| *l == locale)) {
            return true;
        }
        let Some(href) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(super::LINK_ID))
            .and_then(|e| e.get_attribute("href"))
        else {
            return false;
        };
        let Some((dir, _)) = href.rsplit_once('/') else {
            return false;
        };
        let url = format!("{dir}/{}.json", locale.code());
        let Ok(res) = gloo_net::http::Request::get(&url).send().await else {
            return false;
        };
        let Ok(text) = res.text().await else {
            return false;
        };
        let Ok(map) = serde_json::from_str::<HashMap<String, String>>(&text) else {
            return false;
        };
        LOADED.with_borrow_mut(|all| all.push((locale, map)));
        true
    }

    /// Nothing in the browser: the server rendered the head.
    #[component]
    pub fn CataloguePreload() -> impl IntoView {}
}
