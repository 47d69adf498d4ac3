//! The design system: page layout, form fields and messages, formatting.

pub mod follow;
pub mod form;
pub mod format;
pub mod layout;
pub mod live_count;
pub mod router_script;

use crate::error::AppError;

/// Gives the page being rendered the HTTP status of the error it shows
/// instead of its content: a page for an unknown tracking code answers 404,
/// not 200. Errors shown next to a field keep the page's 200.
pub fn page_status(err: &AppError) {
    #[cfg(feature = "ssr")]
    if matches!(
        err,
        AppError::NotFound | AppError::Forbidden | AppError::RateLimited
    ) {
        if let (Some(res), Ok(status)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(err.status()),
        ) {
            res.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = err;
}
