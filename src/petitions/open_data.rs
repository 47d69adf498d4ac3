//! The public JSON API: `GET /api/v1/petitions` (the list's filters and
//! pages), `GET /api/v1/petitions/{code}` (public fields only; a private
//! petition shows its status and timeline) and
//! `GET /api/v1/petitions/statistics`.

use super::service;
use super::views::ListFilter;
use crate::error::AppError;
use crate::server::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::StatusCode;

fn error(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, Json(err)).into_response()
}

/// `GET /api/v1/petitions?q=&status=&category=&sort=&page=`
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<ListFilter>, QueryRejection>,
) -> Response {
    let Ok(Query(filter)) = query else {
        return error(AppError::BadRequest);
    };
    match service::list(&state, filter).await {
        Ok(page) => Json(page).into_response(),
        Err(e) => error(e),
    }
}

/// `GET /api/v1/petitions/{code}`
pub async fn one(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    match service::detail(&state, &code, None).await {
        Ok(detail) => Json(detail).into_response(),
        Err(e) => error(e),
    }
}

/// `GET /api/v1/petitions/statistics`
pub async fn statistics(State(state): State<AppState>) -> Response {
    match super::stats_repo::statistics(&state.db.pool).await {
        Ok(stats) => Json(stats).into_response(),
        Err(e) => error(e.into()),
    }
}
