//! The HTTP server: the platform's routes, the layers every request passes,
//! static files, graceful shutdown. The domains' routes come from the shell.

use super::config::Config;
use super::csp::CspNonce;
use super::db::Db;
use super::observe;
use super::ratelimit::RateLimits;
use super::security;
use super::state::AppState;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
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

use super::mount::MAX_BODY;

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

/// Connects and migrates the database, and builds the state with the route
/// declarations the domains hand in; the shell then adds what each domain
/// keeps (`AppState::domains`), its live topics among them.
pub async fn state(
    config: Config,
    mounts: Vec<super::mount::Mount>,
) -> Result<AppState, Box<dyn std::error::Error>> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    Ok(AppState {
        live: Arc::new(crate::live::hub::Hub::new(db.clone())),
        pages: Arc::new(super::page_cache::PageCache::new(config.page_cache)),
        db,
        leptos: leptos_options(&config),
        limits: Arc::new(RateLimits::new(&config)),
        config: Arc::new(config),
        mail_wakeup: Arc::new(tokio::sync::Notify::new()),
        domains: Arc::new(http::Extensions::new()),
        mounts: Arc::new(mounts),
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

/// A body that is too large still gets an `AppError` (in the route's own
/// error format if it declared one) unless the 413 already carries one (the
/// photo form's field error).
async fn guard_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let format = super::mount::find(&state.mounts, req.uri().path()).and_then(|m| m.error_format);
    let res = next.run(req).await;
    let is_json =
        res.headers().get(CONTENT_TYPE) == Some(&HeaderValue::from_static("application/json"));
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && (format.is_some() || !is_json) {
        return match format {
            Some(format) => format(AppError::BadRequest, 413),
            None => super::body_limit::refuse(StatusCode::PAYLOAD_TOO_LARGE, AppError::BadRequest),
        };
    }
    res
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError::Internal.into_response()
}

/// The whole router: the platform's routes, the domains' `routes`, the
/// pages of `app` in the document `page`, static files, and the layers.
pub fn router<A, P>(
    state: AppState,
    routes: Router<AppState>,
    app: fn() -> A,
    page: fn(LeptosOptions) -> P,
) -> Router
where
    A: IntoView + 'static,
    P: IntoView + 'static,
{
    let pages = generate_route_list(app);
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
        .merge(crate::live::sse::routes())
        .merge(routes)
        .leptos_routes_with_context(&state, pages, context(state.clone()), {
            let leptos = leptos.clone();
            move || page(leptos.clone())
        })
        .nest("/pkg", pkg)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context(state.clone()), page))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::body_limit::limit_body,
        ))
        .layer(middleware::from_fn(with_error_status))
        .layer(middleware::from_fn_with_state(state.clone(), guard_errors))
        .layer(middleware::from_fn_with_state(
            super::page_cache::Keeper {
                pages: state.pages.clone(),
                session_cookie: super::session::cookie_name(&state.config),
            },
            super::page_cache::layer,
        ))
        .layer(middleware::from_fn(super::scope::layer))
        // Brotli at quality 2: pages are compressed as they are answered,
        // and higher qualities cost more time than the bytes they save.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(2)))
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

/// Serves `app` on `listener` until SIGTERM or Ctrl-C, then tells the
/// background tasks to stop (`stop`), ends the live streams and lets
/// in-flight requests finish. `term` is installed before the port is
/// announced, so an early signal is a graceful stop too.
pub async fn serve(
    state: &AppState,
    listener: tokio::net::TcpListener,
    app: Router,
    mut term: tokio::signal::unix::Signal,
    stop: tokio::sync::watch::Sender<bool>,
) {
    let addr = listener.local_addr().ok();
    // Each live stream holds a socket open: take every file the machine
    // allows this process (the soft limit up to the hard one).
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(limit, "open files"),
        Err(e) => tracing::warn!(error = %e, "the open-file limit could not be raised"),
    }
    // Tests and scripts read this line to learn the port.
    if let Some(addr) = addr {
        println!("listening on http://{addr}");
    }
    tracing::info!(?addr, backend = ?state.db.backend, "serving");
    tokio::spawn(super::mail::run_sender(state.clone(), stop.subscribe()));
    tokio::spawn(prune_limits(state.clone(), stop.subscribe()));
    tokio::spawn(state.live.clone().run(state.config.database_url.clone()));
    tokio::spawn(state.pages.clone().follow(state.live.clone()));
    let live = state.live.clone();
    super::listen::serve(listener, app, async move {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term.recv() => {},
        }
        tracing::info!("shutting down: finishing in-flight requests");
        let _ = stop.send(true);
        // Open event streams end, so the drain does not wait on them.
        live.close();
    })
    .await;
    tracing::info!("stopped");
}

/// Drops idle rate-limit buckets every ten minutes.
async fn prune_limits(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        state.limits.prune();
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = stop.changed() => return,
        }
    }
}
