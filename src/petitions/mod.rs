//! Petitions and feedback: submit, track by code, handle in public, support,
//! and the public statistics.

pub mod api;
pub mod follows;
pub mod live;
pub mod model;
pub mod moderation;
pub mod photos;
pub mod routing;
pub mod stats;
pub mod supports;
pub mod ui;
pub mod views;
pub mod workflow;

#[cfg(feature = "ssr")]
pub mod bench_data;
#[cfg(feature = "ssr")]
pub mod categories;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod list_repo;
#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod resubmit;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod subject;
