//! Service ratings: `/rate/:code/:key`, where a citizen rates the service of
//! a served case from the link on the receipt or the counter's display (no
//! account needed), and `/services/statistics`, the ratings per agency and
//! counter. Plain forms: they work without JavaScript.

use super::PageError;
use crate::i18n::use_i18n;
use crate::payments::api::{service_rating, service_stats, RateService};
use crate::payments::rating_model::{average_tenths, tenths, AgencyRatings, RatingView};
use crate::payments::views::RateLink;
use crate::ui::form::{action_error, field_message, FormError, TextArea};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A rating link with its QR code, for a phone to open.
#[component]
pub fn RateLinkPanel(rate: RateLink) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="rate-link" aria-labelledby="rate-link-h">
            <h2 id="rate-link-h">{i18n.t("payments.rate_title")}</h2>
            <figure class="qr">
                <div class="qr-code" inner_html=rate.qr_svg.clone()></div>
                <figcaption>{i18n.t("payments.rate_scan")}</figcaption>
            </figure>
            <p><a href=rate.path.clone()>{i18n.t("payments.rate_open")}</a></p>
        </section>
    }
}

/// `/rate/:code/:key`
#[component]
pub fn RatingPage() -> impl IntoView {
    let params = use_params_map();
    let rate = ServerAction::<RateService>::new();
    let rating = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("code").unwrap_or_default(),
                p.get("key").unwrap_or_default(),
                rate.version().get(),
            )
        },
        |(code, key, _)| service_rating(code, key),
    );
    view! {
        <PageHeading key="payments.rate_title" />
        <Transition fallback=|| ()>
            {move || rating.get().map(|r| match r {
                Ok(v) => view! { <RateForm v rate /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn RateForm(v: RatingView, rate: ServerAction<RateService>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(rate);
    let stars_error = field_message(error, "stars");
    let key = use_params_map()
        .read_untracked()
        .get("key")
        .unwrap_or_default();
    let procedure = v.procedure.clone();
    let about = view! {
        <p class="lead">{move || procedure.get(i18n.locale()).to_string()}</p>
        <p class="meta">{v.counter.clone()} " · " {v.agency.clone()} " · " {v.code.clone()}</p>
    };
    let form = match v.rated {
        Some(stars) => view! {
            <p class="notice" role="status">
                {i18n.t("payments.rated_thanks")} " " {"★".repeat(stars.clamp(0, 5) as usize)}
            </p>
            <p><A href="/services/statistics">{i18n.t("payments.ratings_title")}</A></p>
        }
        .into_any(),
        None => view! {
            <ActionForm action=rate attr:class="form" attr:novalidate=true>
                <FormError error />
                <input type="hidden" name="code" value=v.code.clone() />
                <input type="hidden" name="key" value=key />
                <fieldset aria-describedby="f-stars-error">
                    <legend>{i18n.t("payments.stars")}</legend>
                    <div class="stars">
                        {(1..=5).rev().map(|n| view! {
                            <label class="choice">
                                <input type="radio" name="stars" value=n.to_string() />
                                {"★".repeat(n)} " " {i18n.t(star_key(n))}
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="field-error" id="f-stars-error" aria-live="polite">{stars_error}</p>
                </fieldset>
                <TextArea label="payments.rating_comment" name="comment" error rows=3 />
                <button type="submit" class="primary">{i18n.t("payments.rate_submit")}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! { {about} {form} }
}

fn star_key(n: usize) -> &'static str {
    match n {
        5 => "payments.stars_5",
        4 => "payments.stars_4",
        3 => "payments.stars_3",
        2 => "payments.stars_2",
        _ => "payments.stars_1",
    }
}

/// `/services/statistics`
#[component]
pub fn ServiceStatsPage() -> impl IntoView {
    let stats = Resource::new(|| (), |_| service_stats());
    view! {
        <PageHeading key="payments.ratings_title" />
        <Transition fallback=|| ()>
            {move || stats.get().map(|r| match r {
                Ok(list) => view! { <StatsTable list /> }.into_any(),
                Err(e) => view! { <PageError e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn StatsTable(list: Vec<AgencyRatings>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{i18n.t("payments.no_ratings")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|a| {
            let counters = a.counters.clone();
            view! {
                <tr class="agency">
                    <th scope="row">{a.agency.clone()}</th>
                    <td class="num">{a.count}</td>
                    <td class="num">{tenths(average_tenths(a.stars, a.count))}</td>
                </tr>
                {counters.into_iter().map(|c| {
                    let name = if c.counter.is_empty() { i18n.tr("payments.online") } else { c.counter.clone() };
                    view! {
                        <tr>
                            <th scope="row" class="counter-row">{name}</th>
                            <td class="num">{c.count}</td>
                            <td class="num">{tenths(average_tenths(c.stars, c.count))}</td>
                        </tr>
                    }
                }).collect_view()}
            }
        })
        .collect_view();
    view! {
        <table class="stats">
            <caption>{i18n.t("payments.ratings_caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("payments.ratings_where")}</th>
                    <th scope="col">{i18n.t("payments.ratings_count")}</th>
                    <th scope="col">{i18n.t("payments.ratings_average")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
