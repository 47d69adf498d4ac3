//! Polls on a consultation's page: each poll's results as a bar chart drawn
//! on the server (SVG, readable without wasm) with a table of the counts as
//! its text alternative, the ballot form while open, and the officer's form
//! to attach a poll to a draft.

use crate::consultations::api::{AddPoll, VoteInPoll};
use crate::consultations::live;
use crate::consultations::model::{Phase, Status};
use crate::consultations::poll_model::PollKind;
use crate::consultations::views::{ConsultationDetail, OptionView, PollView};
use crate::i18n::{use_i18n, I18n};
use crate::ui::form::{action_error, field_message, Field, FormError, TextArea};
use crate::ui::live_count::LiveCount;
use leptos::prelude::*;

/// The longest bar of a chart (in its 320-wide view box).
const BAR_FULL: i64 = 260;

/// An option's text as shown: the officer's, or the translated fixed one.
fn option_label(i18n: I18n, kind: PollKind, o: &OptionView) -> String {
    match (kind, o.label.as_str()) {
        (PollKind::YesNo, "yes") => i18n.tr("consultations.option_yes"),
        (PollKind::YesNo, "no") => i18n.tr("consultations.option_no"),
        _ => o.label.clone(),
    }
}

/// The polls of a consultation.
#[component]
pub fn Polls(d: ConsultationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let vote = ServerAction::<VoteInPoll>::new();
    let error = action_error(vote);
    let s = &d.summary;
    let open = s.phase == Phase::Open && s.status == Status::Published;
    let signed_in = d.signed_in;
    (!d.polls.is_empty()).then(|| view! {
        <section class="polls" aria-labelledby="polls-h">
            <h2 id="polls-h">{i18n.t("consultations.polls")}</h2>
            <FormError error />
            <p class="field-error" aria-live="polite">{field_message(error, "choices")}</p>
            {d.polls.iter().cloned().map(|p| view! { <Poll p open signed_in vote /> }).collect_view()}
        </section>
    })
}

#[component]
fn Poll(p: PollView, open: bool, signed_in: bool, vote: ServerAction<VoteInPoll>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("poll-{}", p.id);
    let multiple = p.kind == PollKind::Multiple;
    let voted = !p.my_choices.is_empty();
    let hint = if multiple {
        i18n.tr("consultations.choose_up_to")
            .replace("%{n}", &p.max_choices.to_string())
    } else {
        i18n.tr("consultations.choose_one")
    };
    let (question, mine, options, kind) = (
        p.question.clone(),
        p.my_choices.clone(),
        p.options.clone(),
        p.kind,
    );
    let form = (open && signed_in).then(move || {
        view! {
            <ActionForm action=vote attr:class="form ballot">
                <input type="hidden" name="poll" value=p.id.to_string() />
                <fieldset>
                    <legend>{question}</legend>
                    <p class="hint">{hint}</p>
                    {options.iter().map(|o| view! {
                        <label class="choice">
                            <input type=if multiple { "checkbox" } else { "radio" } name="choices[]"
                                value=o.id.to_string() checked=mine.contains(&o.id) />
                            {option_label(i18n, kind, o)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="primary">
                    {i18n.t(if voted { "consultations.vote_change" } else { "consultations.vote" })}
                </button>
            </ActionForm>
        }
    });
    let note = match (open, signed_in) {
        (true, false) => Some("consultations.sign_in_to_vote"),
        (false, _) => Some("consultations.voting_closed"),
        _ => None,
    };
    view! {
        <section class="poll" aria-labelledby=format!("{id}-h")>
            <h3 id=format!("{id}-h")>{p.question.clone()}</h3>
            <p class="meta">{i18n.t(p.kind.label_key())}</p>
            {voted.then(|| view! { <p class="notice" role="status">{i18n.t("consultations.you_voted")}</p> })}
            {form}
            {note.map(|k| view! { <p class="hint">{i18n.tr(k)}</p> })}
            <Results p=p.clone() />
        </section>
    }
}

/// A poll's results: the chart, and the same counts as a table.
#[component]
fn Results(p: PollView) -> impl IntoView {
    let i18n = use_i18n();
    let Some(ballots) = p.ballots else {
        return view! { <p class="hint">{i18n.t("consultations.results_hidden")}</p> }.into_any();
    };
    let rows: Vec<(i64, String, i64)> = p
        .options
        .iter()
        .map(|o| (o.id, option_label(i18n, p.kind, o), o.votes.unwrap_or(0)))
        .collect();
    let total: i64 = rows.iter().map(|(_, _, n)| n).sum();
    let most = rows.iter().map(|(_, _, n)| *n).max().unwrap_or(0).max(1);
    let row_h = 40;
    let height = row_h * rows.len() as i64 + 4;
    let chart_id = format!("chart-{}", p.id);
    // Live tallies resize the bars and set the counts in place (`live`).
    let bars = rows.iter().enumerate().map(|(i, (id, label, n))| {
        let y = i as i64 * row_h;
        let width = BAR_FULL * n / most;
        view! {
            <text x="0" y=(y + 13).to_string() class="chart-label">{label.clone()}</text>
            <rect x="0" y=(y + 18).to_string() width=width.max(1).to_string() height="16" rx="2" class="chart-bar"
                data-bar=live::option_key(*id) data-full=BAR_FULL.to_string()></rect>
            <text x=(BAR_FULL + 6).to_string() y=(y + 31).to_string() class="chart-count" data-count=live::option_key(*id)>{n.to_string()}</text>
        }
    }).collect_view();
    view! {
        <figure class="poll-results">
            <svg id=chart_id.clone() class="chart" viewBox=format!("0 0 320 {height}") role="img"
                aria-labelledby=format!("{chart_id}-t") width="100%" preserveAspectRatio="xMinYMin meet">
                <title id=format!("{chart_id}-t")>{p.question.clone()}</title>
                {bars}
            </svg>
            <figcaption><LiveCount key=live::ballots_key(p.id) n=ballots label="consultations.ballots_n" /></figcaption>
            <div class="table-scroll">
                <table>
                    <caption class="visually-hidden">{p.question.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("consultations.option")}</th>
                        <th scope="col" class="num">{i18n.t("consultations.votes")}</th>
                        <th scope="col" class="num">"%"</th>
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|(id, label, n)| view! {
                            <tr>
                                <th scope="row">{label.clone()}</th>
                                <td class="num" data-count=live::option_key(*id)>{*n}</td>
                                <td class="num"><span data-count=live::share_key(*id)>{live::percent(*n, total)}</span>"%"</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }.into_any()
}

/// The officer's form to attach a poll to a draft.
#[component]
pub fn PollForm(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddPoll>::new();
    let error = action_error(action);
    let kind_error = field_message(error, "kind");
    view! {
        <section class="handle" aria-labelledby="add-poll-h">
            <h2 id="add-poll-h">{i18n.t("consultations.add_poll")}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="code" value=code />
                <Field label="consultations.question" name="question" error />
                <div class="field">
                    <label for="f-kind">{i18n.t("consultations.poll_kind")}</label>
                    <select id="f-kind" name="kind" aria-describedby="f-kind-error">
                        {PollKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{i18n.t(k.label_key())}</option> }).collect_view()}
                    </select>
                    <p class="field-error" id="f-kind-error" aria-live="polite">{kind_error}</p>
                </div>
                <TextArea label="consultations.options" name="options" hint="consultations.options_hint" error />
                <Field label="consultations.max_choices" name="max_choices" kind="number" required=false hint="consultations.max_choices_hint" error />
                <label class="choice"><input type="checkbox" name="results_hidden" value="on" /> {i18n.t("consultations.results_hidden_choice")}</label>
                <button type="submit">{i18n.t("consultations.add_poll_submit")}</button>
            </ActionForm>
        </section>
    }
}
