//! Session tokens and cookies. A token is 128 random bits sent to the browser
//! once; the database keeps only its SHA-256, so a leaked table signs nobody in.

use super::config::Config;
use axum::extract::ConnectInfo;
use base64::Engine;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// The value of cookie `name` in a request's `Cookie` headers.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A fresh random token (URL-safe base64 of 16 random bytes) and its hash.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session cookie's name: `__Host-session` over HTTPS, else `session`.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-session"
    } else {
        "session"
    }
}

/// The session token the request carries, if any.
pub fn request_token(config: &Config, parts: &Parts) -> Option<String> {
    cookie_value(&parts.headers, cookie_name(config)).filter(|t| t.len() <= 64)
}

/// Sets the session cookie on the response (HttpOnly, SameSite=Lax, Secure over HTTPS).
pub fn set_session_cookie(config: &Config, token: &str) {
    let cookie = cookie::Cookie::build((cookie_name(config), token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(config.is_https())
        .max_age(cookie::time::Duration::seconds(
            config.session_absolute.as_secs() as i64,
        ))
        .build();
    append_set_cookie(cookie.to_string());
}

/// Clears the session cookie.
pub fn clear_session_cookie(config: &Config) {
    let cookie = cookie::Cookie::build((cookie_name(config), ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(config.is_https())
        .max_age(cookie::time::Duration::ZERO)
        .build();
    append_set_cookie(cookie.to_string());
}

/// Adds a `Set-Cookie` header to the response being built.
pub fn append_set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
}

/// The client's address, for rate limits and the session list.
pub fn client_ip(config: &Config, parts: &Parts) -> String {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0);
    client_ip_of(config, &parts.headers, peer)
}

/// [`client_ip`] from a request's headers and socket peer: the socket's
/// peer, unless the peer is one of `TRUSTED_PROXIES`; then the right-most
/// `X-Forwarded-For` entry that is not a trusted proxy (entries to its left
/// are whatever the client wrote, so they are never believed).
pub fn client_ip_of(
    config: &Config,
    headers: &http::HeaderMap,
    peer: Option<SocketAddr>,
) -> String {
    let Some(peer) = peer.map(|p| p.ip()) else {
        return "unknown".into();
    };
    let trusted = |ip: &std::net::IpAddr| config.trusted_proxies.iter().any(|n| n.contains(ip));
    if !trusted(&peer) {
        return peer.to_string();
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for entry in forwarded.into_iter().rev() {
        match entry.parse::<std::net::IpAddr>() {
            Ok(ip) if trusted(&ip) => continue,
            Ok(ip) => return ip.to_string(),
            // A malformed entry was written by someone we do not trust.
            Err(_) => break,
        }
    }
    peer.to_string()
}

/// The request's User-Agent, cut to 200 characters.
pub fn user_agent(parts: &Parts) -> String {
    parts
        .headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

/// The request parts of the current server function or page render.
pub fn request_parts() -> Result<Parts, crate::error::AppError> {
    use_context::<Parts>().ok_or_else(|| crate::error::AppError::internal("request parts missing"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_128_bit_and_stored_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 22); // 16 bytes in unpadded base64
        assert_eq!(ha, hash_token(&a));
        assert_eq!(ha.len(), 64);
        assert_ne!(ha, a);
    }
}
