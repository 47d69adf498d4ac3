//! On a petition's page, for the officer handling it: hand it to another
//! agency, with the agency routing suggests preselected and marked.

use crate::i18n::use_i18n;
use crate::petitions::routing::api::{AssignOptions, ReassignPetition};
use crate::ui::form::{action_error, field_message, FormError, TextArea};
use leptos::prelude::*;

/// The reassign form.
#[component]
pub fn AssignForm(
    code: String,
    options: AssignOptions,
    action: ServerAction<ReassignPetition>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let agency_error = field_message(error, "agency");
    let suggested = options.suggested;
    let suggested_name = options
        .agencies
        .iter()
        .find(|a| Some(a.id) == suggested)
        .map(|a| a.name.clone());
    view! {
        <section aria-labelledby="assign-h" class="handle">
            <h2 id="assign-h">{i18n.t("routing.assign")}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="code" value=code />
                <div class="field">
                    <label for="f-agency">{i18n.t("routing.agency")}</label>
                    {suggested_name.map(|name| view! {
                        <p class="hint" id="f-agency-hint">
                            {i18n.t("routing.suggested_hint")} " " <strong class="suggested">{name}</strong>
                        </p>
                    })}
                    <select id="f-agency" name="agency"
                        aria-describedby=if suggested.is_some() { "f-agency-hint f-agency-error" } else { "f-agency-error" }
                        aria-invalid=move || agency_error().is_some().then_some("true")>
                        {suggested.is_none().then(|| view! { <option value="">{i18n.t("petitions.choose")}</option> })}
                        {options.agencies.into_iter().map(|a| {
                            let is_suggested = Some(a.id) == suggested;
                            view! {
                                <option value=a.id.to_string() selected=is_suggested>
                                    {a.name}
                                    {is_suggested.then(|| view! { " (" {i18n.t("routing.suggested")} ")" })}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="f-agency-error" aria-live="polite">{agency_error}</p>
                </div>
                <TextArea label="routing.note" name="assign_note" hint="routing.note_hint" error />
                <button type="submit">{i18n.t("routing.assign_submit")}</button>
            </ActionForm>
        </section>
    }
}
