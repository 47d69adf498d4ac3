//! What a route needs, declared by the domain that defines it: its body
//! limit, whether its body must be multipart, whether it authenticates its
//! requests itself (an API key, a signed webhook) instead of by session and
//! origin check, and how it answers a body too large or an error in its own
//! format. The server applies them; it holds no list of paths of its own.

use crate::error::AppError;
use axum::extract::Request;
use axum::response::Response;
use futures::future::BoxFuture;

/// Largest request body a route accepts unless its mount declares another.
pub const MAX_BODY: usize = 64 * 1024;

/// The answer to a body over the limit (given the limit), when the route
/// answers it its own way (a form sent back with the error next to a field).
pub type TooLarge = fn(Request, usize) -> BoxFuture<'static, Response>;

/// One route's (or, for a path ending in `/`, every route under it) needs.
#[derive(Clone, Debug)]
pub struct Mount {
    /// The path, or a prefix ending in `/`.
    pub path: &'static str,
    /// The largest body it accepts.
    pub body_limit: usize,
    /// Whether its body must be `multipart/form-data`.
    pub multipart: bool,
    /// Whether it authenticates each request itself and reads no session,
    /// so the origin check (the CSRF defence of session routes) does not apply.
    pub own_authentication: bool,
    /// Its answer to a body over the limit, if not the usual JSON 413.
    pub too_large: Option<TooLarge>,
    /// Its errors in its own format (an interface with its own error shape).
    pub error_format: Option<fn(AppError, u16) -> Response>,
}

impl Mount {
    /// A route with the default body limit, authenticated by session.
    pub const fn new(path: &'static str) -> Mount {
        Mount {
            path,
            body_limit: MAX_BODY,
            multipart: false,
            own_authentication: false,
            too_large: None,
            error_format: None,
        }
    }

    fn covers(&self, path: &str) -> bool {
        if self.path.ends_with('/') {
            path.starts_with(self.path)
        } else {
            path == self.path
        }
    }
}

/// The declaration that covers `path` (the exact one before a prefix).
pub fn find<'a>(mounts: &'a [Mount], path: &str) -> Option<&'a Mount> {
    mounts
        .iter()
        .filter(|m| m.covers(path))
        .max_by_key(|m| (!m.path.ends_with('/'), m.path.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_declaration_wins() {
        let mut form = Mount::new("/api/form");
        form.body_limit = 10;
        let mut api = Mount::new("/api/");
        api.own_authentication = true;
        let mounts = [api, form];
        assert_eq!(find(&mounts, "/api/form").map(|m| m.body_limit), Some(10));
        assert!(find(&mounts, "/api/other").is_some_and(|m| m.own_authentication));
        assert!(find(&mounts, "/elsewhere").is_none());
    }
}
