//! Operability: structured logs, Prometheus metrics, health and readiness.

use super::state::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

static PROMETHEUS: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the tracing subscriber (JSON or human-readable) and the metrics recorder.
pub fn init(log_json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if log_json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    PROMETHEUS.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets(&[
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ])
            .and_then(|b| b.install_recorder())
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "metrics recorder not installed");
                PrometheusBuilder::new().build_recorder().handle()
            })
    });
}

/// Counts requests and records their latency by route and status.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| {
            if req.uri().path().starts_with("/pkg/") {
                "/pkg".into()
            } else {
                "other".into()
            }
        });
    // A label per method string a client invents would grow the metrics
    // for good: anything but the standard methods is `other`.
    let method = match *req.method() {
        http::Method::GET
        | http::Method::HEAD
        | http::Method::POST
        | http::Method::PUT
        | http::Method::PATCH
        | http::Method::DELETE
        | http::Method::OPTIONS => req.method().as_str().to_string(),
        _ => "other".to_string(),
    };
    let start = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    res
}

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.is_ready().await {
        "ready".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// Whether the request may read `/metrics`: from `METRICS_ALLOW` (the socket's
/// peer, not a forwarded address), or with `Authorization: Bearer <METRICS_TOKEN>`.
fn may_read_metrics(state: &AppState, headers: &http::HeaderMap, peer: Option<SocketAddr>) -> bool {
    let allowed = peer.is_some_and(|p| {
        state
            .config
            .metrics_allow
            .iter()
            .any(|n| n.contains(&p.ip()))
    });
    let token = state.config.metrics_token.as_deref().is_some_and(|token| {
        headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| {
                use sha2::Digest;
                // compared as digests, so the time taken says nothing of the token
                sha2::Sha256::digest(given.as_bytes()) == sha2::Sha256::digest(token.as_bytes())
            })
    });
    allowed || token
}

/// `GET /metrics`: Prometheus text format, for the configured readers only
/// (anyone else gets 404).
pub async fn metrics(
    State(state): State<AppState>,
    headers: http::HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    if !may_read_metrics(&state, &headers, Some(peer)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let pool = &state.db.pool;
    metrics::gauge!("db_pool_connections").set(pool.size() as f64);
    metrics::gauge!("db_pool_idle_connections").set(pool.num_idle() as f64);
    let body = PROMETHEUS.get().map(|h| h.render()).unwrap_or_default();
    (
        [(http::header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        body,
    )
        .into_response()
}
