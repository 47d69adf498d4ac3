//! The public JSON API: `GET /api/v1/petitions` (the list's filters and
//! pages), `GET /api/v1/petitions/{code}` (public fields only; a private
//! petition shows its status and timeline) and
//! `GET /api/v1/petitions/statistics`.

use crate::error::AppError;
use crate::petitions::service;
use crate::petitions::views::ListFilter;
use crate::server::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::HeaderMap;
use std::net::SocketAddr;

/// `GET /api/v1/petitions?q=&status=&category=&sort=&page=`
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<ListFilter>, QueryRejection>,
) -> Response {
    let Ok(Query(filter)) = query else {
        return AppError::BadRequest.into_response();
    };
    match service::list(&state, filter).await {
        Ok(page) => Json(page).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/v1/petitions/{code}`
pub async fn one(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let ip = crate::server::session::client_ip_of(&state.config, &headers, Some(peer));
    let detail = service::detail(&state, &code, None);
    match state.limits.lookup(&ip, detail).await {
        Ok(detail) => Json(detail).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/v1/petitions/statistics`
pub async fn statistics(State(state): State<AppState>) -> Response {
    let snapshot = match state.domain::<crate::petitions::stats::snapshot::StatsSnapshot>() {
        Ok(snapshot) => snapshot.clone(),
        Err(e) => return e.into_response(),
    };
    match snapshot.get(&state).await {
        Ok(stats) => Json(&*stats).into_response(),
        Err(e) => e.into_response(),
    }
}
