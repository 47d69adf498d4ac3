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
pub mod consultations;
pub mod error;
pub mod i18n;
pub mod live;
pub mod open311;
pub mod payments;
pub mod petitions;
pub mod subjects;
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod shell;

/// The WebAssembly entry point. Pages are rendered on the server and are
/// complete without it; the islands router (`src/ui/router.js`) turns link
/// clicks and form posts into fetches that patch the page in place, and this
/// module hydrates only the islands: the parts that change by themselves
/// (live updates).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console only in debug builds: the hook's
    // formatting code costs the release client several KB.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    mark_hydrated();
}

/// Tells tests and scripts that the page is interactive: set once the
/// islands have hydrated (Leptos' script hydrates them right after
/// [`hydrate`] returns).
#[cfg(feature = "hydrate")]
fn mark_hydrated() {
    use wasm_bindgen::JsCast;
    let mark = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    if let Some(window) = web_sys::window() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(mark.unchecked_ref(), 0);
    }
}
