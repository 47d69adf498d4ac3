//! The public statistics: counts by status and category, median times, satisfaction per agency; kept up to date in the background.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod snapshot;
pub mod ui;
