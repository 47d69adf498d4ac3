//! The design system: page layout, form fields and messages, formatting.

pub mod form;
pub mod format;
pub mod layout;
pub mod router_script;
