//! The browser side of live updates: an island that subscribes to an SSE
//! stream. An event that carries `counts` (`{"<key>": n}`) is applied in
//! place: each count marked with that key (`crate::ui::live_count`) takes
//! the new number, and each chart bar marked `data-bar` with a key in its
//! `bars` (`{"<key>": per-mille}`) takes that share of its `data-full`
//! width, with no request to the server, so a support surge costs
//! the server the same whether ten or ten thousand browsers watch. Any
//! other named event (a new step) and `resync` have the islands router
//! (`src/ui/router.js`) fetch the page again and patch it in place (what the
//! user typed, the focus and the scroll position stay). The browser's
//! EventSource reconnects by itself and sends Last-Event-ID, so no step is
//! missed.

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
                if let Ok((_, message)) = event {
                    let data = message.data().as_string().unwrap_or_default();
                    if !apply_counts(&window, &data) {
                        refresh_page(&window);
                    }
                }
            }
        });
    }

    /// Sets the counts an event carries; false when it carries none (the
    /// page must be fetched again).
    fn apply_counts(window: &web_sys::Window, data: &str) -> bool {
        let Ok(serde_json::Value::Object(data)) = serde_json::from_str(data) else {
            return false;
        };
        let Some(serde_json::Value::Object(counts)) = data.get("counts") else {
            return false;
        };
        let Some(document) = window.document() else {
            return false;
        };
        if let Some(serde_json::Value::Object(bars)) = data.get("bars") {
            for (key, share) in bars {
                let Some(share) = share.as_i64() else {
                    continue;
                };
                for el in marked(&document, "data-bar", key) {
                    let full = el
                        .get_attribute("data-full")
                        .and_then(|w| w.parse::<i64>().ok())
                        .unwrap_or(0);
                    let width = (full * share / 1000).max(1);
                    let _ = el.set_attribute("width", &width.to_string());
                }
            }
        }
        let lang = document
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .unwrap_or_else(|| "vi".into());
        let rules = js_sys::Intl::PluralRules::new(
            &js_sys::Array::of1(&wasm_bindgen::JsValue::from(lang)),
            &js_sys::Object::new(),
        );
        for (key, n) in counts {
            let Some(n) = n.as_i64() else { continue };
            for el in marked(&document, "data-count", key) {
                el.set_text_content(Some(&n.to_string()));
            }
            let one = rules.select(n as f64) == "one";
            for el in marked(&document, "data-plural", key) {
                let form = el.get_attribute(if one { "data-one" } else { "data-other" });
                if let Some(form) = form {
                    el.set_text_content(Some(&form));
                }
            }
        }
        true
    }

    /// The elements whose attribute `name` is `key`.
    fn marked(document: &web_sys::Document, name: &str, key: &str) -> Vec<web_sys::Element> {
        let Ok(list) = document.query_selector_all(&format!("[{name}]")) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .filter(|el| el.get_attribute(name).as_deref() == Some(key))
            .collect()
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
