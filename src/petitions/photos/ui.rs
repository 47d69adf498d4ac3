//! Photos in the petition pages: the file field of the submit form and the
//! gallery on a petition's page.

use crate::error::AppError;
use crate::i18n::{translate, use_i18n};
use crate::petitions::views::PhotoView;
use crate::ui::form::field_message;
use leptos::prelude::*;

/// What the file picker offers (the server checks the content anyway).
const ACCEPT: &str = "image/jpeg,image/png,image/webp";

/// The `photos` file field (up to three), with its hint and its error.
#[component]
pub fn PhotoPicker(
    /// The error of the submit form.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = field_message(error, "photos");
    view! {
        <div class="field">
            <label for="f-photos">{i18n.t("photos.label")}</label>
            <p class="hint" id="f-photos-hint">{i18n.t("photos.hint")}</p>
            <input
                id="f-photos"
                name="photos"
                type="file"
                accept=ACCEPT
                multiple=true
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby="f-photos-hint f-photos-error"
            />
            <p class="field-error" id="f-photos-error" aria-live="polite">{message}</p>
        </div>
    }
}

/// A petition's photos, each at its own size (no layout shift), loaded as
/// the reader scrolls to them.
#[component]
pub fn PhotoGallery(photos: Vec<PhotoView>) -> impl IntoView {
    let i18n = use_i18n();
    let total = photos.len();
    (total > 0).then(|| {
        let items = photos
            .into_iter()
            .enumerate()
            .map(|(index, photo)| {
                let alt = move || {
                    translate(i18n.locale(), "photos.alt")
                        .replace("%{n}", &(index + 1).to_string())
                        .replace("%{total}", &total.to_string())
                };
                let href = photo.url.clone();
                view! {
                    <li>
                        <a href=href>
                            <img
                                src=photo.url
                                width=photo.width
                                height=photo.height
                                alt=alt
                                loading="lazy"
                                decoding="async"
                            />
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="photos" aria-labelledby="photos-h">
                <h2 id="photos-h">{i18n.t("photos.heading")}</h2>
                <ul class="photo-list">{items}</ul>
            </section>
        }
    })
}
