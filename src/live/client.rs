//! The client side: subscribe to an SSE stream while a component is mounted
//! and call back on each event. The browser's EventSource reconnects by
//! itself and sends Last-Event-ID, so the server resumes without gaps.

use futures::StreamExt;
use gloo_net::eventsource::futures::EventSource;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Subscribes to `url()` (re-subscribing when it changes) and calls `on_event`
/// for every `status` or `supports` event.
pub fn use_live(
    url: impl Fn() -> String + Send + Sync + 'static,
    on_event: impl Fn() + Clone + 'static,
) {
    let on_event = SendWrapper::new(on_event);
    Effect::new(move |_| {
        let url = url();
        let Ok(mut source) = EventSource::new(&url) else {
            return;
        };
        let subscriptions: Vec<_> = ["status", "supports"]
            .into_iter()
            .filter_map(|name| source.subscribe(name).ok())
            .collect();
        let mut events = futures::stream::select_all(subscriptions);
        let on_event = (*on_event).clone();
        leptos::task::spawn_local(async move {
            while let Some(event) = events.next().await {
                if event.is_ok() {
                    on_event();
                }
            }
        });
        let source = SendWrapper::new(source);
        on_cleanup(move || source.take().close());
    });
}
