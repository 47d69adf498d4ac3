//! Opinion groups on synthetic marks with planted groups.

use super::*;

/// `groups` planted groups of `per` participants over `4 × groups`
/// comments: each group agrees with its own four and disagrees with the
/// rest, with one mark in ten flipped and one in five a pass; every
/// participant agrees with the last comment.
fn planted(groups: i64, per: i64) -> Vec<MarkRow> {
    let mut seed = 7u64;
    let mut rnd = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let mut marks = Vec::new();
    for p in 0..groups * per {
        for c in 0..4 * groups {
            let mut m = if c / 4 == p / per { 1 } else { -1 };
            if rnd() < 0.1 {
                m = -m;
            }
            if rnd() < 0.2 {
                m = 0;
            }
            marks.push((1000 + p, c, m));
        }
        marks.push((1000 + p, 99, 1));
    }
    marks
}

#[test]
fn planted_groups_come_back() {
    for groups in [2, 3, 4] {
        let map = compute(&planted(groups, 15), 0).expect("a map");
        assert_eq!(map.groups.len(), groups as usize, "{groups} groups");
        assert_eq!(map.participants, groups * 15);
        // Every planted group lands in a found group of its own, all but
        // at most one of its members (the noise can misplace one).
        let mut majorities = BTreeSet::new();
        for g in 0..groups as usize {
            let members = &map.points[g * 15..(g + 1) * 15];
            let (label, held) = (0..map.groups.len())
                .map(|l| (l, members.iter().filter(|p| p.group == l).count()))
                .max_by_key(|(_, n)| *n)
                .unwrap();
            assert!(held >= 14, "planted group {g}: {held} of 15 together");
            majorities.insert(label);
        }
        assert_eq!(
            majorities.len(),
            groups as usize,
            "each planted group its own"
        );
        assert!(map.groups.iter().all(|g| (14..=16).contains(&g.size)));
        assert!(map
            .points
            .iter()
            .all(|p| p.x.abs() <= 1.0 && p.y.abs() <= 1.0));
    }
}

#[test]
fn each_group_is_set_apart_by_its_own_comments_and_all_share_the_common_one() {
    let marks = planted(3, 15);
    let map = compute(&marks, 0).unwrap();
    for (g, group) in map.groups.iter().enumerate() {
        // The planted group most of this found group comes from.
        let planted = (0..3)
            .max_by_key(|k| {
                map.points[k * 15..(k + 1) * 15]
                    .iter()
                    .filter(|p| p.group == g)
                    .count()
            })
            .unwrap() as i64;
        // Most telling: agreeing with its own comments.
        let first = group.distinctive.first().expect("something sets it apart");
        assert!(first.agrees && first.comment / 4 == planted, "{first:?}");
        for s in &group.distinctive {
            assert!(s.share > s.others.unwrap(), "{s:?}");
            // agreeing only with its own, disagreeing only with others'
            assert_eq!(s.agrees, s.comment / 4 == planted, "{s:?}");
        }
    }
    assert_eq!(map.consensus.first().map(|s| s.comment), Some(99));
    assert_eq!(map.consensus[0].share, 100);
}

#[test]
fn too_few_participants_draw_no_map() {
    let marks: Vec<MarkRow> = planted(2, 15)
        .into_iter()
        .filter(|(p, _, _)| *p < 1000 + MIN_PARTICIPANTS as i64 - 1)
        .collect();
    assert!(compute(&marks, 0).is_none());
    assert!(compute(&[], 0).is_none());
    // One mark each places nobody.
    let single: Vec<MarkRow> = (0..20).map(|p| (p, p % 3, 1)).collect();
    assert!(compute(&single, 0).is_none());
}

#[test]
fn identical_marks_still_give_a_map_without_failing() {
    let same: Vec<MarkRow> = (0..10).flat_map(|p| [(p, 1, 1), (p, 2, -1)]).collect();
    if let Some(map) = compute(&same, 0) {
        assert_eq!(map.participants, 10);
        assert!(map
            .points
            .iter()
            .all(|p| p.x.is_finite() && p.y.is_finite()));
    }
}
