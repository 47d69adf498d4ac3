//! Request body limits: [`MAX_BODY`] for every route but those whose
//! [`Mount`](super::mount::Mount) declares another; a route declared multipart refuses any other
//! body before the server function's parser sees it. A body over the limit
//! gets a JSON 413, or the route's own answer (a form sent back with the
//! error next to its field).

use super::state::AppState;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::StatusCode;

use super::mount::MAX_BODY;

/// `error` as JSON with `status` (413 or 400, which the error's own status is not).
pub fn refuse(status: StatusCode, error: AppError) -> Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// Applies the route's body limit: 413 when the declared length is over
/// it, a body error (a 400 from the handler) when a streamed body exceeds it.
pub async fn limit_body(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mount = super::mount::find(&state.mounts, req.uri().path()).cloned();
    let limit = mount.as_ref().map_or(MAX_BODY, |m| m.body_limit);
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        if let Some(answer) = mount.as_ref().and_then(|m| m.too_large) {
            return answer(req, limit).await;
        }
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, AppError::BadRequest);
    }
    if mount.as_ref().is_some_and(|m| m.multipart) && !is_multipart(&req) {
        // server_fn's multipart decoder panics on a missing boundary.
        return refuse(StatusCode::BAD_REQUEST, AppError::BadRequest);
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| multer::parse_boundary(ct).is_ok())
}
