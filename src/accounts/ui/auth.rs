//! The sign-in state shared by the header and the pages.

use crate::accounts::api::{
    current_user, DeleteAccount, Register, RevokeSession, SignIn, SignOut, UpdateProfile,
};
use crate::accounts::model::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user and the actions that change who that is.
#[derive(Clone, Copy)]
pub struct Auth {
    user: Resource<Result<Option<UserView>, AppError>>,
    /// Sign in.
    pub sign_in: ServerAction<SignIn>,
    /// Register.
    pub register: ServerAction<Register>,
    /// Sign out.
    pub sign_out: ServerAction<SignOut>,
    /// Revoke a session (maybe this one).
    pub revoke: ServerAction<RevokeSession>,
    /// Delete the account.
    pub delete: ServerAction<DeleteAccount>,
    /// Update name and locality.
    pub profile: ServerAction<UpdateProfile>,
}

impl Auth {
    /// `None` while loading; then the user, if signed in.
    pub fn user(&self) -> Option<Option<UserView>> {
        self.user.get().map(|r| r.ok().flatten())
    }
}

/// Creates the actions and the user resource; call once, inside the router.
pub fn provide_auth() -> Auth {
    // <Routes> hands a no-JavaScript form's error (`?__path=…&__err=…`) to the
    // actions created below it; these are created above it, so do the same here.
    let query = leptos_router::hooks::use_query_map();
    query.with_untracked(|q| {
        if let (Some(path), Some(err)) = (q.get_str("__path"), q.get_str("__err")) {
            provide_context(leptos::server::ServerActionError::new(path, err));
        }
    });
    let sign_in = ServerAction::<SignIn>::new();
    let register = ServerAction::<Register>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let revoke = ServerAction::<RevokeSession>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let profile = ServerAction::<UpdateProfile>::new();
    let user = Resource::new(
        move || {
            (
                sign_in.version().get(),
                register.version().get(),
                sign_out.version().get(),
                revoke.version().get(),
                delete.version().get(),
                profile.version().get(),
            )
        },
        |_| current_user(),
    );
    let auth = Auth {
        user,
        sign_in,
        register,
        sign_out,
        revoke,
        delete,
        profile,
    };
    provide_context(auth);
    auth
}

/// The [`Auth`] context.
pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
