//! Routing's wire types: agencies for pickers and filters, what a petition
//! may be reassigned to, and the officers' queue filters.

pub use crate::accounts::model::AgencyOption;
use serde::{Deserialize, Serialize};

/// What the officer handling a petition may reassign it to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignOptions {
    /// Every agency but the one handling it now.
    pub agencies: Vec<AgencyOption>,
    /// The one routing suggests (by category and locality), if any.
    pub suggested: Option<i64>,
}

/// Filters of the officers' queue (empty strings mean "any").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct QueueFilter {
    /// A status name.
    pub status: String,
    /// A category code.
    pub category: String,
    /// A locality id: it and everything within it.
    pub locality: String,
    /// An agency id (admins only; officers see their own agency's queue).
    pub agency: String,
}
