//! New versions of a published draft over real HTTP: the page shows what
//! changed in each article, comments stay on their article, followers are
//! told, and every refusal changes nothing — on both databases.

use super::consultations_flow::{
    agency_id, at, create, form, get, officer, open_consultation, DRAFT,
};
use crate::common::{assert_invalid, pool, TestApp};
use serde_json::Value;

/// The demo-shaped draft with article 2's first clause changed and an article 4 added.
fn revised() -> String {
    DRAFT.replace(
        "1. Hộ gia đình cư trú trên địa bàn thôn.",
        "1. Hộ gia đình và cá nhân cư trú trên địa bàn thôn.",
    ) + "Điều 4. Cây xanh\nMỗi hộ trồng và chăm sóc ít nhất một cây xanh.\n"
}

async fn versions(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultation_versions v JOIN consultations c ON c.id = v.consultation_id WHERE c.code = $1",
    )
    .bind(code)
    .fetch_one(&pool(&app.database_url).await)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_new_version_shows_its_changes_keeps_comments_and_tells_followers() {
    let app = TestApp::spawn().await;
    let (o, code) = open_consultation(&app).await;
    let a = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    assert_eq!(
        a.call_json("consultations/follow", &[("code", &code)])
            .await
            .0,
        200
    );
    let (s, body) = a
        .call_json(
            "consultations/comment",
            &[
                ("code", &code),
                ("article", "3"),
                ("body", "Cần quy định giờ đổ rác."),
            ],
        )
        .await;
    assert_eq!(s, 200, "{body}");

    // Refused: the same text, a text without the commented article 3,
    // anyone but the agency's officers.
    let (s, body) = o
        .call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", DRAFT)],
        )
        .await;
    assert_invalid(s, &body, "draft", "consultations.version_unchanged");
    let without_3 = DRAFT[..DRAFT.find("Chương II").unwrap()].to_string();
    let (s, body) = o
        .call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", &without_3)],
        )
        .await;
    assert_invalid(s, &body, "draft", "consultations.version_drops_commented");
    let text = revised();
    let (other, _) = officer(&app, "officer@phuongmot.vn", "UBND phường Một").await;
    assert_eq!(
        other
            .call_json(
                "consultations/new_version",
                &[("code", &code), ("draft", &text)]
            )
            .await
            .0,
        403
    );
    assert_eq!(
        a.call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", &text)]
        )
        .await
        .0,
        403
    );
    assert_eq!(versions(&app, &code).await, 1, "refusals change nothing");

    let (s, body) = o
        .call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", &text)],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(versions(&app, &code).await, 2);
    let (_, d) = get(&app.client(), &code).await;
    assert_eq!(d["version"]["number"], 2);
    let kinds: Vec<(String, String)> = d["version"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["number"].as_str().unwrap().into(),
                c["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![("2".into(), "changed".into()), ("4".into(), "added".into())]
    );
    let added: Vec<&Value> = d["version"]["changes"][0]["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("Added").is_some())
        .collect();
    assert!(
        added
            .iter()
            .any(|p| p["Added"].as_str().unwrap().contains("cá nhân")),
        "{added:?}"
    );
    assert_eq!(
        d["comments"].as_array().unwrap().len(),
        1,
        "the comment stays on article 3"
    );
    assert!(
        d["source"].as_str().unwrap().is_empty(),
        "the text to revise is for managers only"
    );
    let (_, mine) = get(&o, &code).await;
    assert!(mine["source"]
        .as_str()
        .unwrap()
        .contains("Điều 4. Cây xanh"));
    let (s, body) = a
        .call_json(
            "consultations/comment",
            &[
                ("code", &code),
                ("article", "4"),
                ("body", "Đồng ý trồng cây."),
            ],
        )
        .await;
    assert_eq!(s, 200, "the new article takes comments: {body}");

    let (_, inbox) = a.call_json("inbox/list", &[]).await;
    let entry = inbox
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "version")
        .cloned()
        .expect("the follower is told of the version");
    assert!(
        entry["what"].as_str().unwrap().contains("phiên bản 2"),
        "{entry}"
    );

    // The page, without JavaScript: the version and the words changed.
    let html = app
        .client()
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Phiên bản 2")
            && html.contains("<ins>")
            && html.contains("Đã sửa trong phiên bản 2")
    );
}

#[tokio::test]
async fn drafts_and_closed_consultations_take_no_version() {
    let app = TestApp::spawn().await;
    let (o, code) = open_consultation(&app).await;
    let agency = agency_id(&app, "UBND xã An Bình").await;
    let draft = create(&o, &form(&agency, &at(-1), &at(4))).await;
    let text = revised();
    let (s, body) = o
        .call_json(
            "consultations/new_version",
            &[("code", &draft), ("draft", &text)],
        )
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.version_of_draft"))
    );
    let now = super::consultations_flow::now();
    sqlx::query("UPDATE consultations SET opens_at = $1, closes_at = $2 WHERE code = $3")
        .bind(now - 7_200_000)
        .bind(now - 1_000)
        .bind(&code)
        .execute(&pool(&app.database_url).await)
        .await
        .unwrap();
    let (s, body) = o
        .call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", &text)],
        )
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.not_open"))
    );
    let (s, body) = o
        .call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", "")],
        )
        .await;
    assert_eq!(s, 409, "{body}");
    assert_eq!(versions(&app, &code).await, 1);
}
