//! `/consultations/:code`: a consultation's page, read comfortably on a
//! phone: where it stands and the time left, the summary, a table of
//! contents, every article with its anchor (`#dieu-5`) and comment count,
//! and the polls. Its managers see a draft here as the public will, with
//! the buttons to edit and publish it and to attach polls.

use super::opinions::OpinionGroups;
use super::poll::{PollForm, Polls};
use super::report::{Report, ReportForm};
use super::versions::{ArticleDiff, NewVersionForm, RemovedArticles, VersionNote};
use super::TimeLeftText;
use crate::consultations::api::{
    consultation, FollowConsultation, PublishConsultation, UnfollowConsultation,
};
use crate::consultations::draft::{Article, Block, Level};
use crate::consultations::live;
use crate::consultations::model::{Phase, Status};
use crate::consultations::views::ConsultationDetail;
use crate::i18n::use_i18n;
use crate::live::client::LiveRefresh;
use crate::ui::follow::{FollowForm, FollowWords};
use crate::ui::form::{action_error, FormError};
use crate::ui::format;
use crate::ui::layout::{PageHeading, PageMeta};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The page's anchor of article `number`.
pub fn anchor(number: &str) -> String {
    format!("dieu-{number}")
}

/// The catalogue key of a heading level's word (Phần, Chương, Mục).
pub fn level_key(level: Level) -> &'static str {
    match level {
        Level::Part => "consultations.level_part",
        Level::Chapter => "consultations.level_chapter",
        Level::Section => "consultations.level_section",
    }
}

/// The consultation of the page's `:code`, or the error page.
pub fn load(code: Signal<String>) -> Resource<Result<ConsultationDetail, crate::error::AppError>> {
    Resource::new(move || code.get(), consultation)
}

/// `/consultations/:code`
#[component]
pub fn ConsultationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let detail = load(Signal::derive(move || {
        params.read().get("code").unwrap_or_default()
    }));
    view! {
        <Transition fallback=|| ()>
            {move || detail.get().map(|r| match r {
                Ok(d) => view! { <Detail d /> }.into_any(),
                Err(e) => {
                    crate::ui::page_status(&e);
                    view! {
                        <PageHeading key="error.not_found_title" />
                        <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p>
                        <p><A href="/consultations">{i18n.t("consultations.back_to_list")}</A></p>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// An article's text: its lead, then its khoản with their điểm.
#[component]
pub fn ArticleBody(a: Article) -> impl IntoView {
    view! {
        {(!a.text.is_empty()).then(|| view! { <p class="article-text">{a.text.clone()}</p> })}
        {(!a.clauses.is_empty()).then(|| view! {
            <ol class="clauses">
                {a.clauses.iter().map(|c| view! {
                    <li value=c.number.clone()>
                        <span class="article-text">{c.text.clone()}</span>
                        {(!c.points.is_empty()).then(|| view! {
                            <ul class="points">
                                {c.points.iter().map(|p| view! {
                                    <li><span class="point">{p.letter.clone()} ")"</span> " " {p.text.clone()}</li>
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        })}
    }
}

/// How a consultation's follow controls name it.
const FOLLOW_WORDS: FollowWords = FollowWords {
    follow: "consultations.follow",
    following_email: "consultations.following_email",
    following_inbox: "consultations.following_inbox",
};

/// After the close: the report once published, else its form for the
/// managers and a word that it is awaited for everyone else.
#[component]
fn AfterClose(d: ConsultationDetail) -> impl IntoView {
    let i18n = use_i18n();
    match d.report.clone() {
        Some(report) => view! { <Report d report /> }.into_any(),
        None if d.can_manage => view! { <ReportForm d /> }.into_any(),
        None => view! {
            <section class="report" aria-labelledby="report-h">
                <h2 id="report-h">{i18n.t("consultations.report_title")}</h2>
                <p class="notice" role="status">{i18n.t("consultations.report_pending")}</p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn Detail(d: ConsultationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let publish = ServerAction::<PublishConsultation>::new();
    let publish_error = action_error(publish);
    let s = d.summary.clone();
    let code = s.code.clone();
    let draft = s.status == Status::Draft;
    let count = |n: &str| d.comment_count(n) as i64;
    let toc = d.blocks.iter().map(|b| match b {
        Block::Heading(h) => {
            let (key, number, title) = (level_key(h.level), h.number.clone(), h.title.clone());
            view! { <li class="toc-heading">{i18n.t(key)} " " {number} {(!title.is_empty()).then(|| format!(". {title}"))}</li> }.into_any()
        }
        Block::Article(a) => {
            let n = count(&a.number);
            view! {
                <li>
                    <a href=format!("#{}", anchor(&a.number))>{i18n.t("consultations.article")} " " {a.number.clone()} ". " {a.title.clone()}</a>
                    " " <span class="meta">"(" {n} " " {move || i18n.plural("consultations.comments_n", n)} ")"</span>
                </li>
            }.into_any()
        }
    }).collect_view();
    let body = d.blocks.iter().map(|b| match b {
        Block::Heading(h) => {
            let text = (level_key(h.level), h.number.clone(), h.title.clone());
            let title = move || format!("{} {}{}", i18n.tr(text.0), text.1, if text.2.is_empty() { String::new() } else { format!(". {}", text.2) });
            match h.level {
                Level::Section => view! { <h3 class="draft-heading">{title}</h3> }.into_any(),
                _ => view! { <h2 class="draft-heading">{title}</h2> }.into_any(),
            }
        }
        Block::Article(a) => {
            let n = count(&a.number);
            let href = format!("/consultations/{}/dieu/{}", code, a.number);
            let id = anchor(&a.number);
            view! {
                <section class="article" id=id.clone() aria-labelledby=format!("{id}-h")>
                    <h3 id=format!("{id}-h")>{i18n.t("consultations.article")} " " {a.number.clone()} ". " {a.title.clone()}</h3>
                    {d.version.change_of(&a.number).cloned().map(|change| view! {
                        <ArticleDiff change version=d.version.number />
                    })}
                    <ArticleBody a=a.clone() />
                    <p class="article-comments">
                        <A href=href>{n} " " {move || i18n.plural("consultations.comments_n", n)} " · " {i18n.t("consultations.read_and_comment")}</A>
                    </p>
                </section>
            }.into_any()
        }
    }).collect_view();
    view! {
        <PageMeta title=s.title.clone() description=s.summary.clone() />
        <article class="consultation">
            <LiveRefresh stream=live::stream(&code) events=live::EVENTS.to_string() />
            <h1>{s.title.clone()}</h1>
            <p class="meta"><TimeLeftText c=s.clone() /></p>
            <p class="meta">
                {s.agency.clone()} " · " {s.locality.clone()} " · "
                <time datetime=format::iso(s.opens_at)>{format::datetime(s.opens_at)}</time>
                " – " <time datetime=format::iso(s.closes_at)>{format::datetime(s.closes_at)}</time>
            </p>
            <VersionNote v=d.version.clone() />
            {(draft && d.can_manage).then({ let code = code.clone(); move || view! {
                <section class="handle" aria-labelledby="review-h">
                    <h2 id="review-h">{i18n.t("consultations.review_title")}</h2>
                    <p class="notice" role="status">{i18n.t("consultations.review_notice")}</p>
                    <FormError error=publish_error />
                    <p><A href=format!("/consultations/{code}/edit")>{i18n.t("consultations.edit_link")}</A></p>
                    <ActionForm action=publish>
                        <input type="hidden" name="code" value=code.clone() />
                        <button type="submit" class="primary">{i18n.t("consultations.publish")}</button>
                    </ActionForm>
                </section>
            }})}
            <section aria-labelledby="summary-h">
                <h2 id="summary-h">{i18n.t("consultations.summary")}</h2>
                <p class="petition-body">{s.summary.clone()}</p>
            </section>
            <nav class="toc" aria-labelledby="toc-h">
                <h2 id="toc-h">{i18n.t("consultations.toc")}</h2>
                <ul>{toc}</ul>
            </nav>
            <section class="draft-text" aria-labelledby="text-h">
                <h2 id="text-h">{i18n.t("consultations.text")}</h2>
                {(!d.preamble.is_empty()).then(|| view! { <p class="petition-body">{d.preamble.clone()}</p> })}
                {body}
            </section>
            <RemovedArticles v=d.version.clone() />
            <Polls d=d.clone() />
            {d.opinions.clone().map(|map| view! { <OpinionGroups map code=code.clone() /> })}
            {(!draft && s.phase == Phase::Closed).then(|| view! { <AfterClose d=d.clone() /> })}
            {(!draft && d.signed_in).then(|| {
                let follow = ServerAction::<FollowConsultation>::new();
                let unfollow = ServerAction::<UnfollowConsultation>::new();
                view! {
                <FollowForm
                    code=code.clone()
                    following=d.following
                    followers=d.followers
                    follow
                    unfollow
                    words=FOLLOW_WORDS
                />
            }})}
            {(draft && d.can_manage).then(|| view! { <PollForm code=code.clone() /> })}
            {(!draft && d.can_manage && s.phase != Phase::Closed).then(|| view! {
                <NewVersionForm code=code.clone() source=d.source.clone() />
            })}
            <section class="downloads" aria-labelledby="downloads-h">
                <h2 id="downloads-h">{i18n.t("consultations.downloads")}</h2>
                <ul>
                    <li><a href=format!("/consultations/{code}/polls.csv") download>{i18n.t("consultations.download_polls")}</a></li>
                    <li><a href=format!("/consultations/{code}/comments.csv") download>{i18n.t("consultations.download_comments")}</a></li>
                </ul>
            </section>
        </article>
    }
}
