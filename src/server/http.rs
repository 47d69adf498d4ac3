//! The HTTP server: routes, layers, static files, graceful shutdown.

use super::config::Config;
use super::db::Db;
use super::observe;
use super::ratelimit::RateLimits;
use super::security::{self, CspNonce};
use super::state::AppState;
use crate::app::{shell, App};
use crate::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use super::body_limit::MAX_BODY;

/// Leptos options built from our configuration, not from cargo-leptos' env.
fn leptos_options(config: &Config) -> LeptosOptions {
    // cargo-leptos writes hash.txt beside the server when it hashes file
    // names; a server built another way serves the plain names.
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("grassroots")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.bind_addr)
        .hash_files(hashed)
        .build()
}

/// Connects and migrates the database, and builds the state.
pub async fn state(config: Config) -> Result<AppState, Box<dyn std::error::Error>> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let live = Arc::new(crate::live::hub::Hub::new(db.clone()));
    let supports = crate::petitions::supports::SupportWriter::start(
        db.clone(),
        live.clone(),
        config.thresholds,
        config.site_url(),
    );
    Ok(AppState {
        live,
        supports,
        db,
        leptos: leptos_options(&config),
        limits: Arc::new(RateLimits::new(&config)),
        config: Arc::new(config),
        mail_wakeup: Arc::new(tokio::sync::Notify::new()),
    })
}

/// What every render and server function gets in its context.
fn context(state: AppState) -> impl Fn() + Clone + Send + 'static {
    move || {
        provide_context(state.clone());
        if let Some(parts) = use_context::<http::request::Parts>() {
            if let Some(CspNonce(n)) = parts.extensions.get::<CspNonce>() {
                provide_context(leptos::nonce::Nonce::from_value(n.as_str()));
            }
        }
    }
}

/// Server functions answer every error with 500; give each its own status
/// (400, 401, 403, 404, 409, 422, 429) from the `AppError` in the body.
async fn with_error_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let is_server_fn_error = res.headers().contains_key(SERVER_FN_ERROR_HEADER);
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR || !is_server_fn_error {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY * 4)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A body that is too large, or a panic in a handler, still gets an `AppError`
/// (on the Open311 routes, that interface's error format) unless the 413
/// already carries one (the photo form's field error).
async fn guard_errors(req: Request, next: Next) -> Response {
    let open311 = req.uri().path().starts_with("/open311/");
    let res = next.run(req).await;
    let is_json =
        res.headers().get(CONTENT_TYPE) == Some(&HeaderValue::from_static("application/json"));
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && (open311 || !is_json) {
        let (mut parts, _) = res.into_parts();
        parts
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let body = if open311 {
            let error = crate::open311::model::Open311Error::new(413, "request body too large");
            serde_json::to_string(&[error])
        } else {
            serde_json::to_string(&AppError::BadRequest)
        };
        return Response::from_parts(parts, Body::from(body.unwrap_or_default()));
    }
    res
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError::Internal.into_response()
}

/// The whole router.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let pkg_dir = state.config.site_root.join("pkg");
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));
    let leptos = state.leptos.clone();
    Router::new()
        .route(
            crate::ui::router_script::path(),
            get(crate::ui::router_script::serve),
        )
        .route("/healthz", get(observe::healthz))
        .route("/readyz", get(observe::readyz))
        .route("/metrics", get(observe::metrics))
        .route("/api/v1/petitions", get(crate::petitions::open_data::list))
        .route(
            "/api/v1/petitions/{code}",
            get(crate::petitions::open_data::one),
        )
        .route(
            "/api/v1/petitions/statistics",
            get(crate::petitions::open_data::statistics),
        )
        .nest("/open311/v2", crate::open311::routes::router())
        .route("/photos/{file}", get(crate::petitions::photos_store::serve))
        .route("/live/petitions", get(crate::live::sse::list_stream))
        .route(
            "/live/petitions/{code}",
            get(crate::live::sse::petition_stream),
        )
        .leptos_routes_with_context(&state, routes, context(state.clone()), {
            let leptos = leptos.clone();
            move || shell(leptos.clone())
        })
        .nest("/pkg", pkg)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context(state.clone()), shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::body_limit::limit_body,
        ))
        .layer(middleware::from_fn(with_error_status))
        .layer(middleware::from_fn(guard_errors))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::check_origin,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        .layer(middleware::from_fn(observe::track))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        .with_state(state)
}

/// Serves until SIGTERM or Ctrl-C, then lets in-flight requests finish.
pub async fn serve(mut config: Config) -> Result<(), Box<dyn std::error::Error>> {
    // Listen for SIGTERM before announcing the port, so an early signal is
    // a graceful stop rather than the default kill.
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    crate::i18n::catalogue::check();
    let listener = tokio::net::TcpListener::bind(config.bind_addr).await?;
    let addr = listener.local_addr()?;
    // Port 0 picked a port: links and the origin check use the real one.
    config.bind_addr = addr;
    let state = state(config).await?;
    // Tests and scripts read this line to learn the port.
    println!("listening on http://{addr}");
    tracing::info!(%addr, backend = ?state.db.backend, "serving");

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(super::mail::run_sender(state.clone(), stop_rx.clone()));
    tokio::spawn(crate::petitions::photos_sweep::run(
        state.clone(),
        stop_rx.clone(),
    ));
    tokio::spawn(housekeeping(state.clone(), stop_rx));
    tokio::spawn(state.live.clone().run(state.config.database_url.clone()));
    let live = state.live.clone();

    super::listen::serve(listener, router(state), async move {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term.recv() => {},
        }
        tracing::info!("shutting down: finishing in-flight requests");
        let _ = stop_tx.send(true);
        // Open event streams end, so the drain does not wait on them.
        live.close();
    })
    .await;
    tracing::info!("stopped");
    Ok(())
}

/// Periodic clean-up: expired sessions, idle rate-limit buckets.
async fn housekeeping(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        let now = super::db::now_ms();
        let idle = now - state.config.session_idle.as_millis() as i64;
        let absolute = now - state.config.session_absolute.as_millis() as i64;
        if let Err(e) =
            crate::accounts::repo::delete_expired_sessions(&state.db.pool, idle, absolute).await
        {
            tracing::warn!(error = %e, "session clean-up failed");
        }
        state.limits.prune();
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = stop.changed() => return,
        }
    }
}
