//! The sign-in state shared by the header and the pages.
//!
//! Only the user lives here: the actions that change who that is (sign in,
//! register, sign out, revoke, delete, profile) are created by the lazy pages
//! that use them, so their client code stays out of the first-load module.

use crate::accounts::api::current_user;
use crate::accounts::model::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user.
#[derive(Clone, Copy)]
pub struct Auth {
    user: Resource<Result<Option<UserView>, AppError>>,
    refresh: RwSignal<u64>,
}

impl Auth {
    /// `None` while loading; then the user, if signed in.
    pub fn user(&self) -> Option<Option<UserView>> {
        self.user.get().map(|r| r.ok().flatten())
    }

    /// Fetches the user again each time `version` (an action's version)
    /// changes, i.e. after the action completes. Call at the top of the page
    /// that owns the action; route changes refetch too, so a redirect that
    /// unmounts the page before this runs still updates the header.
    pub fn refresh_after(&self, version: RwSignal<usize>) {
        let refresh = self.refresh;
        Effect::watch(
            move || version.get(),
            move |_, _, _| refresh.update(|n| *n += 1),
            false,
        );
    }
}

/// Creates the user resource; call once, inside the router.
pub fn provide_auth() -> Auth {
    let refresh = RwSignal::new(0u64);
    let pathname = leptos_router::hooks::use_location().pathname;
    let user = Resource::new(move || (refresh.get(), pathname.get()), |_| current_user());
    let auth = Auth { user, refresh };
    provide_context(auth);
    auth
}

/// The [`Auth`] context.
pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
