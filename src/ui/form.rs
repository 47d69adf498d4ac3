//! Form building blocks: labelled fields with their error next to them, and
//! the form-level message. Errors come from a server action's value, so they
//! show the same with JavaScript on (instantly) or off (after the redirect).

use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The error of an action, if its last call failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// Whether the last call of an action succeeded.
pub fn action_ok<I, O>(action: ServerAction<I>) -> Signal<bool>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || matches!(action.value().get(), Some(Ok(_))))
}

/// The message of `error`, in the user's language, when it belongs to `field`.
pub fn field_message(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .filter(|e| e.field() == Some(field))
            .map(|e| i18n.tr(e.message_key()))
    }
}

/// A labelled input with its validation message.
#[component]
pub fn Field(
    /// Catalogue key of the label.
    label: &'static str,
    /// The input's name (and the error's field).
    name: &'static str,
    /// The error of the form's action.
    error: Signal<Option<AppError>>,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The autocomplete hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Initial value.
    #[prop(optional, into)]
    value: String,
    /// Catalogue key of a hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Whether the field is required.
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = field_message(error, name);
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{i18n.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{i18n.t(h)}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described
            />
            <p class="field-error" id=err_id aria-live="polite">{message}</p>
        </div>
    }
}

/// A labelled multi-line text input with its validation message.
#[component]
pub fn TextArea(
    /// Catalogue key of the label.
    label: &'static str,
    /// The textarea's name (and the error's field).
    name: &'static str,
    /// The error of the form's action.
    error: Signal<Option<AppError>>,
    /// Catalogue key of a hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Visible rows.
    #[prop(default = 4)]
    rows: u32,
    /// Initial text.
    #[prop(optional, into)]
    value: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = field_message(error, name);
    let described = match hint {
        Some(_) => format!("{hint_id} {err_id}"),
        None => err_id.clone(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{i18n.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{i18n.t(h)}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                aria-describedby=described
                aria-invalid=move || message().is_some().then_some("true")
            >{value}</textarea>
            <p class="field-error" id=err_id aria-live="polite">{message}</p>
        </div>
    }
}

/// The message of an error that belongs to no single field.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        error
            .get()
            .filter(|e| e.field().is_none())
            .map(|e| i18n.tr(e.message_key()))
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="form-error" role="alert">{message}</p>
        </Show>
    }
}

/// A polite success notice.
#[component]
pub fn Notice(#[prop(into)] show: Signal<bool>, message: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || show.get()>
            <p class="notice" role="status">{i18n.t(message)}</p>
        </Show>
    }
}
