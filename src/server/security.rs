//! Request guards that apply to every route: the Origin check on state
//! changes, and the security headers (with a per-response CSP nonce for the
//! hydration script, or the scripts' hashes on a kept page).

use super::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HeaderValue, ORIGIN, REFERER};
use http::Method;

use super::csp::{CspNonce, ScriptHashes};

fn origin_of(value: &HeaderValue) -> Option<String> {
    let value = value.to_str().ok()?;
    let url = url::Url::parse(value).ok()?;
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// Rejects state-changing requests whose `Origin` (or, failing that,
/// `Referer`) is not this site: the CSRF defence that also covers forms
/// posted with JavaScript off.
pub async fn check_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(
        req.method(),
        &Method::GET | &Method::HEAD | &Method::OPTIONS
    );
    // Routes that authenticate each request themselves (an API key in the
    // body, a signed webhook) are called by programs, which send no Origin;
    // they never read the session cookie, so a forged cross-site post carries
    // no authority there and the check has nothing to protect.
    let own_authentication =
        super::mount::find(&state.mounts, req.uri().path()).is_some_and(|m| m.own_authentication);
    if !safe && !own_authentication {
        let claimed = req
            .headers()
            .get(ORIGIN)
            .or_else(|| req.headers().get(REFERER))
            .and_then(origin_of);
        // The site's origin comes from configuration, never from the
        // request's own `Host`, which whoever sends it writes.
        let allowed = claimed
            .as_ref()
            .is_some_and(|c| state.config.allowed_origins().contains(c));
        if !allowed {
            tracing::warn!(?claimed, path = %req.uri().path(), "cross-origin request refused");
            return crate::error::AppError::Forbidden.into_response();
        }
    }
    next.run(req).await
}

/// Adds the security headers, with a fresh CSP nonce per response.
pub async fn security_headers(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let (nonce, _) = super::session::new_token();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    // Whatever answers a signed-in request may be personal (a private
    // petition seen by its author, the account page, the inbox, JSON with
    // private fields): no cache, shared or the browser's, keeps it.
    let personal =
        super::session::cookie_value(req.headers(), super::session::cookie_name(&state.config))
            .is_some();
    let mut res = next.run(req).await;
    let scripts = match res.extensions().get::<ScriptHashes>() {
        Some(ScriptHashes(hashes)) => hashes.to_string(),
        None => format!("'nonce-{nonce}'"),
    };
    let headers = res.headers_mut();
    if personal && !headers.contains_key(http::header::CACHE_CONTROL) {
        headers.insert(
            http::header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    let csp = format!(
        "default-src 'self'; script-src 'self' {scripts} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    let fixed = [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("x-frame-options", "DENY"),
        (
            "permissions-policy",
            "camera=(self), geolocation=(), microphone=()",
        ),
        ("cross-origin-opener-policy", "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Ok(v) = HeaderValue::from_str(&csp) {
        headers.insert("content-security-policy", v);
    }
    if state.config.is_https() {
        headers.insert(
            "strict-transport-security",
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}
