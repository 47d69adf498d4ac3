//! The sign-in state shared by the header and the pages.
//!
//! Pages are rendered on the server for each request, so the user is read
//! once per page.

use crate::accounts::api::current_user;
use crate::accounts::model::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user.
#[derive(Clone, Copy)]
pub struct Auth {
    user: Resource<Result<Option<UserView>, AppError>>,
}

impl Auth {
    /// `None` while loading; then the user, if signed in.
    pub fn user(&self) -> Option<Option<UserView>> {
        self.user.get().map(|r| r.ok().flatten())
    }
}

/// Creates the user resource; call once, inside the router.
pub fn provide_auth() -> Auth {
    let user = Resource::new(|| (), |_| current_user());
    let auth = Auth { user };
    provide_context(auth);
    auth
}

/// The [`Auth`] context.
pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
