//! Supports: one per verified account, committed in groups, and the thresholds that oblige an answer or a hearing.

pub mod thresholds;
#[cfg(feature = "ssr")]
pub mod writer;
