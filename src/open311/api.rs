//! Open311 API-key server functions for the account page.

use super::model::ApiKeyView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::keys, crate::accounts::guard::require, crate::accounts::model::Action,
    crate::server::session::request_parts,
};

/// The caller's active Open311 API keys.
#[server(endpoint = "open311/keys")]
pub async fn api_keys() -> Result<Vec<ApiKeyView>, AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    keys::list(&state, &c.user).await
}

/// Issues an Open311 API key; the page shows it once ([`new_api_key`]).
#[server(endpoint = "open311/issue_key")]
pub async fn issue_api_key(label: String) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    keys::issue(&state, &c.user, &label).await?;
    Ok(())
}

/// The key just issued to this browser, once; `None` afterwards.
#[server(endpoint = "open311/new_key")]
pub async fn new_api_key() -> Result<Option<String>, AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    keys::take_fresh(&state, &c.user, &request_parts()?).await
}

/// Revokes one of the caller's API keys: clients using it are refused from now on.
#[server(endpoint = "open311/revoke_key")]
pub async fn revoke_api_key(id: i64) -> Result<(), AppError> {
    let (state, c) = require(Action::ManageOwnAccount).await?;
    keys::revoke(&state, &c.user, id).await
}
