//! Who is calling, and may they? Every server function starts here.

use super::model::{can, Action, Scope, UserView};
use super::service;
use crate::error::AppError;
use crate::server::session::{request_parts, request_token};
use crate::server::state::{app_state, AppState};

/// The signed-in caller: their session id and account.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The session making the request.
    pub session_id: i64,
    /// The account.
    pub user: UserView,
}

/// The caller, if signed in with a live session: read once per request,
/// however many server functions a page render calls.
pub async fn caller(state: &AppState) -> Result<Option<Caller>, AppError> {
    let parts = request_parts()?;
    let Some(token) = request_token(&state.config, &parts) else {
        return Ok(None);
    };
    let state = state.clone();
    crate::server::scope::once(|| async move {
        Ok(service::resume_session(&state, &token)
            .await?
            .map(|(session_id, user)| Caller { session_id, user }))
    })
    .await
}

/// The reader of a plain route (a file, a stream, an export) by the session
/// cookie in `headers`, if signed in with a live session.
pub async fn reader_of(
    state: &AppState,
    headers: &http::HeaderMap,
) -> Result<Option<UserView>, AppError> {
    let name = crate::server::session::cookie_name(&state.config);
    match crate::server::session::cookie_value(headers, name) {
        Some(token) if token.len() <= 64 => Ok(service::resume_session(state, &token)
            .await?
            .map(|(_, user)| user)),
        _ => Ok(None),
    }
}

/// The caller, who must be signed in and allowed to do `action`.
pub async fn require(action: Action) -> Result<(AppState, Caller), AppError> {
    let state = app_state()?;
    let caller = caller(&state).await?.ok_or(AppError::Unauthenticated)?;
    if !can(Some(&caller.user), action, Scope::Site) {
        return Err(AppError::Forbidden);
    }
    Ok((state, caller))
}
