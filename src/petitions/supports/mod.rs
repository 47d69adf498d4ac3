//! Supports: one per verified account, committed in groups, and the thresholds that oblige an answer or a hearing.

#[cfg(feature = "ssr")]
pub mod repo;
pub mod thresholds;
#[cfg(feature = "ssr")]
pub mod writer;
