//! Consultation pages: the public list, a consultation's page with its
//! table of contents and articles, an article's comments, the polls with
//! their charts, and the officer's form and workspace.

pub mod article;
pub mod comment_moderation;
pub mod editor;
pub mod list;
pub mod opinions;
pub mod page;
pub mod poll;
pub mod report;
pub mod versions;

use super::model::{Phase, Status, TimeLeft};
use super::views::ConsultationSummary;
use crate::i18n::use_i18n;
use crate::ui::format;
use leptos::prelude::*;
use leptos_router::components::A;

/// Where a consultation stands: its phase and the time left until it opens
/// or closes (the close date once closed).
#[component]
pub fn TimeLeftText(c: ConsultationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let (prefix, target) = match c.phase {
        Phase::Upcoming => ("consultations.opens_in", c.opens_at),
        Phase::Open => ("consultations.closes_in", c.closes_at),
        Phase::Closed => ("consultations.closed_on", c.closes_at),
    };
    let left = (c.phase != Phase::Closed).then(|| TimeLeft::of(target - c.now).parts());
    view! {
        <span class=format!("status phase-{}", c.phase.as_str())>{i18n.t(c.phase.label_key())}</span>
        " · " {i18n.t(prefix)} " "
        {match left {
            Some((n, unit)) => view! { <strong>{n} " " {move || i18n.plural(unit, n)}</strong> }.into_any(),
            None => view! { <time datetime=format::iso(target)>{format::datetime(target)}</time> }.into_any(),
        }}
    }
}

/// A consultation in a list.
#[component]
pub fn ConsultationCard(c: ConsultationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/consultations/{}", c.code);
    let comments = c.comments;
    let draft = c.status == Status::Draft;
    let (key, title, agency, locality, summary) = (
        c.code.clone(),
        c.title.clone(),
        c.agency.clone(),
        c.locality.clone(),
        c.summary.clone(),
    );
    view! {
        <li class="petition-card" data-key=key>
            <h3><A href=href>{title}</A></h3>
            <p class="meta">
                {draft.then(|| view! {
                    <span class="status status-rejected">{i18n.t("consultations.status_draft")}</span> " · "
                })}
                <TimeLeftText c />
            </p>
            <p class="meta">{agency} " · " {locality} " · " {comments} " " {move || i18n.plural("consultations.comments_n", comments)}</p>
            <p>{summary}</p>
        </li>
    }
}
