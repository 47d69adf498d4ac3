//! `/petitions/new`: submit a petition or feedback report.

use crate::accounts::ui::auth::use_auth;
use crate::accounts::ui::signin::LocalityPicker;
use crate::i18n::use_i18n;
use crate::petitions::api::{categories, SubmitPetition};
use crate::ui::form::{action_error, field_message, Field, FormError, TextArea};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
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

#[component]
fn SubmitForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SubmitPetition>::new();
    let error = action_error(action);
    let cats = OnceResource::new(categories());
    let field_error = move |field: &'static str| field_message(error, field);
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
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
            <button type="submit" class="primary">{i18n.t("petitions.submit")}</button>
        </ActionForm>
    }
}
