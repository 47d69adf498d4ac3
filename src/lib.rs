//! Grassroots: a grassroots-democracy platform for local government.
//!
//! One crate, compiled twice: `ssr` (the axum server, server functions, the
//! database) and `hydrate` (the WebAssembly client that hydrates the
//! server-rendered pages).
#![recursion_limit = "512"]

// The server's translations; the browser fetches only its page's language.
#[cfg(feature = "ssr")]
rust_i18n::i18n!("locales", fallback = "vi");

pub mod accounts;
pub mod app;
pub mod error;
pub mod i18n;
pub mod live;
pub mod open311;
pub mod petitions;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

/// The WebAssembly entry point: hydrates the server-rendered body, loading
/// the page language's catalogue and the current page's lazy chunk first.
/// Without the catalogue the page stays as the server rendered it (every
/// page works without JavaScript).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console only in debug builds: the hook's
    // formatting code costs the release client several KB.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        else {
            return;
        };
        if !i18n::catalogue::load(i18n::initial_locale()).await {
            return;
        }
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Tests and scripts wait for this marker before interacting.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
