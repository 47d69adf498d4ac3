//! `GET /live/{kind}` and `GET /live/{kind}/{key}`: Server-Sent Events of a
//! topic. The domain that registered `kind` opens the topic (checking the
//! reader may follow it, and giving what to replay after `Last-Event-ID`);
//! then the stream carries the topic's live events. Opening a subject's
//! topic is a look-up of its key, limited per address like every look-up;
//! each address holds a bounded number of streams.

use super::topic::Opening;
use super::{Heard, LiveEvent, RESYNC};
use crate::error::AppError;
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::broadcast;

/// The live routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/live/{kind}", get(list_stream))
        .route("/live/{kind}/{key}", get(subject_stream))
}

/// Live events of `topic` from a broadcast receiver, skipping those already
/// replayed. A receiver that fell behind (the hub's buffer overflowed before
/// it read) gets a `resync` in place of what it lost, never a silent gap.
fn live(
    rx: broadcast::Receiver<Arc<Heard>>,
    topic: String,
    seen: Option<i64>,
) -> impl Stream<Item = Arc<Heard>> + Send {
    stream::unfold(rx, move |mut rx| {
        let topic = topic.clone();
        async move {
            loop {
                match rx.recv().await {
                    Ok(heard) if heard.event.reaches(&topic) => {
                        let e = &heard.event;
                        let replayed = e.topic == topic
                            && matches!((e.id, seen), (Some(id), Some(seen)) if id <= seen);
                        if !replayed {
                            return Some((heard, rx));
                        }
                    }
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        tracing::debug!(missed, "a live subscriber fell behind: resync");
                        let resync = LiveEvent {
                            topic: topic.clone(),
                            list: None,
                            name: RESYNC.into(),
                            id: None,
                            data: serde_json::json!({ "missed": missed }),
                        };
                        return Some((Heard::new(resync), rx));
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        }
    })
}

async fn stream(
    state: AppState,
    headers: HeaderMap,
    peer: SocketAddr,
    kind: String,
    key: Option<String>,
) -> Response {
    let ip = crate::server::session::client_ip_of(&state.config, &headers, Some(peer));
    let Some(permit) = state.live.admit(&ip, state.config.live_streams_per_address) else {
        return AppError::RateLimited.into_response();
    };
    let source = state
        .domain::<super::topic::Topics>()
        .ok()
        .and_then(|topics| topics.source(&kind));
    let Some(source) = source else {
        return AppError::NotFound.into_response();
    };
    let last: Option<i64> = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    // Subscribe before reading the replay, so nothing falls between the two.
    let rx = state.live.subscribe();
    let open = source.open(&state, &headers, key.as_deref(), last);
    let opened = match key {
        Some(_) => state.limits.lookup(&ip, open).await,
        None => open.await,
    };
    let Opening {
        topic,
        replay,
        seen,
    } = match opened {
        Ok(opening) => opening,
        Err(e) => return e.into_response(),
    };
    let events = stream::iter(replay.into_iter().map(Heard::new))
        .chain(live(rx, topic, seen))
        .map(move |heard| {
            let _open = &permit;
            Ok::<_, Infallible>(heard.sse.clone())
        })
        .take_until(state.live.closed());
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// `GET /live/{kind}`: a list's events.
async fn list_stream(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    stream(state, headers, peer, kind, None).await
}

/// `GET /live/{kind}/{key}`: one subject's events.
async fn subject_stream(
    State(state): State<AppState>,
    Path((kind, key)): Path<(String, String)>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    stream(state, headers, peer, kind, Some(key)).await
}
