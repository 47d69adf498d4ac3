//! A number that live events keep current without fetching the page again:
//! the count and its plural-aware label, both marked with the count's key.
//! An event whose data names the key in `counts` (see `crate::live`) sets
//! the number and picks the label's form in the browser (`Intl.PluralRules`).

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// `n` and its label (`label` is a plural message key), kept current by the
/// events that carry `counts[key]`. `strong` sets the number in bold.
#[component]
pub fn LiveCount(
    key: String,
    n: i64,
    label: &'static str,
    #[prop(optional)] strong: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = if strong {
        view! { <strong data-count=key.clone()>{n}</strong> }.into_any()
    } else {
        view! { <span data-count=key.clone()>{n}</span> }.into_any()
    };
    view! {
        {number}
        " "
        <span
            data-plural=key
            data-one=i18n.plural(label, 1)
            data-other=i18n.plural(label, 0)
        >
            {i18n.plural(label, n)}
        </span>
    }
}
