//! The officers' workflow: the timeline every step is written to, the petitioner's response to an answer, and the officers' queue.

#[cfg(feature = "ssr")]
pub mod answer;
#[cfg(feature = "ssr")]
pub mod timeline;
pub mod ui;
