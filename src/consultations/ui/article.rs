//! `/consultations/:code/dieu/:number`: one article with its comments,
//! ranked by how broadly they are agreed with, the forms to comment and
//! reply (one level), and the agree / disagree / pass buttons on others'
//! comments. Every form is a plain POST: it works without JavaScript.

use super::comment_moderation::{CommentModeration, HiddenNote, ModerationForms};
use super::page::{anchor, load, ArticleBody};
use super::TimeLeftText;
use crate::consultations::api::{CommentOnArticle, MarkComment};
use crate::consultations::draft::Article;
use crate::consultations::live;
use crate::consultations::model::Phase;
use crate::consultations::poll_model::Mark;
use crate::consultations::views::{CommentView, ConsultationDetail, COMMENT_MAX};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::live::client::LiveRefresh;
use crate::ui::form::{action_error, field_message, FormError};
use crate::ui::format;
use crate::ui::layout::{PageHeading, PageMeta};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/consultations/:code/dieu/:number`
#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let detail = load(Signal::derive(move || {
        params.read().get("code").unwrap_or_default()
    }));
    let number = move || params.read().get("number").unwrap_or_default();
    view! {
        <Transition fallback=|| ()>
            {move || detail.get().map(|r| {
                let found = r.and_then(|d| {
                    let a = d.articles().find(|a| a.number == number()).cloned();
                    a.map(|a| (d, a)).ok_or(AppError::NotFound)
                });
                match found {
                    Ok((d, a)) => view! { <ArticleView d a /> }.into_any(),
                    Err(e) => {
                        crate::ui::page_status(&e);
                        view! {
                            <PageHeading key="error.not_found_title" />
                            <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p>
                            <p><A href="/consultations">{i18n.t("consultations.back_to_list")}</A></p>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct Forms {
    comment: ServerAction<CommentOnArticle>,
    mark: ServerAction<MarkComment>,
    moderation: ModerationForms,
    open: bool,
    signed_in: bool,
}

#[component]
fn ArticleView(d: ConsultationDetail, a: Article) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.summary.clone();
    let forms = Forms {
        comment: ServerAction::<CommentOnArticle>::new(),
        mark: ServerAction::<MarkComment>::new(),
        moderation: ModerationForms::new(),
        open: s.phase == Phase::Open && s.status == crate::consultations::model::Status::Published,
        signed_in: d.signed_in,
    };
    let comment_error = action_error(forms.comment);
    let mark_error = action_error(forms.mark);
    let hide_error = action_error(forms.moderation.hide);
    let restore_error = action_error(forms.moderation.restore);
    let report_error = action_error(forms.moderation.report);
    let comments: Vec<CommentView> = d.comments_on(&a.number).cloned().collect();
    let n = d.comment_count(&a.number) as i64;
    let back = format!("/consultations/{}#{}", s.code, anchor(&a.number));
    let heading = format!(
        "{} {}. {}",
        i18n.tr("consultations.article"),
        a.number,
        a.title
    );
    let (title, page_title) = (s.title.clone(), format!("{heading} — {}", s.title));
    let code = s.code.clone();
    let form_key = d.form_key.clone();
    let number = a.number.clone();
    view! {
        <PageMeta title=page_title description=title.clone() />
        <p><A href=back>{title}</A></p>
        <article class="consultation">
            <LiveRefresh stream=live::stream(&d.summary.code) events=live::EVENTS.to_string() />
            <h1>{heading}</h1>
            <p class="meta"><TimeLeftText c=s /></p>
            <ArticleBody a />
            <section aria-labelledby="comments-h">
                <h2 id="comments-h">{n} " " {move || i18n.plural("consultations.comments_n", n)}</h2>
                <p class="hint">{i18n.t("consultations.ranking_hint")}</p>
                <FormError error=mark_error />
                <FormError error=comment_error />
                <FormError error=hide_error />
                <FormError error=restore_error />
                <FormError error=report_error />
                <CommentForm code=code.clone() article=number parent=None form_key=form_key.clone() forms />
                <ol class="comments">
                    {comments.into_iter().map(|c| view! {
                        <Comment c code=code.clone() form_key=form_key.clone() forms />
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}

/// The form to comment on an article, or to reply to `parent`; a note
/// instead when the reader cannot (not signed in, not open).
#[component]
fn CommentForm(
    code: String,
    article: String,
    parent: Option<i64>,
    form_key: String,
    forms: Forms,
) -> impl IntoView {
    let i18n = use_i18n();
    if !forms.open {
        return parent
            .is_none()
            .then(|| view! { <p class="notice">{i18n.t("consultations.not_open")}</p> })
            .into_any();
    }
    if !forms.signed_in {
        return parent
            .is_none()
            .then(|| {
                view! {
                    <p class="notice">
                        {i18n.t("consultations.sign_in_to_comment")} " "
                        <A href="/signin">{i18n.t("nav.sign_in")}</A>
                    </p>
                }
            })
            .into_any();
    }
    let error = action_error(forms.comment);
    let id = match parent {
        Some(p) => format!("f-reply-{p}"),
        None => "f-body".to_string(),
    };
    // A reply's own error shows in the form-level message above the list;
    // the field message is the comment form's.
    let message = field_message(error, "body");
    let (label, submit) = match parent {
        Some(_) => ("consultations.reply", "consultations.reply_submit"),
        None => ("consultations.your_comment", "consultations.comment_submit"),
    };
    let key = match parent {
        Some(p) => format!("{form_key}-r{p}"),
        None => format!("{form_key}-c"),
    };
    let err_id = format!("{id}-error");
    view! {
        <ActionForm action=forms.comment attr:class="form comment-form" attr:novalidate=true>
            <input type="hidden" name="code" value=code />
            <input type="hidden" name="article" value=article />
            <input type="hidden" name="parent" value=parent.map(|p| p.to_string()).unwrap_or_default() />
            <input type="hidden" name="form_key" value=key />
            <div class="field">
                <label for=id.clone()>{i18n.t(label)}</label>
                <textarea id=id name="body" rows=if parent.is_some() { 2 } else { 4 } maxlength=COMMENT_MAX.to_string()
                    aria-describedby=err_id.clone()
                    aria-invalid=move || (parent.is_none() && message().is_some()).then_some("true")></textarea>
                <p class="field-error" id=err_id aria-live="polite">{move || parent.is_none().then(message).flatten()}</p>
            </div>
            <button type="submit" class=if parent.is_some() { "" } else { "primary" }>{i18n.t(submit)}</button>
        </ActionForm>
    }
    .into_any()
}

/// A comment with its marks, the reader's buttons, and its replies.
#[component]
fn Comment(c: CommentView, code: String, form_key: String, forms: Forms) -> impl IntoView {
    let i18n = use_i18n();
    let replies = c.replies.clone();
    let reply_form = c.parent.is_none().then(|| {
        view! {
            <details class="reply">
                <summary>{i18n.t("consultations.reply")}</summary>
                <CommentForm code=code.clone() article=c.article.clone() parent=Some(c.id) form_key=form_key.clone() forms />
            </details>
        }
    });
    view! {
        <li class="comment" id=format!("y-kien-{}", c.id)>
            <p class="meta">
                <strong>{c.author.clone()}</strong> " · "
                <time datetime=format::iso(c.created_at)>{format::datetime(c.created_at)}</time>
            </p>
            {match (c.hidden.clone(), c.body.is_empty()) {
                (Some(reason), true) => view! { <HiddenNote reason /> }.into_any(),
                (Some(reason), false) => view! {
                    <HiddenNote reason />
                    <p class="petition-body">{c.body.clone()}</p>
                }.into_any(),
                (None, _) => view! { <p class="petition-body">{c.body.clone()}</p> }.into_any(),
            }}
            <p class="meta marks">
                {i18n.t("consultations.agree")} ": " <span data-count=live::mark_key(c.id, "agree")>{c.agree}</span> " · "
                {i18n.t("consultations.disagree")} ": " <span data-count=live::mark_key(c.id, "disagree")>{c.disagree}</span> " · "
                {i18n.t("consultations.pass")} ": " <span data-count=live::mark_key(c.id, "pass")>{c.pass}</span>
            </p>
            {(forms.open && forms.signed_in && !c.mine && c.hidden.is_none()).then(|| view! { <MarkButtons c=c.clone() action=forms.mark /> })}
            <CommentModeration c=c.clone() signed_in=forms.signed_in forms=forms.moderation />
            {(!replies.is_empty()).then(|| view! {
                <ol class="comments replies">
                    {replies.into_iter().map(|r| view! { <Comment c=r code=code.clone() form_key=form_key.clone() forms /> }).collect_view()}
                </ol>
            })}
            {(forms.open && c.hidden.is_none()).then_some(reply_form)}
        </li>
    }
    .into_any()
}

/// Agree / disagree / pass: one form, the pressed button says which; the
/// reader's current mark is pressed.
#[component]
fn MarkButtons(c: CommentView, action: ServerAction<MarkComment>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action attr:class="mark-form">
            <input type="hidden" name="comment" value=c.id.to_string() />
            <span class="visually-hidden">{i18n.t("consultations.your_mark")}</span>
            {Mark::ALL.into_iter().map(|m| view! {
                <button type="submit" name="mark" value=m.as_str()
                    aria-pressed=if c.my_mark == Some(m) { "true" } else { "false" }>
                    {i18n.t(m.label_key())}
                </button>
            }).collect_view()}
        </ActionForm>
    }
}
