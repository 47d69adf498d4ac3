//! The payments' own routes: the provider's webhook, which authenticates
//! each notification itself (no session, no Origin), and an open invoice's
//! QR code as SVG or PNG (`/api/v1/invoices/<reference>/qr.svg`, `qr.png`),
//! for anyone who holds the reference (a look-up limited like a tracking
//! code's: guessing references gets an address blocked).

use super::codes::PaymentReference;
use super::config::PaymentConfig;
use super::gateway::{self, GatewayError};
use super::invoice_repo;
use super::model::InvoiceStatus;
use super::provider::Rejection;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::mount::Mount;
use crate::server::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderMap, StatusCode};
use std::net::SocketAddr;

/// Where the webhook is served.
pub const WEBHOOK: &str = "/api/v1/payments/webhook";
/// Where the receipts' public key is served.
pub const RECEIPT_KEY: &str = "/api/v1/receipts/public-key";
/// The largest notification read.
const WEBHOOK_BODY: usize = 16 * 1024;

/// What the payments' routes need: the webhook authenticates itself and
/// takes small bodies.
pub fn mounts() -> Vec<Mount> {
    let mut webhook = Mount::new(WEBHOOK);
    webhook.own_authentication = true;
    webhook.body_limit = WEBHOOK_BODY;
    vec![webhook]
}

/// The payments' routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(WEBHOOK, post(webhook))
        .route("/api/v1/invoices/{reference}/{file}", get(invoice_qr))
        .route(RECEIPT_KEY, get(receipt_key))
        .route("/counter/reconciliation.csv", get(reconciliation_csv))
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (status, axum::Json(value)).into_response()
}

/// `POST /api/v1/payments/webhook`: 200 once recorded (paid, mismatch or
/// duplicate), 401 forged or stale, 400 malformed, 503 when it could not be
/// recorded (the provider retries).
async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(body) = body else {
        return AppError::BadRequest.into_response();
    };
    let config = match state.domain::<PaymentConfig>() {
        Ok(c) => c.clone(),
        Err(e) => return e.into_response(),
    };
    match gateway::receive(&state, config.provider.as_ref(), &headers, &body).await {
        Ok((n, outcome)) => {
            let reason = match outcome {
                gateway::Outcome::Mismatch(r) => r,
                _ => "",
            };
            json(
                StatusCode::OK,
                serde_json::json!({
                    "event_id": n.event_id,
                    "outcome": outcome.as_str(),
                    "reason": reason,
                }),
            )
        }
        Err(GatewayError::Rejected(Rejection::Unauthenticated(why))) => {
            tracing::warn!(%why, "payment notification refused");
            AppError::Unauthenticated.into_response()
        }
        Err(GatewayError::Rejected(Rejection::Malformed)) => AppError::BadRequest.into_response(),
        Err(GatewayError::Unavailable(e)) => {
            tracing::warn!(error = %e, "payment notification not recorded");
            let mut res = json(
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({ "kind": "internal" }),
            );
            res.headers_mut().insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_static("5"),
            );
            res
        }
    }
}

/// `GET /api/v1/invoices/<reference>/qr.svg` or `qr.png`: the payment code
/// of an open invoice; 404 for an unknown one, 410 once it is paid,
/// cancelled or expired.
async fn invoice_qr(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((reference, file)): Path<(String, String)>,
) -> Response {
    let svg = match file.as_str() {
        "qr.svg" => true,
        "qr.png" => false,
        _ => return AppError::NotFound.into_response(),
    };
    let ip = crate::server::session::client_ip_of(&state.config, &headers, Some(peer));
    let found = state
        .limits
        .lookup(&ip, payload_of(&state, &reference))
        .await;
    let payload = match found {
        Ok(Some(p)) => p,
        Ok(None) => {
            return json(StatusCode::GONE, serde_json::json!({ "kind": "not_found" }));
        }
        Err(e) => return e.into_response(),
    };
    let no_store = (CACHE_CONTROL, "no-store");
    let drawn = if svg {
        super::qr::svg_document(&payload)
            .map(|s| ([(CONTENT_TYPE, "image/svg+xml"), no_store], s).into_response())
    } else {
        super::qr::png(&payload)
            .map(|p| ([(CONTENT_TYPE, "image/png"), no_store], p).into_response())
    };
    drawn.unwrap_or_else(IntoResponse::into_response)
}

/// The payload of the open invoice `reference`; none once it is not open.
async fn payload_of(state: &AppState, reference: &str) -> Result<Option<String>, AppError> {
    let reference = PaymentReference::parse(reference)?;
    let mut conn = state.db.pool.acquire().await?;
    let invoice = invoice_repo::invoice_by_reference(&mut conn, reference.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    if invoice.status_at(now_ms()) != InvoiceStatus::Open {
        return Ok(None);
    }
    let view = super::pages::invoice_view(state, &invoice).await?;
    Ok((!view.payload.is_empty()).then_some(view.payload))
}

/// `GET /api/v1/receipts/public-key`: the Ed25519 key receipts are signed
/// with, for checking them offline.
async fn receipt_key(State(state): State<AppState>) -> Response {
    match state.domain::<super::receipts::ReceiptKeys>() {
        Ok(keys) => {
            let mut res = json(
                StatusCode::OK,
                serde_json::json!({
                    "algorithm": "Ed25519",
                    "encoding": "base64url",
                    "public_key": keys.public_key(),
                    "token_prefix": super::receipt_token::PREFIX,
                }),
            );
            res.headers_mut().insert(
                CACHE_CONTROL,
                http::HeaderValue::from_static("public, max-age=3600"),
            );
            res
        }
        Err(e) => e.into_response(),
    }
}

/// Which counter's day a reconciliation file is of.
#[derive(serde::Deserialize)]
struct DayQuery {
    #[serde(default)]
    counter: String,
    #[serde(default)]
    day: String,
}

/// `GET /counter/reconciliation.csv?counter=<id>&day=<YYYY-MM-DD>`: the
/// day as CSV, for the readers of its page (others get 401, 403 or 404).
async fn reconciliation_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<axum::extract::Query<DayQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let made = async {
        let axum::extract::Query(q) = query.map_err(|_| AppError::BadRequest)?;
        let reader = crate::accounts::guard::reader_of(&state, &headers)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        super::reconciliation::csv(&state, &reader, &q.counter, &q.day).await
    };
    crate::server::csv::download(made.await)
}
