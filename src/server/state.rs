//! The state every request handler and server function can reach.

use super::config::Config;
use super::db::Db;
use super::ratelimit::RateLimits;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Configuration read at start.
    pub config: Arc<Config>,
    /// Leptos' site options (output name, site root).
    pub leptos: LeptosOptions,
    /// Rate limiters.
    pub limits: Arc<RateLimits>,
    /// Wakes the mail sender when a message is queued.
    pub mail_wakeup: Arc<tokio::sync::Notify>,
    /// Pages kept for visitors who are not signed in.
    pub pages: Arc<super::page_cache::PageCache>,
    /// Live updates (Server-Sent Events).
    pub live: Arc<crate::live::hub::Hub>,
    /// What each domain keeps for the life of the server (its settings, its
    /// writer tasks), by type: the platform knows no domain.
    pub domains: Arc<http::Extensions>,
    /// What each route needs, as its domain declared it.
    pub mounts: Arc<Vec<super::mount::Mount>>,
}

impl AppState {
    /// What a domain keeps in the state (put there by the shell at start).
    pub fn domain<T: Send + Sync + Clone + 'static>(&self) -> Result<&T, crate::error::AppError> {
        self.domains.get::<T>().ok_or_else(|| {
            crate::error::AppError::internal(format!(
                "{} missing from the state",
                std::any::type_name::<T>()
            ))
        })
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// The state, inside a server function or a component rendering on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    use_context::<AppState>().ok_or_else(|| crate::error::AppError::internal("AppState missing"))
}
