//! An account's inbox: the steps of every subject it follows (petitions
//! now, consultations and counter cases next), newest first. The entries
//! are the platform's ([`crate::subjects::inbox`]); each subject's domain
//! describes its own through the describers the shell registered.

use crate::error::AppError;
use crate::subjects::model::InboxItem;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::guard::{caller, require},
    super::model::Action,
    crate::server::{db::now_ms, session, state::app_state},
    crate::subjects::inbox::{self, Describers},
};

/// The most recent inbox entries shown.
#[cfg(feature = "ssr")]
const INBOX_SIZE: i64 = 100;

/// The signed-in account's inbox, in the request's language.
#[server(endpoint = "inbox/list")]
pub async fn inbox_items() -> Result<Vec<InboxItem>, AppError> {
    let (state, c) = require(Action::Follow).await?;
    let locale = crate::i18n::request::from_request_parts(&session::request_parts()?);
    let describers = state.domain::<Describers>()?;
    Ok(inbox::items(&state.db.pool, describers, c.user.id, locale, INBOX_SIZE).await?)
}

/// How many inbox entries are unread (0 when signed out).
#[server(endpoint = "inbox/unread")]
pub async fn inbox_unread() -> Result<i64, AppError> {
    let state = app_state()?;
    match caller(&state).await? {
        Some(c) => Ok(inbox::unread_count(&state.db.pool, c.user.id).await?),
        None => Ok(0),
    }
}

/// Marks the whole inbox read.
#[server(endpoint = "inbox/read")]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    let (state, c) = require(Action::Follow).await?;
    inbox::mark_all_read(&state.db.pool, c.user.id, now_ms()).await?;
    Ok(())
}
