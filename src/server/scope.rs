//! What one request works out once and every part of its answer reuses: a
//! page render calls several server functions (the header's account, the
//! unread count, the page's own data), and each would otherwise read the
//! session again. A [`RequestScope`] rides in the request's extensions,
//! which every clone of its `Parts` shares.

use crate::error::AppError;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// The values one request has worked out, by type.
#[derive(Clone, Default)]
pub struct RequestScope(Arc<Mutex<http::Extensions>>);

/// Puts a fresh scope in every request.
pub async fn layer(mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(RequestScope::default());
    next.run(req).await
}

/// `init`'s value, worked out once per request: later calls in the same
/// request get the first one's answer. Outside a request (a command, a
/// test), `init` runs every time. An error is not kept: a later call tries
/// again.
///
/// The work runs on a task of its own, so a caller dropped half-way (a
/// render that disposes a section and renders it again) cannot leave it
/// half done: a read that also writes (a new API key marked shown) is
/// finished and kept for the next caller rather than lost with the first.
pub async fn once<T, F, Fut>(init: F) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let scope = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestScope>().cloned());
    let Some(scope) = scope else {
        return init().await;
    };
    let cell = {
        let mut values = scope.0.lock().unwrap_or_else(|e| e.into_inner());
        values
            .get_or_insert_with(|| Arc::new(OnceCell::<T>::new()))
            .clone()
    };
    if let Some(value) = cell.get() {
        return Ok(value.clone());
    }
    let work = init();
    tokio::spawn(async move { cell.get_or_try_init(|| work).await.cloned() })
        .await
        .map_err(AppError::internal)?
}
