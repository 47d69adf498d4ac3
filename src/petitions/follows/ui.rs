//! The words of a petition's follow controls (the controls are the
//! platform's [`crate::ui::follow::FollowForm`]).

use crate::ui::follow::FollowWords;

/// How a petition's follow controls name it.
pub const WORDS: FollowWords = FollowWords {
    follow: "follows.follow",
    following_email: "follows.following_email",
    following_inbox: "follows.following_inbox",
};
