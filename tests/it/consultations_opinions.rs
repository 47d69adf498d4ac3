//! Opinion groups over real HTTP, on both databases: the demo's residents,
//! who mark its comments in three camps, come back as groups with what sets
//! each apart and what all share; the map is on the page without wasm; new
//! marks are drawn in by the background sweep (never on a request), and a
//! comment hidden by a moderator leaves the groups' lists.

use super::consultations_flow::get;
use super::payments::sign_in;
use crate::common::{pool, TestApp};
use serde_json::Value;
use std::time::Duration;

const OPEN_DEMO: &str = "Dự thảo Quy ước khu phố 3, Phường Đông Giang";

/// The comment ids a map names, in its groups and its common ground.
fn named(map: &Value) -> Vec<i64> {
    let groups = map["groups"].as_array().unwrap().iter();
    groups
        .flat_map(|g| g["distinctive"].as_array().unwrap().clone())
        .chain(map["consensus"].as_array().unwrap().clone())
        .map(|s| s["comment"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_demo_residents_come_back_as_groups_and_new_marks_are_drawn_in_the_background() {
    let app = TestApp::spawn_with(&[("CONSULTATION_SWEEP_MS", "200")]).await;
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    let db = pool(&app.database_url).await;
    let code: String = sqlx::query_scalar("SELECT code FROM consultations WHERE title = $1")
        .bind(OPEN_DEMO)
        .fetch_one(&db)
        .await
        .unwrap();

    // Drawn by the seed: the three camps, told apart, and their common ground.
    let (s, d) = get(&app.client(), &code).await;
    assert_eq!(s, 200, "{d}");
    let map = &d["opinions"];
    let participants = map["participants"].as_i64().expect("a map is drawn");
    assert!(participants >= 20, "{map}");
    let groups = map["groups"].as_array().unwrap();
    assert!((2..=5).contains(&groups.len()), "{map}");
    assert_eq!(
        groups
            .iter()
            .map(|g| g["size"].as_i64().unwrap())
            .sum::<i64>(),
        participants
    );
    for g in groups {
        for s in g["distinctive"].as_array().unwrap() {
            assert!(s["share"].as_i64() > s["others"].as_i64(), "{s}");
            assert!(!s["body"].as_str().unwrap().is_empty(), "named: {s}");
        }
    }
    let common = map["consensus"].as_array().unwrap();
    assert!(
        common
            .iter()
            .any(|s| s["body"].as_str().unwrap().contains("thùng rác công cộng")),
        "every camp agrees on more bins: {map}"
    );

    // The page shows the map and its text alternative without wasm.
    let page = app
        .client()
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("class=\"opinion-map\""), "the SVG map");
    assert!(
        page.contains("class=\"opinion-groups\""),
        "the groups in words"
    );
    assert!(page.contains("thùng rác công cộng"));

    // A new participant's marks are drawn in by the sweep.
    let newcomer = app
        .verified_citizen("nguoimoi@example.vn", "Người Mới")
        .await;
    let comments: Vec<i64> = sqlx::query_scalar(
        "SELECT k.id FROM consultation_comments k JOIN consultations c \
         ON c.id = k.consultation_id WHERE c.code = $1 AND k.parent_id IS NULL ORDER BY k.id",
    )
    .bind(&code)
    .fetch_all(&db)
    .await
    .unwrap();
    for (comment, mark) in comments.iter().zip(["agree", "disagree", "agree"]) {
        let (s, body) = newcomer
            .call_json(
                "consultations/mark",
                &[("comment", &comment.to_string()), ("mark", mark)],
            )
            .await;
        assert_eq!(s, 200, "{body}");
    }
    let mut redrawn = false;
    for _ in 0..100 {
        let (_, d) = get(&app.client(), &code).await;
        if d["opinions"]["participants"].as_i64() == Some(participants + 1) {
            redrawn = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(redrawn, "the sweep drew the newcomer in");

    // A comment hidden by its moderator leaves every list of the map.
    let bins = common
        .iter()
        .find(|s| s["body"].as_str().unwrap().contains("thùng rác công cộng"))
        .unwrap()["comment"]
        .as_i64()
        .unwrap();
    let officer = sign_in(&app, "officer.dongha@demo.grassroots.vn").await;
    let (s, body) = officer
        .call_json(
            "consultations/hide_comment",
            &[("comment", &bins.to_string()), ("hide_reason", "Thử ẩn.")],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let (_, d) = get(&app.client(), &code).await;
    assert!(!named(&d["opinions"]).contains(&bins), "{}", d["opinions"]);
    db.close().await;
}
