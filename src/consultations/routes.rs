//! The consultations' own routes: the CSV exports of a consultation
//! (`/consultations/<slug>/polls.csv` and `comments.csv`), for the readers
//! of its page.

use super::export::{self, Export};
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::HeaderMap;

/// The consultations' routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/consultations/{code}/polls.csv", get(polls_csv))
        .route("/consultations/{code}/comments.csv", get(comments_csv))
}

async fn polls_csv(state: State<AppState>, code: Path<String>, headers: HeaderMap) -> Response {
    download(state, code, headers, Export::Polls).await
}

async fn comments_csv(state: State<AppState>, code: Path<String>, headers: HeaderMap) -> Response {
    download(state, code, headers, Export::Comments).await
}

/// The export as a download; 404 for a consultation the reader may not see.
async fn download(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    export: Export,
) -> Response {
    let made = async {
        let reader = crate::accounts::guard::reader_of(&state, &headers).await?;
        export::csv(&state, &code, export, reader.as_ref()).await
    };
    crate::server::csv::download(made.await)
}
