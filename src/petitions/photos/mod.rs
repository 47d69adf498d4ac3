//! Photos attached to a petition: checked, cleaned and stored on submit, served by the petition's read rights, swept when orphaned.

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod sweep;
pub mod ui;
