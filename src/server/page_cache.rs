//! A page rendered for a visitor who is not signed in is the same for the
//! next such visitor who asks for the same address in the same language, so
//! it is kept for a moment (`PAGE_CACHE_MS`, a second by default) and served
//! again without rendering: during a surge a page is rendered about once a
//! second, not once per reader. Anything that may change a page ends every
//! kept page at once: a state-changing request on this instance, and any
//! live event (from any instance, over the hub). A render that began before
//! such a change is not kept (its generation is older).
//!
//! What is never kept: answers to a signed-in request (they are personal),
//! anything but a complete `200 text/html` answer, answers that set a cookie
//! or say how they may be cached. Each answer still gets its own CSP nonce:
//! the kept page's nonce is replaced by the fresh one of the response.

use super::security::CspNonce;
use super::session::{cookie_name, cookie_value};
use super::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{
    ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, SET_COOKIE,
};
use http::{HeaderMap, Method, StatusCode};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Pages kept at most; when full, the cache starts again empty.
const MAX_PAGES: usize = 2_000;
/// A page larger than this is not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// The pages kept for visitors who are not signed in.
pub struct PageCache {
    ttl: Duration,
    generation: AtomicU64,
    pages: Mutex<HashMap<String, Arc<Page>>>,
}

struct Page {
    generation: u64,
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
    nonce: Option<String>,
}

impl PageCache {
    /// A cache keeping pages for `ttl` (zero: none are kept).
    pub fn new(ttl: Duration) -> PageCache {
        PageCache {
            ttl,
            generation: AtomicU64::new(0),
            pages: Mutex::new(HashMap::new()),
        }
    }

    /// Ends every kept page, and every render in flight is not kept.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.pages.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Ends kept pages whenever a live event is heard (on any instance),
    /// until the hub closes.
    pub async fn follow(self: Arc<Self>, hub: Arc<crate::live::hub::Hub>) {
        let mut events = hub.subscribe();
        let closed = hub.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => return,
                heard = events.recv() => match heard {
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                    // An event, or events missed: either way pages may have changed.
                    _ => self.invalidate(),
                },
            }
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Page>> {
        let generation = self.generation.load(Ordering::SeqCst);
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages
            .get(key)
            .filter(|p| p.generation == generation && p.at.elapsed() < self.ttl)
            .cloned()
    }

    fn put(&self, key: String, page: Page) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        // Checked under the lock that `invalidate` clears under.
        if page.generation != self.generation.load(Ordering::SeqCst) {
            return;
        }
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(key, Arc::new(page));
    }
}

impl Page {
    fn answer(&self, nonce: Option<&str>) -> Response {
        let body = match (self.nonce.as_deref(), nonce) {
            (Some(old), Some(new)) => match std::str::from_utf8(&self.body) {
                Ok(text) => Bytes::from(text.replace(old, new)),
                Err(_) => self.body.clone(),
            },
            _ => self.body.clone(),
        };
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = self.headers.clone();
        res
    }
}

/// What tells one kept page from another: the address and what picks the
/// language (the cookies, `Accept-Language`).
fn key_of(req: &Request) -> String {
    let header = |name| {
        req.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("; ")
    };
    format!(
        "{}\n{}\n{}",
        req.uri(),
        header(COOKIE),
        header(ACCEPT_LANGUAGE)
    )
}

fn keepable(res: &Response) -> bool {
    let headers = res.headers();
    res.status() == StatusCode::OK
        && headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
        && !headers.contains_key(SET_COOKIE)
        && !headers.contains_key(CACHE_CONTROL)
}

/// The layer: serves kept pages, keeps new ones, and ends them on changes.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.pages;
    if cache.ttl.is_zero() {
        return next.run(req).await;
    }
    if req.method() != Method::GET {
        let changes = !matches!(*req.method(), Method::HEAD | Method::OPTIONS);
        let res = next.run(req).await;
        if changes {
            cache.invalidate();
        }
        return res;
    }
    if cookie_value(req.headers(), cookie_name(&state.config)).is_some() {
        return next.run(req).await;
    }
    let key = key_of(&req);
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone());
    if let Some(page) = cache.get(&key) {
        metrics::counter!("page_cache_hits_total").increment(1);
        return page.answer(nonce.as_deref());
    }
    let generation = cache.generation.load(Ordering::SeqCst);
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // A page is rendered whole (`SsrMode::Async`) before its answer starts.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "a page's body could not be read");
            return crate::error::AppError::Internal.into_response();
        }
    };
    parts.headers.remove(CONTENT_LENGTH);
    if body.len() <= MAX_PAGE_BYTES {
        cache.put(
            key,
            Page {
                generation,
                at: Instant::now(),
                headers: parts.headers.clone(),
                body: body.clone(),
                nonce,
            },
        );
    }
    Response::from_parts(parts, Body::from(body))
}
