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
    use super::{photos, photos_store::Attachment, service};
    use crate::accounts::{guard::require, model::Action};
    use crate::server::ratelimit::Bucket;
    let (state, c) = require(Action::SubmitPetition).await?;
    state.limits.check(Bucket::Submit, c.user.id)?;
    let (input, uploads) = photos::read_form(data, state.config.photo_max_bytes).await?;
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
