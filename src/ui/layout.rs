//! Parts of every page: its heading, title and description. (The header and
//! footer, which link to every domain, are the shell's: `app.rs`.)

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A page's `<h1>`, also used as the document title and, with the site's
/// tagline, as its description.
#[component]
pub fn PageHeading(key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.late(key);
    view! {
        <PageMeta title=title.clone() description=format!("{title} — {}", i18n.late("nav.footer")) />
        <h1>{i18n.t(key)}</h1>
    }
}

/// The document title and meta description of a page. Both may hold user
/// text (a petition's title): the shell escapes the title, and the
/// description is an attribute, escaped as every attribute is.
#[component]
pub fn PageMeta(title: String, description: String) -> impl IntoView {
    let description: String = description.chars().take(160).collect();
    view! {
        <leptos_meta::Title text=title />
        <leptos_meta::Meta name="description" content=description />
    }
}
