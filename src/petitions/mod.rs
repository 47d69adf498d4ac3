//! Petitions and feedback: submit, track by code, handle in public, support.

pub mod api;
pub mod model;
pub mod ui;
pub mod views;

#[cfg(feature = "ssr")]
pub mod answer;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
