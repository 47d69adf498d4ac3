//! The browser side of live updates: an island that subscribes to an SSE
//! stream and, on each of the named events (and `resync`), has the islands
//! router (`src/ui/router.js`)
//! fetch the page again and patch it in place (text, counts and timeline change; what the user
//! typed, the focus and the scroll position stay). The browser's EventSource
//! reconnects by itself and sends Last-Event-ID, so no step is missed.

use leptos::prelude::*;

/// Keeps the page it sits on current with the events named in `events`
/// (comma-separated) on `stream`.
#[island]
pub fn LiveRefresh(stream: String, events: String) -> impl IntoView {
    let marker = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = marker.get() {
            browser::watch(el.into(), &stream, &events);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream, events);
    view! { <span node_ref=marker hidden></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    /// How often a watcher checks that its page is still shown.
    const CHECK_MS: i32 = 2_000;

    /// Subscribes while `marker` is in the document: once the router has
    /// moved to another page, the stream is closed.
    pub fn watch(marker: web_sys::Element, url: &str, events: &str) {
        let Ok(mut source) = EventSource::new(url) else {
            return;
        };
        let subscriptions: Vec<_> = events
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .chain([crate::live::RESYNC])
            .filter_map(|name| source.subscribe(name).ok())
            .collect();
        let mut events = futures::stream::select_all(subscriptions);
        let Some(window) = web_sys::window() else {
            return;
        };
        let interval = Rc::new(Cell::new(None::<i32>));
        let check = {
            let (marker, interval, window) = (marker.clone(), interval.clone(), window.clone());
            let mut source = Some(source);
            Closure::<dyn FnMut()>::new(move || {
                if !marker.is_connected() {
                    if let Some(source) = source.take() {
                        source.close();
                    }
                    if let Some(id) = interval.take() {
                        window.clear_interval_with_handle(id);
                    }
                }
            })
        };
        interval.set(
            window
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    check.as_ref().unchecked_ref(),
                    CHECK_MS,
                )
                .ok(),
        );
        check.forget();
        leptos::task::spawn_local(async move {
            while let Some(event) = events.next().await {
                if !marker.is_connected() {
                    break;
                }
                if event.is_ok() {
                    refresh_page(&window);
                }
            }
        });
    }

    /// Has the islands router fetch and patch the current page.
    fn refresh_page(window: &web_sys::Window) {
        let refresh = js_sys::Reflect::get(window, &"grassroots".into())
            .and_then(|router| js_sys::Reflect::get(&router, &"refresh".into()));
        if let Ok(refresh) = refresh.and_then(|f| f.dyn_into::<js_sys::Function>()) {
            let _ = refresh.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}
