//! Server-only infrastructure: configuration, database, sessions, security,
//! rate limits, mail, metrics, the HTTP router and the command line.

pub mod body_limit;
pub mod coding;
pub mod config;
pub mod csp;
pub mod csv;
pub mod db;
pub mod filter;
pub mod group_commit;
pub mod http;
pub mod kept;
pub mod listen;
pub mod mail;
pub mod mount;
pub mod observe;
pub mod page_cache;
pub mod ratelimit;
pub mod scope;
pub mod security;
pub mod session;
pub mod state;
