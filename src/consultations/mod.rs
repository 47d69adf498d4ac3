//! Public consultation on drafts: agencies publish draft decrees and plans,
//! citizens comment on their articles and answer polls, and the agency
//! reports what it heard.

pub mod api;
pub mod draft;
pub mod live;
pub mod model;
pub mod opinion_model;
pub mod poll_model;
pub mod report_model;
pub mod ui;
pub mod version_model;
pub mod views;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod closing;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod follows;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod opinions;
#[cfg(feature = "ssr")]
pub mod opinions_repo;
#[cfg(feature = "ssr")]
pub mod polls;
#[cfg(feature = "ssr")]
pub mod polls_repo;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod report_repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod subject;
#[cfg(feature = "ssr")]
pub mod talk;
#[cfg(feature = "ssr")]
pub mod talk_repo;
#[cfg(feature = "ssr")]
pub mod versions;
#[cfg(feature = "ssr")]
pub mod writers;
