//! `/petitions/statistics`: the public statistics, as tables with captions
//! and header cells, rendered on the server (no JavaScript needed).

use crate::i18n::use_i18n;
use crate::petitions::api::petition_statistics;
use crate::petitions::stats::model::{human_duration, rating_text, MedianTime, Statistics};
use crate::ui::layout::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

/// `/petitions/statistics`
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| petition_statistics());
    view! {
        <PageHeading key="petitions.stats_title" />
        <p>{i18n.t("petitions.stats_lead")} " " <A href="/api/v1/petitions/statistics">"JSON"</A></p>
        <Suspense fallback=|| ()>
            {move || stats.get().map(|r| match r {
                Ok(s) => view! { <Tables s /> }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Tables(s: Statistics) -> impl IntoView {
    let i18n = use_i18n();
    let Statistics {
        total,
        by_status,
        by_category,
        to_answer,
        to_close,
        agencies,
    } = s;
    let duration = move |t: MedianTime| {
        move || match t.median_ms {
            Some(ms) => format!(
                "{} ({} {})",
                human_duration(ms, i18n.locale()),
                t.petitions,
                i18n.tr("petitions.stats_petitions_counted")
            ),
            None => i18n.tr("petitions.stats_none_yet"),
        }
    };
    let status_rows = by_status
        .into_iter()
        .map(|c| {
            let key = c.status.label_key();
            (Signal::derive(move || i18n.tr(key)), c.count)
        })
        .collect();
    let category_rows = by_category
        .into_iter()
        .map(|c| {
            let names = c.names;
            let name = Signal::derive(move || names.get(i18n.locale()).to_string());
            (name, c.count)
        })
        .collect();
    view! {
        <section aria-labelledby="stats-time-h">
            <h2 id="stats-time-h">{i18n.t("petitions.stats_times")}</h2>
            <dl class="stats">
                <dt>{i18n.t("petitions.stats_total")}</dt>
                <dd>{total}</dd>
                <dt>{i18n.t("petitions.stats_to_answer")}</dt>
                <dd>{duration(to_answer)}</dd>
                <dt>{i18n.t("petitions.stats_to_close")}</dt>
                <dd>{duration(to_close)}</dd>
            </dl>
        </section>
        <CountTable caption="petitions.stats_by_status" heading="petitions.status" rows=status_rows />
        <CountTable caption="petitions.stats_by_category" heading="petitions.category" rows=category_rows />
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="stats-agencies">
            <table>
                <caption id="stats-agencies">{i18n.t("petitions.stats_agencies")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("petitions.stats_agency")}</th>
                    <th scope="col" class="num">{i18n.t("petitions.stats_count")}</th>
                    <th scope="col" class="num">{i18n.t("petitions.stats_ratings")}</th>
                    <th scope="col" class="num">{i18n.t("petitions.stats_satisfaction")}</th>
                </tr></thead>
                <tbody>
                    {agencies.into_iter().map(|a| {
                        let average = a.average_rating;
                        view! {
                            <tr>
                                <th scope="row">{a.agency.clone()}</th>
                                <td class="num">{a.petitions}</td>
                                <td class="num">{a.ratings}</td>
                                <td class="num">{move || match average {
                                    Some(avg) => format!("{} / 5", rating_text(avg, i18n.locale())),
                                    None => "—".to_string(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A table of counts: a name and a number per row.
#[component]
fn CountTable(
    /// Catalogue key of the caption.
    caption: &'static str,
    /// Catalogue key of the names' column heading.
    heading: &'static str,
    /// Each row's name and count.
    rows: Vec<(Signal<String>, i64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = caption.replace('.', "-");
    let labelled_by = id.clone();
    view! {
        // Focusable and named, so a keyboard can scroll a table wider than a phone.
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table>
                <caption id=id>{i18n.t(caption)}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t(heading)}</th>
                    <th scope="col" class="num">{i18n.t("petitions.stats_count")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(name, count)| view! {
                        <tr><th scope="row">{name}</th><td class="num">{count}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
