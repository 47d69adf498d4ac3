//! Accounts and roles: registration, sign-in, sessions, the account page,
//! password reset, e-mail verification, deletion, and the one permission
//! check `can()`.

pub mod api;
pub mod inbox;
pub mod model;
pub mod permissions;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod directory;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_repo;
#[cfg(feature = "ssr")]
pub mod verify;
#[cfg(feature = "ssr")]
pub mod verify_repo;
