//! `GET /live/petitions/{code}` and `GET /live/petitions`: Server-Sent Events.
//! A petition's stream first replays the timeline steps after `Last-Event-ID`
//! (so a reconnect misses nothing), then the current support count, then live
//! changes.

use super::{Change, LiveEvent};
use crate::error::AppError;
use crate::petitions::model::TrackingCode;
use crate::petitions::repo;
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::net::SocketAddr;
use tokio::sync::broadcast;

fn to_sse(event: &LiveEvent) -> Event {
    let sse = Event::default()
        .event(event.name())
        .data(serde_json::to_string(event).unwrap_or_default());
    match event.change {
        Change::Status { id, .. } => sse.id(id.to_string()),
        Change::Supports { .. } | Change::Resync => sse,
    }
}

/// Live events from a broadcast receiver, skipping those `keep` refuses. A
/// receiver that fell behind (the hub's buffer overflowed before it read)
/// gets a `resync` in place of what it lost, never a silent gap.
fn live(
    rx: broadcast::Receiver<LiveEvent>,
    keep: impl Fn(&LiveEvent) -> bool + Send + 'static,
) -> impl Stream<Item = LiveEvent> + Send {
    stream::unfold((rx, keep), |(mut rx, keep)| async move {
        loop {
            match rx.recv().await {
                Ok(event) if keep(&event) => return Some((event, (rx, keep))),
                Ok(_) => continue,
                Err(broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::debug!(missed, "a live subscriber fell behind: resync");
                    let resync = LiveEvent {
                        code: String::new(),
                        change: Change::Resync,
                        public: true,
                    };
                    return Some((resync, (rx, keep)));
                }
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
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let ip = crate::server::session::client_ip_of(&state.config, &headers, Some(peer));
    let Some(permit) = state.live.admit(&ip, state.config.live_streams_per_address) else {
        return AppError::RateLimited.into_response();
    };
    // Subscribe before reading the replay, so nothing falls between the two.
    let rx = state.live.subscribe();
    let look = async {
        let code = TrackingCode::parse(&code)?;
        repo::petition_by_code(&state.db.pool, code.as_str())
            .await?
            .ok_or(AppError::NotFound)
    };
    let (summary, row) = match state.limits.lookup(&ip, look).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let code = summary.code.clone();
    let last: Option<i64> = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let replay = match last {
        Some(last) => match repo::events_since(&state.db.pool, row.id, last).await {
            Ok(r) => r,
            Err(e) => return AppError::from(e).into_response(),
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
            public: false,
        })
        .collect();
    first.push(LiveEvent {
        code: code.clone(),
        change: Change::Supports {
            count: summary.supports,
        },
        public: false,
    });
    let watched = code.clone();
    let updates = live(rx, move |e| {
        e.code == watched
            && match e.change {
                // a step already replayed is not sent twice
                Change::Status { id, .. } => seen.is_none_or(|seen| id > seen),
                Change::Supports { .. } | Change::Resync => true,
            }
    });
    let events = stream::iter(first)
        .chain(updates)
        .map(move |e| {
            let _open = &permit;
            Ok::<_, Infallible>(to_sse(&e))
        })
        .take_until(state.live.closed());
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// `GET /live/petitions`: the changes of public petitions, for the lists.
pub async fn list_stream(
    State(state): State<AppState>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let ip = crate::server::session::client_ip_of(&state.config, &headers, Some(peer));
    let Some(permit) = state.live.admit(&ip, state.config.live_streams_per_address) else {
        return AppError::RateLimited.into_response();
    };
    let events = live(state.live.subscribe(), |e| e.public)
        .map(move |e| {
            let _open = &permit;
            Ok::<_, Infallible>(to_sse(&e))
        })
        .take_until(state.live.closed());
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}
