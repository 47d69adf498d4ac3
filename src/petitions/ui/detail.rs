//! A petition's page (`/petitions/:code`, `/track/:code`): status,
//! timeline, answer, supports, following, and for officers of the handling
//! agency the next steps.

use crate::accounts::ui::auth::use_auth;
use crate::i18n::use_i18n;
use crate::live::client::LiveRefresh;
use crate::petitions::api::{
    petition, ChangeStatus, FollowPetition, RateAnswer, ReopenPetition, SupportPetition,
    UnfollowPetition, WithdrawSupport,
};
use crate::petitions::model::EventKind;
use crate::petitions::moderation::ui::{ModerationActions, ModerationNotices, ModerationPanel};
use crate::petitions::ui::track_form::TrackForm;
use crate::petitions::views::{describe_step, PetitionDetail};
use crate::ui::follow::FollowForm;
use crate::ui::form::{action_error, field_message, FormError, TextArea};
use crate::ui::format;
use crate::ui::layout::PageHeading;
use crate::ui::live_count::LiveCount;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/petitions/:code` and `/track/:code`
#[component]
pub fn PetitionPage() -> impl IntoView {
    let params = use_params_map();
    view! { <PetitionView code=Signal::derive(move || params.read().get("code").unwrap_or_default()) /> }
}

/// A petition's page for the code in `code`.
#[component]
pub(super) fn PetitionView(code: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let support = ServerAction::<SupportPetition>::new();
    let withdraw = ServerAction::<WithdrawSupport>::new();
    let change = ServerAction::<ChangeStatus>::new();
    let reopen = ServerAction::<ReopenPetition>::new();
    let rate = ServerAction::<RateAnswer>::new();
    let follow = ServerAction::<FollowPetition>::new();
    let unfollow = ServerAction::<UnfollowPetition>::new();
    let reassign = ServerAction::<crate::petitions::routing::api::ReassignPetition>::new();
    let moderation = ModerationActions::new();
    let detail = Resource::new(
        move || {
            (
                code.get(),
                support.version().get(),
                withdraw.version().get(),
                change.version().get(),
                reopen.version().get(),
                rate.version().get(),
                follow.version().get(),
                unfollow.version().get(),
                reassign.version().get(),
                moderation.version(),
                auth.user().is_some(),
            )
        },
        |(code, ..)| petition(code),
    );
    let actions = Actions {
        support,
        withdraw,
        change,
        reopen,
        rate,
        follow,
        unfollow,
        reassign,
        moderation,
    };
    view! {
        <Show when=move || query.read().get("new").is_some()>
            <p class="notice" role="status">{i18n.t("petitions.submitted_notice")}</p>
        </Show>
        <Transition fallback=|| ()>
            {move || detail.get().map(|r| match r {
                Ok(d) => view! { <Detail d actions /> }.into_any(),
                Err(e) => {
                    crate::ui::page_status(&e);
                    view! {
                    <PageHeading key="petitions.track_title" />
                    <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p>
                    <TrackForm />
                }.into_any()
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    support: ServerAction<SupportPetition>,
    withdraw: ServerAction<WithdrawSupport>,
    change: ServerAction<ChangeStatus>,
    reopen: ServerAction<ReopenPetition>,
    rate: ServerAction<RateAnswer>,
    follow: ServerAction<FollowPetition>,
    unfollow: ServerAction<UnfollowPetition>,
    reassign: ServerAction<crate::petitions::routing::api::ReassignPetition>,
    moderation: ModerationActions,
}

#[component]
fn Detail(d: PetitionDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.summary.clone();
    let title = if d.redacted {
        i18n.tr("petitions.private_title")
    } else if d.moderation.withheld {
        i18n.tr("moderation.hidden_title")
    } else {
        s.title.clone()
    };
    let category = s.category.clone();
    let code = s.code.clone();
    let moderation = view! { <ModerationPanel code=code.clone() m=d.moderation.clone() actions=actions.moderation /> };
    let support_error = action_error(actions.support);
    let change_error = action_error(actions.change);
    view! {
        <crate::ui::layout::PageMeta
            title=title.clone()
            description=format!("{title} — {}, {}", i18n.tr(s.status.label_key()), s.locality)
        />
        // Status, timeline and support count update by themselves.
        <LiveRefresh stream=crate::petitions::live::stream_of(&code) events=crate::petitions::live::EVENTS.to_string() />
        <article class="petition">
            <h1>{title}</h1>
            <p class="meta">
                <span class=format!("status status-{}", s.status.as_str())>{i18n.t(s.status.label_key())}</span>
                " · " {i18n.t(s.kind.label_key())}
                " · " {move || category.get(i18n.locale()).to_string()}
                " · " {s.locality.clone()}
            </p>
            <p class="meta">
                {i18n.t("petitions.code")} ": " <strong class="code">{s.code.clone()}</strong>
                {d.author.clone().map(|a| view! { " · " {i18n.t("petitions.by")} " " {a} })}
                {d.agency.clone().map(|a| view! { " · " {i18n.t("petitions.agency")} ": " {a} })}
            </p>
            {(!d.redacted && !d.moderation.withheld).then(|| view! { <div class="petition-body">{d.body.clone()}</div> })}
            <ModerationNotices m=d.moderation.clone() />
            {d.redacted.then(|| view! { <p class="notice">{i18n.t("petitions.private_notice")}</p> })}
            <crate::petitions::photos::ui::PhotoGallery photos=d.photos.clone() />
            {d.answer.clone().map(|a| view! {
                <section class="answer" aria-labelledby="answer-h">
                    <h2 id="answer-h">{i18n.t("petitions.answer")}</h2>
                    <div class="petition-body">{a}</div>
                </section>
            })}
            <p class="supports">
                <LiveCount key=crate::petitions::live::supports_key(&s.code) n=s.supports label="petitions.supporters" strong=true />
            </p>
            {s.answer_due_at.map(|due| view! {
                <p class="deadline">
                    {i18n.t("petitions.answer_due")} " "
                    <time datetime=format::iso(due)>{format::datetime(due)}</time>
                </p>
            })}
            {d.hearing_at.map(|_| view! { <p class="deadline">{i18n.t("petitions.on_hearing_agenda")}</p> })}
            <FormError error=support_error />
            {d.can_support.then({
                let code = code.clone();
                move || if d.supported {
                view! {
                    <ActionForm action=actions.withdraw>
                        <input type="hidden" name="code" value=code.clone() />
                        <button type="submit">{i18n.t("petitions.withdraw")}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=actions.support>
                        <input type="hidden" name="code" value=code.clone() />
                        <button type="submit" class="primary">{i18n.t("petitions.support")}</button>
                    </ActionForm>
                }.into_any()
            }})}
            {d.rating.clone().map(|r| view! {
                <p class="rating">
                    {i18n.t("petitions.rating")} ": " <strong>{r.stars} " / 5"</strong>
                    {(!r.comment.is_empty()).then(|| view! { " — " {r.comment.clone()} })}
                </p>
            })}
            {d.can_follow.then(|| view! {
                <FollowForm
                    code=code.clone()
                    following=d.following
                    followers=d.followers
                    follow=actions.follow
                    unfollow=actions.unfollow
                    words=crate::petitions::follows::ui::WORDS
                />
            })}
            {d.can_reopen.then(|| view! { <ReopenForm code=code.clone() action=actions.reopen /> })}
            {d.can_rate.then(|| view! { <RateForm code=code.clone() action=actions.rate /> })}
            <section aria-labelledby="timeline-h">
                <h2 id="timeline-h">{i18n.t("petitions.timeline")}</h2>
                <ol class="timeline">
                    {d.events.iter().map(|e| {
                        let (kind, status, note) = (e.kind, e.status, e.note.clone());
                        let shows_note = matches!(kind, EventKind::Status | EventKind::Hidden | EventKind::Restored);
                        let original = (kind == EventKind::Duplicate).then(|| e.note.clone());
                        view! {
                        <li class:threshold=!shows_note && kind != EventKind::Duplicate>
                            <time datetime=format::iso(e.at)>{format::datetime(e.at)}</time>
                            " — " <strong>{move || describe_step(i18n.locale(), kind, status, &note)}</strong>
                            {e.agency.clone().map(|a| view! { " · " {a} })}
                            {(shows_note && !e.note.is_empty()).then(|| view! { <p class="note">{e.note.clone()}</p> })}
                            {original.map(|c| view! { <p class="note"><a href=format!("/petitions/{c}")>{c.clone()}</a></p> })}
                        </li>
                    }}).collect_view()}
                </ol>
            </section>
            {(!d.next_statuses.is_empty()).then(|| view! {
                <section aria-labelledby="handle-h" class="handle">
                    <h2 id="handle-h">{i18n.t("petitions.handle")}</h2>
                    <ActionForm action=actions.change attr:class="form" attr:novalidate=true>
                        <FormError error=change_error />
                        <input type="hidden" name="code" value=code.clone() />
                        <div class="field">
                            <label for="f-status">{i18n.t("petitions.next_status")}</label>
                            <select id="f-status" name="status">
                                {d.next_statuses.iter().map(|st| view! {
                                    <option value=st.as_str()>{i18n.t(st.label_key())}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <TextArea label="petitions.note" name="note" hint="petitions.note_hint" error=change_error />
                        <button type="submit" class="primary">{i18n.t("petitions.apply")}</button>
                    </ActionForm>
                </section>
            })}
            {d.assign.clone().map(|options| view! {
                <crate::petitions::routing::ui::AssignForm code=s.code.clone() options action=actions.reassign />
            })}
            {moderation}
        </article>
    }
}

/// The petitioner reopens an answer they are not satisfied with.
#[component]
fn ReopenForm(code: String, action: ServerAction<ReopenPetition>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <section aria-labelledby="reopen-h">
            <h2 id="reopen-h">{i18n.t("petitions.reopen")}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="code" value=code />
                <TextArea label="petitions.reopen_reason" name="reason" error />
                <button type="submit">{i18n.t("petitions.reopen_submit")}</button>
            </ActionForm>
        </section>
    }
}

/// The petitioner rates the answer.
#[component]
fn RateForm(code: String, action: ServerAction<RateAnswer>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let stars_error = field_message(error, "stars");
    view! {
        <section aria-labelledby="rate-h">
            <h2 id="rate-h">{i18n.t("petitions.rate")}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="code" value=code />
                <fieldset aria-describedby="f-stars-error">
                    <legend>{i18n.t("petitions.stars")}</legend>
                    <div class="stars">
                        {(1..=5)
                            .map(|n| view! {
                                <label class="choice">
                                    <input type="radio" name="stars" value=n.to_string() />
                                    {n} " " {i18n.t("petitions.stars_n")}
                                </label>
                            })
                            .collect_view()}
                    </div>
                    <p class="field-error" id="f-stars-error" aria-live="polite">{stars_error}</p>
                </fieldset>
                <TextArea label="petitions.comment" name="comment" error />
                <button type="submit" class="primary">{i18n.t("petitions.rate_submit")}</button>
            </ActionForm>
        </section>
    }
}
