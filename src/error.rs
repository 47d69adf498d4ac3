//! `AppError`: the one error type that crosses the wire.
//!
//! Every server function returns `Result<T, AppError>`. Messages are keys into
//! the locale catalogues, so the client shows them in the user's language;
//! internal causes are logged on the server and never serialised.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error as the client sees it. On the wire: `{"kind":"validation",
/// "field":…,"key":…}`, `{"kind":"conflict","key":…}`, `{"kind":"not_found"}`…
/// Decoding goes through the flat [`Wire`] record instead of serde's
/// internally tagged enum support, whose buffering deserialiser would
/// otherwise be compiled into the browser's first-load module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "Wire")]
pub enum AppError {
    /// The input for `field` is invalid; `key` names the message in the catalogues.
    #[error("invalid {field}: {key}")]
    Validation { field: String, key: String },
    /// The request was malformed (wrong types, undecodable body).
    #[error("bad request")]
    BadRequest,
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthenticated,
    /// The caller is signed in but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The action conflicts with the current state; `key` names the message.
    #[error("conflict: {key}")]
    Conflict { key: String },
    /// Too many attempts; try again later.
    #[error("rate limited")]
    RateLimited,
    /// Something failed on the server; details are in the server log only.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A validation error on `field` with message key `key`.
    pub fn invalid(field: &str, key: &str) -> Self {
        AppError::Validation {
            field: field.to_string(),
            key: key.to_string(),
        }
    }

    /// A conflict with message key `key`.
    pub fn conflict(key: &str) -> Self {
        AppError::Conflict {
            key: key.to_string(),
        }
    }

    /// The field this error belongs to, if it is a validation error.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The catalogue key of the message shown to the user.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::Validation { key, .. } | AppError::Conflict { key } => key,
            AppError::BadRequest => "error.bad_request",
            AppError::Unauthenticated => "error.unauthenticated",
            AppError::Forbidden => "error.forbidden",
            AppError::NotFound => "error.not_found",
            AppError::RateLimited => "error.rate_limited",
            AppError::Internal => "error.internal",
        }
    }

    /// The HTTP status code that matches this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation { .. } => 422,
            AppError::BadRequest => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::RateLimited => 429,
            AppError::Internal => 500,
        }
    }
}

/// The encoded form of an [`AppError`], decoded field by field.
#[derive(Deserialize)]
struct Wire {
    kind: String,
    field: Option<String>,
    key: Option<String>,
}

impl TryFrom<Wire> for AppError {
    type Error = String;

    fn try_from(w: Wire) -> Result<Self, String> {
        let missing = |name: &str| format!("{}: missing {name}", w.kind);
        Ok(match w.kind.as_str() {
            "validation" => AppError::Validation {
                field: w.field.clone().ok_or_else(|| missing("field"))?,
                key: w.key.clone().ok_or_else(|| missing("key"))?,
            },
            "conflict" => AppError::Conflict {
                key: w.key.clone().ok_or_else(|| missing("key"))?,
            },
            "bad_request" => AppError::BadRequest,
            "unauthenticated" => AppError::Unauthenticated,
            "forbidden" => AppError::Forbidden,
            "not_found" => AppError::NotFound,
            "rate_limited" => AppError::RateLimited,
            "internal" => AppError::Internal,
            other => return Err(format!("unknown error kind {other}")),
        })
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(_) => AppError::NotFound,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs an internal cause and returns the opaque `Internal` error.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        AppError::Internal
    }
}

/// The one mapping of an error to an HTTP answer: its status and its JSON,
/// for every route that is not a server function (those go through
/// `FromServerFnError`, and the server gives them the same status).
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(self)).into_response()
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        // SQLSTATE class 22, "data exception" (PostgreSQL refuses a NUL in
        // text, a number out of range): a value from the request the database
        // cannot hold. The statement changed nothing; the request is at fault.
        if let sqlx::Error::Database(db) = &e {
            if db
                .code()
                .is_some_and(|c| c.len() == 5 && c.starts_with("22"))
            {
                tracing::warn!(error = %e, "the database refused a value from a request");
                return AppError::BadRequest;
            }
        }
        AppError::internal(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<AppError> {
        vec![
            AppError::invalid("email", "accounts.email_invalid"),
            AppError::BadRequest,
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::conflict("open311.too_many_keys"),
            AppError::RateLimited,
            AppError::Internal,
        ]
    }

    #[test]
    fn round_trips_through_the_wire_encoding() {
        for e in every_variant() {
            let bytes = e.ser();
            assert_eq!(AppError::de(bytes), e);
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
        }
    }

    #[test]
    fn the_wire_shape_is_flat_and_tagged_by_kind() {
        let json = |e: &AppError| serde_json::to_value(e).unwrap();
        assert_eq!(
            json(&AppError::invalid("email", "accounts.email_invalid")),
            serde_json::json!({"kind": "validation", "field": "email", "key": "accounts.email_invalid"})
        );
        assert_eq!(
            json(&AppError::conflict("k")),
            serde_json::json!({"kind": "conflict", "key": "k"})
        );
        assert_eq!(
            json(&AppError::NotFound),
            serde_json::json!({"kind": "not_found"})
        );
        assert_eq!(
            json(&AppError::RateLimited),
            serde_json::json!({"kind": "rate_limited"})
        );
    }

    #[test]
    fn undecodable_errors_are_rejected() {
        assert!(serde_json::from_str::<AppError>(r#"{"kind":"nope"}"#).is_err());
        assert!(serde_json::from_str::<AppError>(r#"{"kind":"validation","key":"k"}"#).is_err());
    }

    #[test]
    fn decode_failures_are_bad_requests_not_internal() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(e.status(), 400);
    }
}
