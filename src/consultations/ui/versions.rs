//! Versions on a consultation's page: which version is shown and when it
//! was published, what changed in each article since the one before (words
//! taken out and put in), the articles taken out, and for its managers the
//! form that publishes a new version.

use crate::consultations::api::PublishVersion;
use crate::consultations::version_model::{ArticleChange, ChangeKind, Piece, VersionView};
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, field_message, FormError};
use crate::ui::format;
use leptos::prelude::*;

/// "Version 2, published …" (nothing for a first version).
#[component]
pub fn VersionNote(v: VersionView) -> impl IntoView {
    let i18n = use_i18n();
    (v.number > 1).then(|| {
        let n = v.number;
        view! {
            <p class="meta version-note">
                {move || i18n.tr("consultations.version_n").replace("%{n}", &n.to_string())}
                {v.published_at.map(|at| view! {
                    " · " {i18n.t("consultations.report_published_on")} " "
                    <time datetime=format::iso(at)>{format::datetime(at)}</time>
                })}
                " · " {v.changes.len()} " " {move || i18n.plural("consultations.articles_changed", v.changes.len() as i64)}
            </p>
        }
    })
}

/// The words of a diff: taken out struck through, put in underlined.
#[component]
fn Pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Same(s) => view! { <span>{s}</span> }.into_any(),
            Piece::Added(s) => view! { <ins>{s}</ins> }.into_any(),
            Piece::Removed(s) => view! { <del>{s}</del> }.into_any(),
        })
        .collect_view()
}

/// What changed in an article in this version, folded.
#[component]
pub fn ArticleDiff(change: ArticleChange, version: i64) -> impl IntoView {
    let i18n = use_i18n();
    let key = match change.kind {
        ChangeKind::Added => "consultations.article_added_in",
        _ => "consultations.article_changed_in",
    };
    view! {
        <details class="changes">
            <summary>{move || i18n.tr(key).replace("%{n}", &version.to_string())}</summary>
            <p class="diff">
                <span class="visually-hidden">{i18n.t("consultations.diff_hint")}</span>
                <Pieces pieces=change.pieces />
            </p>
        </details>
    }
}

/// The articles taken out in this version.
#[component]
pub fn RemovedArticles(v: VersionView) -> impl IntoView {
    let i18n = use_i18n();
    let removed: Vec<ArticleChange> = v
        .changes
        .into_iter()
        .filter(|c| c.kind == ChangeKind::Removed)
        .collect();
    (!removed.is_empty()).then(|| view! {
        <section class="removed" aria-labelledby="removed-h">
            <h2 id="removed-h">{i18n.t("consultations.articles_removed")}</h2>
            {removed.into_iter().map(|c| view! {
                <h3>{i18n.t("consultations.article")} " " {c.number.clone()} ". " {c.title.clone()}</h3>
                <p class="diff"><Pieces pieces=c.pieces /></p>
            }).collect_view()}
        </section>
    })
}

/// The managers' form for a new version: the current text to revise.
#[component]
pub fn NewVersionForm(code: String, source: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<PublishVersion>::new();
    let error = action_error(action);
    let message = field_message(error, "draft");
    view! {
        <section class="handle" aria-labelledby="version-h">
            <h2 id="version-h">{i18n.t("consultations.new_version")}</h2>
            <p class="hint" id="f-version-hint">{i18n.t("consultations.new_version_hint")}</p>
            <ActionForm action attr:class="form">
                <FormError error />
                <input type="hidden" name="code" value=code />
                <label for="f-version">{i18n.t("consultations.draft")}</label>
                <textarea id="f-version" name="draft" rows="12" required aria-describedby="f-version-hint f-version-error">{source}</textarea>
                <p class="field-error" id="f-version-error" aria-live="polite">{message}</p>
                <button type="submit">{i18n.t("consultations.new_version_submit")}</button>
            </ActionForm>
        </section>
    }
}
