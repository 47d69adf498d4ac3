//! Moderation of petitions: hide and restore with a reason, duplicates, abuse reports and the moderators' queue.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
