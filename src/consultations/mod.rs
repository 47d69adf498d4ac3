//! Public consultation on drafts: agencies publish draft decrees and plans,
//! citizens comment on their articles and answer polls, and the agency
//! reports what it heard.

pub mod draft;
pub mod model;
