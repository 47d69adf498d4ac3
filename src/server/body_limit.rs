//! Request body limits: [`MAX_BODY`] for every route but the one that takes
//! photos, which may carry three of them; and that route refuses a body that
//! is not multipart before the server function's parser sees it. A browser
//! posting that form without JavaScript is sent back to it with the error
//! next to the photos; other clients get a JSON 413 with that error.

use super::state::AppState;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use http::StatusCode;

/// Largest request body a server function accepts.
pub const MAX_BODY: usize = 64 * 1024;

/// The server functions whose body is a multipart form with photos.
const PHOTO_ROUTES: [&str; 1] = ["/api/petitions/submit_with_photos"];

fn refuse(status: StatusCode, error: AppError) -> Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// Applies the route's body limit: 413 when the declared length is over
/// it, a body error (a 400 from the handler) when a streamed body exceeds it.
pub async fn limit_body(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let takes_photos = PHOTO_ROUTES.contains(&req.uri().path());
    let limit = if takes_photos {
        3 * state.config.photo_max_bytes as usize + MAX_BODY
    } else {
        MAX_BODY
    };
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        if takes_photos {
            return too_large_form(req, limit).await;
        }
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, AppError::BadRequest);
    }
    if takes_photos && !is_multipart(&req) {
        // server_fn's multipart decoder panics on a missing boundary.
        return refuse(StatusCode::BAD_REQUEST, AppError::BadRequest);
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

/// Whether a browser posted the form itself (JavaScript off): it asks for
/// a page, where a script's `fetch` asks for JSON.
fn is_form_post(req: &Request) -> bool {
    req.headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Answers a submit form too large for the server with the error next to
/// the photos, in the user's language: a browser that posted it itself
/// (JavaScript off) is sent back to the form, as a server function's error
/// would be; a script or API client gets a JSON 413 with that field error.
/// The body is read and dropped first (up to a bound), since a browser
/// still sending it would not read the answer.
async fn too_large_form(req: Request, limit: usize) -> Response {
    use http_body_util::BodyExt;
    use leptos::server_fn::error::ServerFnUrlError;
    use leptos::server_fn::ServerFn;
    let form_post = is_form_post(&req);
    let mut body = req.into_body();
    let mut drained = 0usize;
    while drained <= 4 * limit {
        match body.frame().await {
            Some(Ok(frame)) => drained += frame.data_ref().map_or(0, |d| d.len()),
            _ => break,
        }
    }
    let error = AppError::invalid("photos", "photos.form_too_large");
    if !form_post {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, error);
    }
    let path = crate::petitions::photos_api::SubmitWithPhotos::PATH;
    let location = ServerFnUrlError::new(path, error)
        .to_url("http://form.invalid/petitions/new")
        .map(|url| {
            url.as_str()
                .trim_start_matches("http://form.invalid")
                .to_string()
        })
        .unwrap_or_else(|_| "/petitions/new".to_string());
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| multer::parse_boundary(ct).is_ok())
}
