//! `GET /live/petitions/{code}` and `GET /live/petitions`: Server-Sent Events.
//! A petition's stream first replays the timeline steps after `Last-Event-ID`
//! (so a reconnect misses nothing), then the current support count, then live
//! changes.

use super::{Change, LiveEvent};
use crate::error::AppError;
use crate::petitions::model::TrackingCode;
use crate::petitions::repo;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream, StreamExt};
use http::StatusCode;
use std::convert::Infallible;
use tokio::sync::broadcast;

fn to_sse(event: &LiveEvent) -> Event {
    let sse = Event::default()
        .event(event.name())
        .data(serde_json::to_string(event).unwrap_or_default());
    match event.change {
        Change::Status { id, .. } => sse.id(id.to_string()),
        Change::Supports { .. } => sse,
    }
}

fn error(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (
        status,
        [(http::header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&err).unwrap_or_default(),
    )
        .into_response()
}

/// Live events from a broadcast receiver, skipping those `keep` refuses.
fn live(
    rx: broadcast::Receiver<LiveEvent>,
    keep: impl Fn(&LiveEvent) -> bool + Send + 'static,
) -> impl Stream<Item = LiveEvent> + Send {
    stream::unfold((rx, keep), |(mut rx, keep)| async move {
        loop {
            match rx.recv().await {
                Ok(event) if keep(&event) => return Some((event, (rx, keep))),
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}

/// `GET /live/petitions/{code}`
pub async fn petition_stream(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Response {
    let code = match TrackingCode::parse(&code) {
        Ok(c) => c.as_str().to_string(),
        Err(e) => return error(e.into()),
    };
    // Subscribe before reading the replay, so nothing falls between the two.
    let rx = state.live.subscribe();
    let found = match repo::petition_by_code(&state.db.pool, &code).await {
        Ok(found) => found,
        Err(e) => return error(e.into()),
    };
    let Some((summary, row)) = found else {
        return error(AppError::NotFound);
    };
    let last: Option<i64> = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let replay = match last {
        Some(last) => match repo::events_since(&state.db.pool, row.id, last).await {
            Ok(r) => r,
            Err(e) => return error(e.into()),
        },
        None => Vec::new(),
    };
    // The newest step this subscriber has (or is about to get from the replay).
    let seen = replay.last().map(|(id, _)| *id).or(last);
    let mut first: Vec<LiveEvent> = replay
        .into_iter()
        .map(|(id, status)| LiveEvent {
            code: code.clone(),
            change: Change::Status { id, status },
        })
        .collect();
    first.push(LiveEvent {
        code: code.clone(),
        change: Change::Supports {
            count: summary.supports,
        },
    });
    let watched = code.clone();
    let updates = live(rx, move |e| {
        e.code == watched
            && match e.change {
                // a step already replayed is not sent twice
                Change::Status { id, .. } => seen.is_none_or(|seen| id > seen),
                Change::Supports { .. } => true,
            }
    });
    let events = stream::iter(first)
        .chain(updates)
        .map(|e| Ok::<_, Infallible>(to_sse(&e)))
        .take_until(state.live.closed());
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// `GET /live/petitions`: every change, for the lists.
pub async fn list_stream(State(state): State<AppState>) -> Response {
    let events = live(state.live.subscribe(), |_| true)
        .map(|e| Ok::<_, Infallible>(to_sse(&e)))
        .take_until(state.live.closed());
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}
