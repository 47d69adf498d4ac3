//! Routing: which agency handles a new petition (rules by category and locality), and handing a petition to another agency.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
