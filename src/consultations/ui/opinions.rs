//! A consultation's opinion groups: the map drawn on the server (SVG, one
//! dot per participant, each group's letter at its centre), and as its
//! text alternative each group's size with the comments that set it apart,
//! then the common ground of every group. Readable without wasm.

use crate::consultations::opinion_model::{group_name, CommentShare, OpinionMap};
use crate::i18n::use_i18n;
use crate::ui::format;
use leptos::prelude::*;

/// The map's view box, and the room kept at its edges.
const WIDTH: f32 = 320.0;
const HEIGHT: f32 = 220.0;
const MARGIN: f32 = 16.0;

fn place(x: f32, y: f32) -> (f32, f32) {
    (
        WIDTH / 2.0 + x * (WIDTH / 2.0 - MARGIN),
        HEIGHT / 2.0 - y * (HEIGHT / 2.0 - MARGIN),
    )
}

/// The opinion groups of a consultation, once drawn.
#[component]
pub fn OpinionGroups(map: OpinionMap, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let dots = map
        .points
        .iter()
        .map(|p| {
            let (cx, cy) = place(p.x, p.y);
            view! { <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="3" class=format!("dot group-{}", p.group % 5)></circle> }
        })
        .collect_view();
    let labels = (0..map.groups.len())
        .filter_map(|g| {
            let members: Vec<_> = map.points.iter().filter(|p| p.group == g).collect();
            let n = members.len().max(1) as f32;
            let (x, y) = members.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x / n, y + p.y / n));
            (!members.is_empty()).then(|| {
                let (cx, cy) = place(x, y);
                view! {
                    <text x=format!("{cx:.1}") y=format!("{:.1}", cy + 5.0) class="group-label" text-anchor="middle">{group_name(g)}</text>
                }
            })
        })
        .collect_view();
    let groups = map
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let title = i18n.tr("consultations.group").replace("%{name}", &group_name(g));
            let size = group.size;
            view! {
                <li class=format!("opinion-group group-{}", g % 5)>
                    <h3><span class="swatch" aria-hidden="true"></span>{title} " · " {size} " " {move || i18n.plural("consultations.people_n", size)}</h3>
                    {(!group.distinctive.is_empty()).then(|| view! {
                        <p>{i18n.t("consultations.group_sets_apart")}</p>
                        <ul>{group.distinctive.iter().cloned().map(|s| view! { <Share s code=code.clone() /> }).collect_view()}</ul>
                    })}
                </li>
            }
        })
        .collect_view();
    let common = if map.consensus.is_empty() {
        view! { <p class="hint">{i18n.t("consultations.common_ground_none")}</p> }.into_any()
    } else {
        view! { <ul>{map.consensus.iter().cloned().map(|s| view! { <Share s code=code.clone() /> }).collect_view()}</ul> }.into_any()
    };
    view! {
        <section class="opinions" aria-labelledby="opinions-h">
            <h2 id="opinions-h">{i18n.t("consultations.opinions_title")}</h2>
            <p>{i18n.t("consultations.opinions_intro")}</p>
            <figure>
                <svg class="opinion-map" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                    aria-labelledby="opinion-map-t" width="100%" preserveAspectRatio="xMidYMid meet">
                    <title id="opinion-map-t">{i18n.t("consultations.opinions_map")}</title>
                    {dots}
                    {labels}
                </svg>
                <figcaption class="meta">
                    {map.participants} " " {move || i18n.plural("consultations.people_n", map.participants)} " · "
                    {i18n.t("consultations.opinions_updated")} " "
                    <time datetime=format::iso(map.computed_at)>{format::datetime(map.computed_at)}</time>
                </figcaption>
            </figure>
            <ol class="opinion-groups">{groups}</ol>
            <h3>{i18n.t("consultations.common_ground")}</h3>
            {common}
        </section>
    }
}

/// A comment and how a group (or every group) stands on it.
#[component]
fn Share(s: CommentShare, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let words = match (s.others, s.agrees) {
        (Some(others), agrees) => i18n
            .tr(if agrees {
                "consultations.share_agrees"
            } else {
                "consultations.share_disagrees"
            })
            .replace("%{share}", &s.share.to_string())
            .replace("%{others}", &others.to_string()),
        (None, _) => i18n
            .tr("consultations.share_every_group")
            .replace("%{share}", &s.share.to_string()),
    };
    view! {
        <li>
            <a href=format!("/consultations/{code}/dieu/{}#y-kien-{}", s.article, s.comment)>
                {i18n.t("consultations.article")} " " {s.article.clone()}
            </a>
            ": “" {s.body.clone()} "” "
            <span class="meta">"(" {words} ")"</span>
        </li>
    }
}
