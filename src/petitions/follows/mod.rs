//! Following a petition: each new step lands in the follower's inbox and mailbox.

#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
