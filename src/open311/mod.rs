//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>): services are
//! petition categories, requests are public petitions; clients file requests
//! with an API key their account issues on the account page. Every resource
//! answers JSON (`….json`) or XML (`….xml`).

pub mod api;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod filters;
#[cfg(feature = "ssr")]
pub mod format;
#[cfg(feature = "ssr")]
pub mod keys;
#[cfg(feature = "ssr")]
pub mod protocol;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod requests;
#[cfg(feature = "ssr")]
pub mod routes;
