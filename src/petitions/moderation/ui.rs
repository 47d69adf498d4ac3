//! Moderation on a petition's page (the hidden and duplicate notices, the
//! moderators' hide / restore / duplicate forms, the citizens' report form)
//! and the moderation queue page, `/officer/moderation`.

use crate::i18n::use_i18n;
use crate::petitions::moderation::api::{
    moderation_queue, DismissReports, HidePetition, MarkDuplicate, ReportPetition, RestorePetition,
};
use crate::petitions::moderation::model::{ModerationView, ReportReason, ReportedPetition};
use crate::ui::form::{action_error, field_message, Field, FormError, TextArea};
use crate::ui::format;
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

/// The moderation actions of a petition's page; its data reloads when any
/// of them completes.
#[derive(Clone, Copy)]
pub struct ModerationActions {
    hide: ServerAction<HidePetition>,
    restore: ServerAction<RestorePetition>,
    duplicate: ServerAction<MarkDuplicate>,
    report: ServerAction<ReportPetition>,
}

impl ModerationActions {
    /// Creates the actions (at the top of the page component).
    pub fn new() -> Self {
        ModerationActions {
            hide: ServerAction::new(),
            restore: ServerAction::new(),
            duplicate: ServerAction::new(),
            report: ServerAction::new(),
        }
    }

    /// Changes whenever one of the actions completes.
    pub fn version(self) -> usize {
        self.hide.version().get()
            + self.restore.version().get()
            + self.duplicate.version().get()
            + self.report.version().get()
    }
}

impl Default for ModerationActions {
    fn default() -> Self {
        Self::new()
    }
}

/// "Hidden by a moderator" with the reason, and "Duplicate of <link>".
#[component]
pub fn ModerationNotices(m: ModerationView) -> impl IntoView {
    let i18n = use_i18n();
    let hidden = m.hidden.clone().map(|h| {
        let key = if m.withheld {
            "moderation.hidden_notice"
        } else if m.can_moderate {
            "moderation.hidden_notice_moderator"
        } else {
            "moderation.hidden_notice_own"
        };
        view! {
            <div class="notice moderation-hidden" role="note">
                <p><strong>{i18n.t(key)}</strong></p>
                <p>{i18n.t("moderation.reason")} ": " {h.reason}</p>
            </div>
        }
    });
    let duplicate = m.duplicate_of.clone().map(|code| {
        let href = format!("/petitions/{code}");
        view! {
            <p class="notice duplicate-of">
                {i18n.t("moderation.duplicate_of")} " " <A href=href><span class="code">{code}</span></A>
            </p>
        }
    });
    view! { {hidden} {duplicate} }
}

/// The moderators' forms and the citizens' report form, as the reader may use them.
#[component]
pub fn ModerationPanel(
    code: String,
    m: ModerationView,
    actions: ModerationActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let moderator = m.can_moderate.then(|| {
        let hide_or_restore = if m.hidden.is_some() {
            view! { <RestoreForm code=code.clone() action=actions.restore /> }.into_any()
        } else {
            view! { <HideForm code=code.clone() action=actions.hide /> }.into_any()
        };
        view! {
            <section aria-labelledby="moderation-h" class="handle moderation">
                <h2 id="moderation-h">{i18n.t("moderation.panel")}</h2>
                <p class="hint">{i18n.t("moderation.open_reports")} ": " <strong>{m.open_reports}</strong></p>
                {hide_or_restore}
                {m.can_mark_duplicate.then(|| view! { <DuplicateForm code=code.clone() action=actions.duplicate /> })}
            </section>
        }
    });
    let report_error = action_error(actions.report);
    let report = (m.can_report || m.reported).then(|| {
        let body = if m.reported {
            view! { <p class="notice" role="status">{i18n.t("moderation.reported")}</p> }.into_any()
        } else {
            view! { <ReportForm code=code.clone() action=actions.report /> }.into_any()
        };
        view! {
            <section aria-labelledby="report-h" class="report">
                <h2 id="report-h">{i18n.t("moderation.report")}</h2>
                <FormError error=report_error />
                {body}
            </section>
        }
    });
    view! { {moderator} {report} }
}

#[component]
fn HideForm(code: String, action: ServerAction<HidePetition>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <h3>{i18n.t("moderation.hide")}</h3>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormError error />
            <input type="hidden" name="code" value=code />
            <TextArea label="moderation.hide_reason" name="hide_reason" hint="moderation.hide_hint" error />
            <button type="submit" class="danger">{i18n.t("moderation.hide_submit")}</button>
        </ActionForm>
    }
}

#[component]
fn RestoreForm(code: String, action: ServerAction<RestorePetition>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <h3>{i18n.t("moderation.restore")}</h3>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormError error />
            <input type="hidden" name="code" value=code />
            <TextArea label="moderation.restore_note" name="restore_note" error />
            <button type="submit">{i18n.t("moderation.restore_submit")}</button>
        </ActionForm>
    }
}

#[component]
fn DuplicateForm(code: String, action: ServerAction<MarkDuplicate>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <h3>{i18n.t("moderation.duplicate")}</h3>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormError error />
            <input type="hidden" name="code" value=code />
            <Field label="moderation.original" name="original" hint="moderation.original_hint" error />
            <button type="submit">{i18n.t("moderation.duplicate_submit")}</button>
        </ActionForm>
    }
}

#[component]
fn ReportForm(code: String, action: ServerAction<ReportPetition>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let reason_error = field_message(error, "report_reason");
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="code" value=code />
            <div class="field">
                <label for="f-report_reason">{i18n.t("moderation.report_reason")}</label>
                <select
                    id="f-report_reason"
                    name="report_reason"
                    aria-describedby="f-report_reason-error"
                    aria-invalid=move || reason_error().is_some().then_some("true")
                >
                    <option value="">{i18n.t("moderation.report_choose")}</option>
                    {ReportReason::ALL.iter().map(|r| view! {
                        <option value=r.as_str()>{i18n.t(r.label_key())}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="f-report_reason-error" aria-live="polite">{reason_error}</p>
            </div>
            <TextArea label="moderation.report_comment" name="report_comment" rows=2 error />
            <button type="submit">{i18n.t("moderation.report_submit")}</button>
        </ActionForm>
    }
}

/// `/officer/moderation`: petitions reported often enough to review.
#[component]
pub fn ModerationQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let hide = ServerAction::<HidePetition>::new();
    let dismiss = ServerAction::<DismissReports>::new();
    let queue = Resource::new(
        move || (hide.version().get(), dismiss.version().get()),
        |_| moderation_queue(),
    );
    let hide_error = action_error(hide);
    let dismiss_error = action_error(dismiss);
    // One message for the whole page: the forms of every petition share the actions.
    let message = move || {
        hide_error
            .get()
            .or_else(|| dismiss_error.get())
            .map(|e| i18n.tr(e.message_key()))
    };
    view! {
        <PageHeading key="moderation.queue_title" />
        <p>{i18n.t("moderation.queue_lead")}</p>
        <Show when=move || message().is_some()>
            <p class="form-error" role="alert">{message}</p>
        </Show>
        <Transition fallback=|| ()>
            {move || queue.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{i18n.t("moderation.queue_empty")}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="petition-list moderation-queue">
                        {list.into_iter().map(|p| view! { <ReportedCard p hide dismiss /> }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ReportedCard(
    p: ReportedPetition,
    hide: ServerAction<HidePetition>,
    dismiss: ServerAction<DismissReports>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/petitions/{}", p.code);
    let field = format!("f-hide-{}", p.code);
    let (code_hide, code_dismiss) = (p.code.clone(), p.code.clone());
    let reasons = p
        .reasons
        .iter()
        .map(|rc| {
            let (key, n) = (rc.reason.label_key(), rc.count);
            view! { <li>{i18n.t(key)} " × " {n}</li> }
        })
        .collect_view();
    let comments = (!p.comments.is_empty()).then(|| {
        view! {
            <p class="meta">{i18n.t("moderation.comments")} ":"</p>
            <ul class="comments">
                {p.comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <li class="petition-card reported" data-key=p.code.clone()>
            <h2><A href=href>{p.title.clone()}</A></h2>
            <p class="meta">
                <span class="code">{p.code.clone()}</span>
                " · " <strong>{p.reports}</strong> " " {i18n.t("moderation.reports")}
                " · " {i18n.t("moderation.first_reported")} " "
                <time datetime=format::iso(p.first_reported_at)>{format::datetime(p.first_reported_at)}</time>
            </p>
            <ul class="reasons">{reasons}</ul>
            {comments}
            <ActionForm action=hide attr:class="form">
                <input type="hidden" name="code" value=code_hide />
                <div class="field">
                    <label for=field.clone()>{i18n.t("moderation.hide_reason")}</label>
                    <textarea id=field name="hide_reason" rows="2"></textarea>
                </div>
                <button type="submit" class="danger">{i18n.t("moderation.hide_submit")}</button>
            </ActionForm>
            <ActionForm action=dismiss attr:class="inline">
                <input type="hidden" name="code" value=code_dismiss />
                <button type="submit">{i18n.t("moderation.dismiss")}</button>
            </ActionForm>
        </li>
    }
}
