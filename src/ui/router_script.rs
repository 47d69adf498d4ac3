//! The islands router script (`router.js`, next to this file): served by the
//! server at a URL named by its content, so browsers keep it for a year and
//! a new version is fetched as soon as a page names it.

use leptos::prelude::*;

/// The `<script>` that loads the router; in the page's `<head>`.
#[component]
pub fn RouterScript() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let src = server::path().to_string();
    #[cfg(not(feature = "ssr"))]
    let src = String::new();
    view! { <script type="module" src=src></script> }
}

#[cfg(feature = "ssr")]
pub use server::{path, serve};

#[cfg(feature = "ssr")]
mod server {
    use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
    use axum::response::IntoResponse;
    use sha2::{Digest, Sha256};
    use std::sync::LazyLock;

    const SOURCE: &str = include_str!("router.js");

    static PATH: LazyLock<String> = LazyLock::new(|| {
        let hash = Sha256::digest(SOURCE.as_bytes());
        format!("/router.{}.js", hex::encode(&hash[..8]))
    });

    /// Where the script is served: `/router.<hash>.js`.
    pub fn path() -> &'static str {
        &PATH
    }

    /// The script, cached for a year (its URL changes with it).
    pub async fn serve() -> impl IntoResponse {
        (
            [
                (CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            SOURCE,
        )
    }
}
