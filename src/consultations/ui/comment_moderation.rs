//! The moderation controls of a comment: for its moderators (the
//! consultation's agency) the reports it has and the forms to hide it with
//! a reason or restore it; for other signed-in readers the form to report
//! it as abusive. Plain POST forms: they work without JavaScript.

use crate::consultations::api::{HideComment, ReportComment, RestoreComment};
use crate::consultations::views::CommentView;
use crate::i18n::use_i18n;
use crate::subjects::model::ReportReason;
use leptos::prelude::*;

/// The three moderation actions of a comment list.
#[derive(Clone, Copy)]
pub struct ModerationForms {
    /// Hide with a reason.
    pub hide: ServerAction<HideComment>,
    /// Restore.
    pub restore: ServerAction<RestoreComment>,
    /// Report as abusive.
    pub report: ServerAction<ReportComment>,
}

impl ModerationForms {
    /// New actions for a page.
    pub fn new() -> Self {
        ModerationForms {
            hide: ServerAction::new(),
            restore: ServerAction::new(),
            report: ServerAction::new(),
        }
    }
}

impl Default for ModerationForms {
    fn default() -> Self {
        Self::new()
    }
}

/// What a hidden comment shows in place of its text.
#[component]
pub fn HiddenNote(reason: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice hidden-comment">{i18n.t("consultations.comment_hidden_note")} " " {reason}</p>
    }
}

/// The controls of comment `c` for a reader who is `signed_in`.
#[component]
pub fn CommentModeration(c: CommentView, signed_in: bool, forms: ModerationForms) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.id.to_string();
    if c.can_moderate {
        let reports = c.reports;
        let control = match c.hidden {
            Some(_) => view! {
                <ActionForm action=forms.restore attr:class="inline">
                    <input type="hidden" name="comment" value=id.clone() />
                    <button type="submit">{i18n.t("moderation.restore_submit")}</button>
                </ActionForm>
            }
            .into_any(),
            None => {
                let field = format!("f-hide-{id}");
                view! {
                    <details class="moderate">
                        <summary>{i18n.t("moderation.hide")}</summary>
                        <ActionForm action=forms.hide attr:class="form">
                            <input type="hidden" name="comment" value=id.clone() />
                            <label for=field.clone()>{i18n.t("moderation.hide_reason")}</label>
                            <input id=field type="text" name="hide_reason" required maxlength="1000" />
                            <button type="submit">{i18n.t("moderation.hide_submit")}</button>
                        </ActionForm>
                    </details>
                }
                .into_any()
            }
        };
        return view! {
            <div class="moderation">
                {(reports > 0).then(|| view! {
                    <p class="meta reports">{reports} " " {move || i18n.plural("consultations.reports_n", reports)}</p>
                })}
                {control}
            </div>
        }
        .into_any();
    }
    if !signed_in || c.mine || c.hidden.is_some() {
        return ().into_any();
    }
    let (reason, note) = (format!("f-report-{id}"), format!("f-report-note-{id}"));
    view! {
        <details class="moderate">
            <summary>{i18n.t("moderation.report")}</summary>
            <ActionForm action=forms.report attr:class="form">
                <input type="hidden" name="comment" value=id />
                <label for=reason.clone()>{i18n.t("moderation.report_reason")}</label>
                <select id=reason name="report_reason" required>
                    <option value="">{i18n.t("consultations.choose")}</option>
                    {ReportReason::ALL.iter().map(|r| view! {
                        <option value=r.as_str()>{i18n.t(r.label_key())}</option>
                    }).collect_view()}
                </select>
                <label for=note.clone()>{i18n.t("moderation.report_comment")}</label>
                <input id=note type="text" name="report_comment" maxlength="1000" />
                <button type="submit">{i18n.t("moderation.report_submit")}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// The officer's queue of reported comments, on `/consultations/manage`:
/// each with its text, its reports and a link to it on its article, where
/// the moderator hides it or lets it stand.
#[component]
pub fn ReportedComments() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(|| (), |_| crate::consultations::api::reported_comments());
    view! {
        <Transition fallback=|| ()>
            {move || queue.get().and_then(|r| r.ok()).filter(|q| !q.is_empty()).map(|q| view! {
                <section aria-labelledby="reported-h" class="reported">
                    <h2 id="reported-h">{i18n.t("consultations.reported_title")}</h2>
                    <ul class="sessions">
                        {q.into_iter().map(|c| {
                            let reports = c.reports;
                            view! {
                                <li class="session">
                                    <p><strong>{c.title.clone()}</strong> " · " {i18n.t("consultations.article_short")} " " {c.article.clone()}</p>
                                    <blockquote>{c.body.clone()}</blockquote>
                                    <p class="meta">
                                        {c.author.clone()} " · " {reports} " " {move || i18n.plural("consultations.reports_n", reports)}
                                        " · " <time datetime=crate::ui::format::iso(c.first_reported_at)>{crate::ui::format::datetime(c.first_reported_at)}</time>
                                    </p>
                                    <p><a href=format!("/consultations/{}/dieu/{}#y-kien-{}", c.code, c.article, c.id)>
                                        {i18n.t("consultations.reported_open")}
                                    </a></p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Transition>
    }
}
