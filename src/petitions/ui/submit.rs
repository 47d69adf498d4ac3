//! `/petitions/new`: submit a petition or feedback report.

use crate::accounts::ui::auth::use_auth;
use crate::accounts::ui::signin::LocalityPicker;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::petitions::api::categories;
use crate::petitions::photos::api::SubmitWithPhotos;
use crate::petitions::photos::ui::PhotoPicker;
use crate::ui::form::{field_message, Field, FormError, TextArea};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// `/petitions/new`
#[component]
pub fn NewPetitionPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <PageHeading key="petitions.new_title" />
        <Transition fallback=|| ()>
            {move || auth.user().map(|user| match user {
                Some(_) => view! { <SubmitForm /> }.into_any(),
                None => view! {
                    <p class="notice" role="status">
                        {i18n.t("petitions.sign_in_to_submit")} " " <A href="/signin">{i18n.t("nav.sign_in")}</A>
                    </p>
                }.into_any(),
            })}
        </Transition>
    }
}

/// The error of a submission made with JavaScript off, which the server
/// put in the page's URL (`?__path=…&__err=…`) when it sent the form back.
fn returned_error() -> Option<AppError> {
    use leptos::server_fn::error::ServerFnUrlError;
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == SubmitWithPhotos::PATH)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// A multipart form (it carries photos): posted as is with JavaScript off;
/// once hydrated, sent by `fetch` and the answer shown without a reload.
#[component]
fn SubmitForm() -> impl IntoView {
    let i18n = use_i18n();
    let last_error = RwSignal::new(returned_error());
    let pending = RwSignal::new(false);
    let error: Signal<Option<AppError>> = last_error.into();
    let cats = Resource::new(|| (), |_| categories());
    let field_error = move |field: &'static str| field_message(error, field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            let form = event_target::<web_sys::HtmlFormElement>(&ev);
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            pending.set(true);
            leptos::task::spawn_local(async move {
                // On success the server function's redirect opens the petition.
                let result = crate::petitions::photos::api::submit_with_photos(data.into()).await;
                last_error.set(result.err());
                pending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, last_error);
    };
    view! {
        <form method="post" action=SubmitWithPhotos::PATH enctype="multipart/form-data"
            class="form" novalidate=true on:submit=on_submit aria-busy=move || pending.get().then_some("true")>
            <FormError error />
            <fieldset>
                <legend>{i18n.t("petitions.kind")}</legend>
                <label class="choice"><input type="radio" name="kind" value="petition" checked=true /> {i18n.t("petitions.kind_petition")}</label>
                <label class="choice"><input type="radio" name="kind" value="feedback" /> {i18n.t("petitions.kind_feedback")}</label>
            </fieldset>
            <Field label="petitions.title" name="title" hint="petitions.title_hint" error />
            <TextArea label="petitions.body" name="body" hint="petitions.body_hint" rows=8 error />
            <Suspense fallback=|| ()>
                {move || cats.get().map(|r| {
                    let items = r.unwrap_or_default().into_iter().map(|c| view! {
                        <option value=c.id.to_string()>{move || c.names.get(i18n.locale()).to_string()}</option>
                    }).collect_view();
                    view! {
                        <div class="field">
                            <label for="f-category">{i18n.t("petitions.category")}</label>
                            <select id="f-category" name="category" aria-describedby="f-category-error"
                                aria-invalid=move || field_error("category")().is_some().then_some("true")>
                                <option value="">{i18n.t("petitions.choose")}</option>
                                {items}
                            </select>
                            <p class="field-error" id="f-category-error" aria-live="polite">{field_error("category")}</p>
                        </div>
                    }
                })}
            </Suspense>
            <LocalityPicker error selected=None />
            <fieldset>
                <legend>{i18n.t("petitions.visibility")}</legend>
                <label class="choice"><input type="radio" name="visibility" value="public" checked=true /> {i18n.t("petitions.visibility_public")}</label>
                <label class="choice"><input type="radio" name="visibility" value="private" /> {i18n.t("petitions.visibility_private")}</label>
            </fieldset>
            <label class="choice"><input type="checkbox" name="show_name" value="on" /> {i18n.t("petitions.show_name")}</label>
            <PhotoPicker error />
            <button type="submit" class="primary" disabled=move || pending.get()>{i18n.t("petitions.submit")}</button>
        </form>
    }
}
