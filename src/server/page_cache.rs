//! A page rendered for a visitor who is not signed in is the same for the
//! next such visitor who asks for the same address in the same language, so
//! it is kept for a moment (`PAGE_CACHE_MS`, a second by default) and served
//! again without rendering: during a surge a page is rendered about once a
//! second, not once per reader. Anything that may change a page ends every
//! kept page at once: a state-changing request on this instance, and any
//! live event (from any instance, over the hub). A render that began before
//! such a change is not kept (its generation is older). When a kept page
//! has merely grown old (no change since), one reader renders it again while
//! the others are still served the old one for that moment, so a busy page
//! is never rendered by every reader at once when its second is up.
//!
//! A kept page is the same bytes for every reader, so it is compressed once
//! (brotli and gzip, each the first time a reader asks for it), not once per
//! answer: compressing a 17 KB list page cost six times its serving. Its
//! inline scripts are therefore allowed by their SHA-256 hashes in the CSP,
//! not by a nonce: the render's nonce is taken out of the kept bytes, and
//! no reader ever sees a nonce another reader was given.
//!
//! What is never kept: answers to a signed-in request (they are personal),
//! anything but a complete `200 text/html` answer, answers that set a cookie
//! or say how they may be cached.

use super::coding::{brotli, coding_of, gzip, Coding};
use super::csp::{CspNonce, ScriptHashes};
use super::session::cookie_value;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use http::header::{
    HeaderValue, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE,
    COOKIE, SET_COOKIE, VARY,
};
use http::{HeaderMap, Method, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Pages kept at most; when full, the cache starts again empty.
const MAX_PAGES: usize = 2_000;
/// How long past its time an unchanged page may still be served while one
/// reader renders it again.
const STALE_FOR: Duration = Duration::from_secs(5);
/// A page larger than this is not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// The pages kept for visitors who are not signed in.
pub struct PageCache {
    ttl: Duration,
    generation: AtomicU64,
    pages: Mutex<HashMap<String, Arc<Page>>>,
    /// The pages being rendered again by one reader.
    renewing: Mutex<HashSet<String>>,
}

/// What the cache holds for a request.
enum Kept {
    Fresh(Arc<Page>),
    /// Unchanged but past its time: served while one reader renders it again.
    Old(Arc<Page>),
    Missing,
}

/// A reader's claim to render a page again; given up when dropped.
struct Renewal<'a> {
    cache: &'a PageCache,
    key: String,
}

impl Drop for Renewal<'_> {
    fn drop(&mut self) {
        let mut renewing = self
            .cache
            .renewing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        renewing.remove(&self.key);
    }
}

struct Page {
    generation: u64,
    at: Instant,
    headers: HeaderMap,
    /// The page without its render's nonce.
    body: Bytes,
    /// The CSP sources that allow its inline scripts.
    hashes: Arc<str>,
    br: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl PageCache {
    /// A cache keeping pages for `ttl` (zero: none are kept).
    pub fn new(ttl: Duration) -> PageCache {
        PageCache {
            ttl,
            generation: AtomicU64::new(0),
            pages: Mutex::new(HashMap::new()),
            renewing: Mutex::new(HashSet::new()),
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

    fn get(&self, key: &str) -> Kept {
        let generation = self.generation.load(Ordering::SeqCst);
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        match pages.get(key) {
            Some(p) if p.generation == generation => match p.at.elapsed() {
                age if age < self.ttl => Kept::Fresh(p.clone()),
                age if age < self.ttl + STALE_FOR => Kept::Old(p.clone()),
                _ => Kept::Missing,
            },
            _ => Kept::Missing,
        }
    }

    /// Claims the rendering of `key` again, unless another reader has.
    fn renew(&self, key: &str) -> Option<Renewal<'_>> {
        let mut renewing = self.renewing.lock().unwrap_or_else(|e| e.into_inner());
        renewing.insert(key.to_string()).then(|| Renewal {
            cache: self,
            key: key.to_string(),
        })
    }

    fn put(&self, key: String, page: Arc<Page>) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        // Checked under the lock that `invalidate` clears under.
        if page.generation != self.generation.load(Ordering::SeqCst) {
            return;
        }
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(key, page);
    }
}

impl Page {
    fn new(generation: u64, headers: HeaderMap, body: &[u8], nonce: Option<&str>) -> Page {
        let text = String::from_utf8_lossy(body);
        let text = match nonce {
            // Leptos also writes the nonce as the preload links' `crossorigin`
            // value (read as `anonymous`, which the bare attribute means).
            Some(nonce) => text
                .replace(&format!(" nonce=\"{nonce}\""), "")
                .replace(&format!(" crossorigin=\"{nonce}\""), " crossorigin"),
            None => text.into_owned(),
        };
        Page {
            generation,
            at: Instant::now(),
            headers,
            hashes: script_hashes(&text).into(),
            body: Bytes::from(text),
            br: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    fn answer(&self, coding: Coding) -> Response {
        let (body, name) = match coding {
            Coding::Br => (self.br.get_or_init(|| brotli(&self.body)), Some("br")),
            Coding::Gzip => (self.gzip.get_or_init(|| gzip(&self.body)), Some("gzip")),
            Coding::Identity => (&self.body, None),
        };
        let mut res = Response::new(Body::from(body.clone()));
        let headers = res.headers_mut();
        *headers = self.headers.clone();
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        if let Some(name) = name {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        res.extensions_mut()
            .insert(ScriptHashes(self.hashes.clone()));
        res
    }
}

/// The CSP sources (`'sha256-…'`) of every inline script of `html`.
fn script_hashes(html: &str) -> String {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag = &rest[start..];
        let Some(open) = tag.find('>') else { break };
        let Some(len) = tag[open + 1..].find("</script") else {
            break;
        };
        let text = &tag[open + 1..open + 1 + len];
        if !tag[..open].contains(" src=") && !text.is_empty() {
            let digest = Sha256::digest(text.as_bytes());
            let digest = base64::engine::general_purpose::STANDARD.encode(digest);
            hashes.push(format!("'sha256-{digest}'"));
        }
        rest = &tag[open + 1 + len..];
    }
    hashes.sort();
    hashes.dedup();
    hashes.join(" ")
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

/// What the layer needs: the cache, and the session cookie's name (a
/// request carrying it is signed in).
#[derive(Clone)]
pub struct Keeper {
    /// The kept pages.
    pub pages: Arc<PageCache>,
    /// The session cookie's name.
    pub session_cookie: &'static str,
}

/// The layer: serves kept pages, keeps new ones, and ends them on changes.
pub async fn layer(State(keeper): State<Keeper>, req: Request, next: Next) -> Response {
    let cache = &keeper.pages;
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
    if cookie_value(req.headers(), keeper.session_cookie).is_some() {
        return next.run(req).await;
    }
    let key = key_of(&req);
    let coding = coding_of(req.headers());
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone());
    // Held until the new page is kept (or the render fails).
    let _renewal = match cache.get(&key) {
        Kept::Fresh(page) => {
            metrics::counter!("page_cache_hits_total").increment(1);
            return page.answer(coding);
        }
        Kept::Old(page) => match cache.renew(&key) {
            Some(renewal) => Some(renewal),
            None => {
                metrics::counter!("page_cache_hits_total").increment(1);
                return page.answer(coding);
            }
        },
        Kept::Missing => None,
    };
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
    if body.len() > MAX_PAGE_BYTES {
        return Response::from_parts(parts, Body::from(body));
    }
    // Every reader of a kept page, this one too, gets the same bytes.
    let page = Arc::new(Page::new(
        generation,
        parts.headers,
        &body,
        nonce.as_deref(),
    ));
    cache.put(key, page.clone());
    page.answer(coding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(cache: &PageCache, html: &str) -> Arc<Page> {
        let generation = cache.generation.load(Ordering::SeqCst);
        Arc::new(Page::new(
            generation,
            HeaderMap::new(),
            html.as_bytes(),
            Some("N0"),
        ))
    }

    #[test]
    fn a_kept_page_loses_its_nonce_and_names_its_scripts_hashes() {
        let cache = PageCache::new(Duration::from_secs(1));
        let p = page(
            &cache,
            r#"<link rel="modulepreload" href="/g.js" crossorigin="N0"><script nonce="N0">a()</script><script src="/x.js"></script><script type="module" nonce="N0">b()</script>"#,
        );
        assert!(!String::from_utf8_lossy(&p.body).contains("N0"));
        assert!(String::from_utf8_lossy(&p.body).contains(r#"href="/g.js" crossorigin>"#));
        let sha = |t: &str| {
            let d = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(t));
            format!("'sha256-{d}'")
        };
        let mut want = [sha("a()"), sha("b()")];
        want.sort();
        assert_eq!(&*p.hashes, want.join(" "));
    }

    #[test]
    fn an_old_page_is_served_while_one_reader_renews_it_but_a_change_ends_it() {
        let cache = PageCache::new(Duration::from_millis(20));
        cache.put("k".into(), page(&cache, "<p>one</p>"));
        assert!(matches!(cache.get("k"), Kept::Fresh(_)));
        std::thread::sleep(Duration::from_millis(30));
        assert!(matches!(cache.get("k"), Kept::Old(_)));
        let renewal = cache.renew("k").expect("the first reader renews it");
        assert!(
            cache.renew("k").is_none(),
            "only one reader renders it again"
        );
        drop(renewal);
        assert!(
            cache.renew("k").is_some(),
            "a failed render gives the claim up"
        );
        cache.invalidate();
        assert!(
            matches!(cache.get("k"), Kept::Missing),
            "a change ends it at once"
        );
    }
}
