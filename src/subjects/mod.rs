//! Subjects: what the domains' mechanisms are keyed by. A subject is a kind
//! (a short stable string such as `petition`, later `consultation`,
//! `comment`, `poll`, `case`, `invoice`) and an id. For any subject this
//! module keeps a public timeline of steps ([`timeline`]), followers and
//! their inboxes ([`follows`], [`inbox`]) and moderation: hiding with a
//! reason, restoring, abuse reports and their queue ([`moderation`]).
//!
//! A platform module: it imports no domain. A domain says what its subjects
//! are called and how they are linked ([`inbox::Describer`]), renders the
//! e-mail of a step, and decides who may moderate (with `can`).

pub mod model;

#[cfg(feature = "ssr")]
pub mod follows;
#[cfg(feature = "ssr")]
pub mod inbox;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod timeline;

/// A subject: a kind and an id within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SubjectRef {
    /// The kind (a short stable string, `[a-z_]`, written into SQL text).
    pub kind: &'static str,
    /// The subject's id within its kind.
    pub id: i64,
}

impl SubjectRef {
    /// The subject `id` of `kind`.
    pub const fn new(kind: &'static str, id: i64) -> SubjectRef {
        SubjectRef { kind, id }
    }
}

/// Checks that a kind can be written into SQL text as a literal.
#[cfg(feature = "ssr")]
fn literal(kind: &'static str) -> &'static str {
    assert!(
        !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
        "a subject kind is [a-z_]+: {kind:?}"
    );
    kind
}
