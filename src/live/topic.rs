//! Topics: what a stream carries is the business of the domain that
//! registered its kind (`petitions`). When a client subscribes, the domain's
//! [`TopicSource`] checks that the reader may follow it (answering not found
//! or forbidden otherwise) and gives the events to replay after the client's
//! `Last-Event-ID`; when an event is published, the domain has already
//! decided who may hear it (its topic, and a list only if it is public).

use super::LiveEvent;
use crate::error::AppError;
use crate::server::state::AppState;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;

/// What a subscriber gets before live events.
pub struct Opening {
    /// The topic the stream follows.
    pub topic: String,
    /// Events to send first (missed steps after `Last-Event-ID`, the current count).
    pub replay: Vec<LiveEvent>,
    /// The newest event id the subscriber has (or gets in the replay): live
    /// events with an id at or below it are not sent twice.
    pub seen: Option<i64>,
}

/// A domain's topics of one kind.
pub trait TopicSource: Send + Sync + 'static {
    /// Opens the list topic (`key` none) or one subject's, for the request's
    /// reader (its session is in `headers`); `last` is the client's `Last-Event-ID`.
    fn open<'a>(
        &'a self,
        state: &'a AppState,
        headers: &'a http::HeaderMap,
        key: Option<&'a str>,
        last: Option<i64>,
    ) -> BoxFuture<'a, Result<Opening, AppError>>;
}

/// The domains' topic sources by the kind in their URL, kept in the state
/// by the shell (`AppState::domains`).
#[derive(Clone)]
pub struct Topics(Arc<HashMap<&'static str, Arc<dyn TopicSource>>>);

impl Topics {
    /// The sources the domains hand in.
    pub fn new(sources: Vec<(&'static str, Arc<dyn TopicSource>)>) -> Topics {
        Topics(Arc::new(sources.into_iter().collect()))
    }

    /// The domain that serves topics of `kind`.
    pub fn source(&self, kind: &str) -> Option<Arc<dyn TopicSource>> {
        self.0.get(kind).cloned()
    }
}
