//! The request's language (cookie, then `Accept-Language`) and the cookie that
//! remembers a choice.

use super::{Locale, LANG_COOKIE};
use crate::server::session::cookie_value;
use http::header::ACCEPT_LANGUAGE;
use http::request::Parts;

/// The locale for a request.
pub fn from_request_parts(parts: &Parts) -> Locale {
    let cookie = cookie_value(&parts.headers, LANG_COOKIE);
    let accept = parts
        .headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Locale::negotiate(cookie.as_deref(), accept)
}

/// A `Set-Cookie` value remembering `locale` for a year.
pub fn set_cookie_header(locale: Locale, secure: bool) -> String {
    cookie::Cookie::build((LANG_COOKIE, locale.code()))
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .http_only(true)
        .build()
        .to_string()
}
