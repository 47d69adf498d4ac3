//! Opinion groups, as Pol.is draws them: the participant × comment matrix of
//! marks (agree 1, disagree -1, pass or unmarked 0) is projected on its
//! first principal components (PCA; the map draws the first two), the
//! participants are clustered there with k-means for k from 2 to 5, and
//! the k with the best silhouette wins. For
//! each group, the comments it agrees (or disagrees) with far more than
//! everyone else set it apart; the comments every group agrees with are its
//! common ground. The map is recomputed in the background sweep when marks
//! changed since it was drawn (coalesced: one computation per sweep), off
//! the async runtime, and never on a request.

use super::opinion_model::{CommentShare, MapPoint, OpinionGroup, OpinionMap};
use super::opinions_repo as repo;
use super::views::CommentView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use linfa::prelude::*;
use linfa::DatasetBase;
use linfa_clustering::KMeans;
use linfa_reduction::Pca;
use ndarray::Array2;
use std::collections::{BTreeSet, HashMap};

/// Fewest participants for groups to mean anything.
pub const MIN_PARTICIPANTS: usize = 6;
/// Fewest marks for a participant to be placed.
const MIN_MARKS: usize = 2;
/// The most groups tried.
const MAX_GROUPS: usize = 5;
/// Principal components the participants are clustered on: four keep five
/// groups apart, where two would fold some onto each other.
const CLUSTER_DIMENSIONS: usize = 4;
/// Comments shown per group, and as common ground.
const SHOWN: usize = 3;
/// Common ground: at least this share of every group agrees (percent).
const CONSENSUS: i64 = 60;
/// The most participants drawn on the map (evenly taken beyond it).
const MAX_POINTS: usize = 600;

/// One mark: participant, comment, mark (1, -1, 0).
pub type MarkRow = (i64, i64, i64);

/// The opinion map of `marks`, or none when too few took part.
pub fn compute(marks: &[MarkRow], now: i64) -> Option<OpinionMap> {
    let mut per_person: HashMap<i64, usize> = HashMap::new();
    for (p, _, _) in marks {
        *per_person.entry(*p).or_default() += 1;
    }
    let people: Vec<i64> = per_person
        .iter()
        .filter(|(_, n)| **n >= MIN_MARKS)
        .map(|(p, _)| *p)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let comments: Vec<i64> = marks
        .iter()
        .map(|(_, c, _)| *c)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if people.len() < MIN_PARTICIPANTS || comments.len() < 2 {
        return None;
    }
    let row: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let col: HashMap<i64, usize> = comments.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    // Who marked what, and how: the matrix, and who marked at all (a pass is a mark).
    let mut matrix = Array2::<f64>::zeros((people.len(), comments.len()));
    let mut marked = vec![vec![None::<i64>; comments.len()]; people.len()];
    for (p, c, m) in marks {
        if let (Some(&i), Some(&j)) = (row.get(p), col.get(c)) {
            matrix[[i, j]] = *m as f64;
            marked[i][j] = Some(*m);
        }
    }
    let place = project(&matrix)?;
    let labels = cluster(&place)?;
    let groups = labels.iter().copied().max().map_or(0, |m| m + 1);
    // Groups largest first, their labels renumbered so.
    let mut sizes: Vec<(usize, usize)> = (0..groups)
        .map(|g| (g, labels.iter().filter(|l| **l == g).count()))
        .collect();
    sizes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let rank: HashMap<usize, usize> = sizes
        .iter()
        .enumerate()
        .map(|(r, (g, _))| (*g, r))
        .collect();
    let labels: Vec<usize> = labels.iter().map(|l| rank[l]).collect();
    let scale = place
        .iter()
        .fold(0f64, |m, v| m.max(v.abs()))
        .max(f64::EPSILON);
    let every = people.len().div_ceil(MAX_POINTS);
    let points = (0..people.len())
        .step_by(every)
        .map(|i| MapPoint {
            x: (place[[i, 0]] / scale) as f32,
            y: (place[[i, 1]] / scale) as f32,
            group: labels[i],
        })
        .collect();
    // (agree, disagree, marked) on comment `j` among the participants `members` takes.
    let tally = |members: &dyn Fn(usize) -> bool, j: usize| {
        marked.iter().enumerate().filter(|(i, _)| members(*i)).fold(
            (0i64, 0i64, 0i64),
            |(a, d, n), (_, row)| match row[j] {
                Some(1) => (a + 1, d, n + 1),
                Some(-1) => (a, d + 1, n + 1),
                Some(_) => (a, d, n + 1),
                None => (a, d, n),
            },
        )
    };
    let groups: Vec<OpinionGroup> = sizes
        .iter()
        .enumerate()
        .map(|(g, (_, size))| {
            let mut distinctive: Vec<(f64, CommentShare)> = (0..comments.len())
                .filter_map(|j| {
                    let inside = tally(&|i| labels[i] == g, j);
                    let outside = tally(&|i| labels[i] != g, j);
                    distinct(comments[j], inside, outside)
                })
                .collect();
            distinctive.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.comment.cmp(&b.1.comment)));
            OpinionGroup {
                size: *size as i64,
                distinctive: distinctive
                    .into_iter()
                    .take(SHOWN)
                    .map(|(_, s)| s)
                    .collect(),
            }
        })
        .collect();
    let mut consensus: Vec<CommentShare> = (0..comments.len())
        .filter_map(|j| {
            let lowest = (0..groups.len())
                .map(|g| {
                    let (agree, _, n) = tally(&|i| labels[i] == g, j);
                    (n > 0).then(|| share(agree, n))
                })
                .collect::<Option<Vec<i64>>>()?
                .into_iter()
                .min()?;
            (lowest >= CONSENSUS).then(|| CommentShare {
                comment: comments[j],
                agrees: true,
                share: lowest,
                others: None,
                article: String::new(),
                body: String::new(),
            })
        })
        .collect();
    consensus.sort_by(|a, b| b.share.cmp(&a.share).then(a.comment.cmp(&b.comment)));
    consensus.truncate(SHOWN);
    Some(OpinionMap {
        participants: people.len() as i64,
        computed_at: now,
        points,
        groups,
        consensus,
    })
}

/// Whole percent of `n` in `of`.
fn share(n: i64, of: i64) -> i64 {
    if of > 0 {
        (n * 100 + of / 2) / of
    } else {
        0
    }
}

/// How much a comment sets a group apart, from its (agree, disagree,
/// marked) counts inside and outside the group: the larger gap between the
/// group's (smoothed) agree or disagree share and everyone else's, when
/// most of the group (at least two) stands so.
fn distinct(
    comment: i64,
    (agree, disagree, n): (i64, i64, i64),
    (agree_out, disagree_out, n_out): (i64, i64, i64),
) -> Option<(f64, CommentShare)> {
    let smoothed = |k: i64, n: i64| (k as f64 + 1.0) / (n as f64 + 2.0);
    [(true, agree, agree_out), (false, disagree, disagree_out)]
        .into_iter()
        .filter(|(_, k, _)| *k >= 2 && 2 * k > n)
        .map(|(agrees, k, k_out)| {
            let gap = smoothed(k, n) - smoothed(k_out, n_out);
            (
                gap,
                CommentShare {
                    comment,
                    agrees,
                    share: share(k, n),
                    others: Some(share(k_out, n_out)),
                    article: String::new(),
                    body: String::new(),
                },
            )
        })
        .filter(|(gap, _)| *gap > 0.2)
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// Each participant's place on the first principal components (up to
/// [`CLUSTER_DIMENSIONS`]; the map shows the first two), or none when the
/// marks do not spread over two (everyone marked alike).
fn project(matrix: &Array2<f64>) -> Option<Array2<f64>> {
    let dims = CLUSTER_DIMENSIONS
        .min(matrix.ncols())
        .min(matrix.nrows() - 1)
        .max(2);
    let pca = Pca::params(dims)
        .fit(&DatasetBase::from(matrix.clone()))
        .ok()?;
    let place: Array2<f64> = pca.predict(matrix);
    (place.ncols() >= 2 && place.iter().all(|v| v.is_finite())).then_some(place)
}

/// The best k-means clustering of `place` by silhouette, k from 2 to 5.
fn cluster(place: &Array2<f64>) -> Option<Vec<usize>> {
    let most = MAX_GROUPS.min(place.nrows() - 1);
    let mut best: Option<(f64, Vec<usize>)> = None;
    for k in 2..=most {
        let data = DatasetBase::from(place.clone());
        let Ok(model) = KMeans::params(k).n_runs(8).fit(&data) else {
            continue;
        };
        let labels = model.predict(place);
        let Ok(score) = DatasetBase::new(place.clone(), labels.clone()).silhouette_score() else {
            continue;
        };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, labels.to_vec()));
        }
    }
    best.map(|(_, labels)| labels)
}

/// Redraws the maps whose marks changed since they were drawn; returns how
/// many it redrew.
pub async fn refresh(state: &AppState) -> Result<usize, AppError> {
    let mut drawn = 0;
    for (id, newest) in repo::stale(&state.db.pool, 20).await? {
        let marks = repo::marks(&state.db.pool, id).await?;
        let now = now_ms();
        let map = tokio::task::spawn_blocking(move || compute(&marks, now))
            .await
            .map_err(|_| AppError::Internal)?;
        let body = serde_json::to_string(&map).map_err(|_| AppError::Internal)?;
        repo::store(&state.db.pool, id, newest, now, &body).await?;
        drawn += 1;
    }
    Ok(drawn)
}

/// Consultation `id`'s map as its page shows it: each comment named with
/// its article and text, and none the reader may not see (a hidden one).
pub async fn view(
    state: &AppState,
    id: i64,
    comments: &[CommentView],
) -> Result<Option<OpinionMap>, AppError> {
    let Some(body) = repo::load(&state.db.pool, id).await? else {
        return Ok(None);
    };
    let Ok(Some(mut map)) = serde_json::from_str::<Option<OpinionMap>>(&body) else {
        return Ok(None);
    };
    let shown: HashMap<i64, &CommentView> = comments
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.replies.iter()))
        .filter(|c| c.hidden.is_none())
        .map(|c| (c.id, c))
        .collect();
    let name = |list: &mut Vec<CommentShare>| {
        list.retain_mut(|s| match shown.get(&s.comment) {
            Some(c) => {
                s.article = c.article.clone();
                s.body = c.body.clone();
                true
            }
            None => false,
        });
    };
    for g in &mut map.groups {
        name(&mut g.distinctive);
    }
    name(&mut map.consensus);
    Ok(Some(map))
}

#[cfg(test)]
#[path = "opinions_tests.rs"]
mod tests;
