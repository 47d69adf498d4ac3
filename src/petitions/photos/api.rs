//! The submit form with photos: a multipart server function, so the same
//! form posts its files with JavaScript off and, once hydrated, without a
//! reload. (`petitions/submit` stays for clients that send no photos.)

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Submits a petition or feedback report with up to three photos; goes to
/// its page. The form's fields are those of `petitions/submit`, plus
/// `photos` (files).
#[server(endpoint = "petitions/submit_with_photos", input = MultipartFormData)]
pub async fn submit_with_photos(data: MultipartData) -> Result<(), AppError> {
    use super::{service as photos, store::Attachment};
    use crate::accounts::{guard::require, model::Action};
    use crate::petitions::service;
    use crate::server::ratelimit::Bucket;
    let (state, c) = require(Action::SubmitPetition).await?;
    state.limits.check(Bucket::Submit, c.user.id)?;
    let max_bytes = state
        .domain::<crate::petitions::config::PetitionConfig>()?
        .photo_max_bytes;
    let (input, uploads) = photos::read_form(data, max_bytes).await?;
    let mut attachment = Attachment::new(photos::prepare(uploads).await?);
    match service::submit_with_photos(&state, &c.user, input, &mut attachment).await {
        Ok(code) => {
            leptos_axum::redirect(&format!("/petitions/{code}?new=1"));
            Ok(())
        }
        Err(e) => {
            attachment.discard().await;
            Err(e)
        }
    }
}

/// The submit form's route: three photos' worth of body, multipart only,
/// and a form too large sent back to the form with the error.
#[cfg(feature = "ssr")]
pub fn mount(config: &crate::petitions::config::PetitionConfig) -> crate::server::mount::Mount {
    use leptos::server_fn::ServerFn;
    let mut mount = crate::server::mount::Mount::new(SubmitWithPhotos::PATH);
    mount.body_limit = config.photo_form_limit();
    mount.multipart = true;
    mount.too_large = Some(|req, limit| Box::pin(too_large::too_large_form(req, limit)));
    mount
}

#[cfg(feature = "ssr")]
mod too_large {
    use crate::error::AppError;
    use crate::server::body_limit::refuse;
    use axum::extract::Request;
    use axum::response::{IntoResponse, Response};
    use http::header::{ACCEPT, LOCATION};
    use http::StatusCode;

    /// Whether a browser posted the form itself (JavaScript off): it asks for
    /// a page, where a script's `fetch` asks for JSON.
    fn is_form_post(req: &Request) -> bool {
        req.headers()
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    }

    /// Answers a submit form too large for the server with the error next to
    /// the photos, in the user's language: a browser that posted it itself
    /// (JavaScript off) is sent back to the form, as a server function's error
    /// would be; a script or API client gets a JSON 413 with that field error.
    /// The body is read and dropped first (up to a bound), since a browser
    /// still sending it would not read the answer.
    pub(super) async fn too_large_form(req: Request, limit: usize) -> Response {
        use http_body_util::BodyExt;
        use leptos::server_fn::error::ServerFnUrlError;
        use leptos::server_fn::ServerFn;
        let form_post = is_form_post(&req);
        let mut body = req.into_body();
        let mut drained = 0usize;
        while drained <= 4 * limit {
            match body.frame().await {
                Some(Ok(frame)) => drained += frame.data_ref().map_or(0, |d| d.len()),
                _ => break,
            }
        }
        let error = AppError::invalid("photos", "photos.form_too_large");
        if !form_post {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, error);
        }
        let path = super::SubmitWithPhotos::PATH;
        let location = ServerFnUrlError::new(path, error)
            .to_url("http://form.invalid/petitions/new")
            .map(|url| {
                url.as_str()
                    .trim_start_matches("http://form.invalid")
                    .to_string()
            })
            .unwrap_or_else(|_| "/petitions/new".to_string());
        (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
    }
}
