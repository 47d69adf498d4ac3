//! Petitions and feedback: submit, track by code, handle in public, support,
//! and the public statistics.

pub mod api;
pub mod model;
pub mod moderation_api;
pub mod moderation_model;
pub mod photos_api;
pub mod stats;
pub mod thresholds;
pub mod ui;
pub mod views;

#[cfg(feature = "ssr")]
pub mod answer;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod follows;
#[cfg(feature = "ssr")]
pub mod follows_repo;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod moderation_repo;
#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
pub mod photos_repo;
#[cfg(feature = "ssr")]
pub mod photos_store;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stats_repo;
#[cfg(feature = "ssr")]
pub mod supports;
#[cfg(feature = "ssr")]
pub mod timeline;
