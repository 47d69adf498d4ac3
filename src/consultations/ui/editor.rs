//! The officer's form: `/consultations/new` and `/consultations/:code/edit`.
//! The draft text is pasted as it is (plain text or Markdown) and split
//! into its parts, chapters, sections and articles on the server; a refused
//! field shows its message next to it and nothing is saved.

use crate::accounts::ui::signin::LocalityPicker;
use crate::consultations::api::{edit_fields, CreateConsultation, UpdateConsultation};
use crate::consultations::views::DraftFields;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, field_message, Field, FormError, TextArea};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/consultations/new`
#[component]
pub fn NewConsultationPage() -> impl IntoView {
    view! {
        <PageHeading key="consultations.new_title" />
        <Editor code=Signal::derive(String::new) />
    }
}

/// `/consultations/:code/edit`
#[component]
pub fn EditConsultationPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <PageHeading key="consultations.edit_title" />
        <Editor code=Signal::derive(move || params.read().get("code").unwrap_or_default()) />
    }
}

#[component]
fn Editor(code: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let fields = Resource::new(move || code.get(), edit_fields);
    view! {
        <Transition fallback=|| ()>
            {move || fields.get().map(|r| match r {
                Ok(f) => view! { <DraftForm f /> }.into_any(),
                Err(e) => {
                    crate::ui::page_status(&e);
                    view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn DraftForm(f: DraftFields) -> impl IntoView {
    let create = ServerAction::<CreateConsultation>::new();
    let update = ServerAction::<UpdateConsultation>::new();
    if f.code.is_empty() {
        let error = action_error(create);
        view! {
            <ActionForm action=create attr:class="form wide" attr:novalidate=true>
                <input type="hidden" name="form_key" value=crate::consultations::ui::editor::form_key() />
                <Fields f error />
            </ActionForm>
        }
        .into_any()
    } else {
        let error = action_error(update);
        view! {
            <ActionForm action=update attr:class="form wide" attr:novalidate=true>
                <input type="hidden" name="code" value=f.code.clone() />
                <Fields f error />
            </ActionForm>
        }
        .into_any()
    }
}

/// A one-time key for a form, so that sending it twice has one effect.
pub fn form_key() -> String {
    #[cfg(feature = "ssr")]
    return crate::server::session::new_token().0;
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[component]
fn Fields(f: DraftFields, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let agencies = Resource::new(|| (), |_| crate::accounts::api::agencies());
    let agency_error = field_message(error, "agency");
    let chosen = f.agency;
    let editing = !f.code.is_empty();
    view! {
        <FormError error />
        <Field label="consultations.title" name="title" value=f.title.clone() error />
        <TextArea label="consultations.summary" name="summary" value=f.summary.clone() rows=4 error />
        <Suspense fallback=|| ()>
            {move || agencies.get().map(|r| view! {
                <div class="field">
                    <label for="f-agency">{i18n.t("consultations.agency")}</label>
                    <select id="f-agency" name="agency" aria-describedby="f-agency-error"
                        aria-invalid=move || agency_error().is_some().then_some("true")>
                        <option value="">{i18n.t("consultations.choose")}</option>
                        {r.unwrap_or_default().into_iter().map(|a| view! {
                            <option value=a.id.to_string() selected=a.id == chosen>{a.name}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="f-agency-error" aria-live="polite">{agency_error}</p>
                </div>
            })}
        </Suspense>
        <LocalityPicker error selected=(f.locality > 0).then_some(f.locality) />
        <Field label="consultations.opens_at" name="opens_at" kind="datetime-local" value=f.opens_at.clone() hint="consultations.time_hint" error />
        <Field label="consultations.closes_at" name="closes_at" kind="datetime-local" value=f.closes_at.clone() error />
        <TextArea label="consultations.draft" name="draft" value=f.draft.clone() hint="consultations.draft_hint" rows=16 error />
        <button type="submit" class="primary">
            {i18n.t(if editing { "consultations.save" } else { "consultations.create" })}
        </button>
    }
}
