//! A consultation's live topic over real HTTP streams: new comments, mark
//! counts and poll tallies reach whoever may read it, a hidden tally never
//! leaves the server, a draft's stream is its agency's only, and a
//! reconnect resumes after the steps it missed — on both databases.

use super::consultations_flow::{at, create, form, get, officer, publish, DRAFT};
use super::live::Watch;
use crate::common::{pool, Client, TestApp};
use serde_json::Value;

fn stream(code: &str) -> String {
    format!("/live/consultations/{code}")
}

/// An open consultation with a poll showing its results (first) and a
/// poll keeping them until the close (second); returns (officer, slug).
async fn with_two_polls(app: &TestApp) -> (Client, String) {
    let (o, agency) = officer(app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let code = create(&o, &form(&agency, &at(-1), &at(7))).await;
    for poll in [
        vec![
            ("question", "Nên đổ rác vào giờ nào?"),
            ("kind", "single"),
            ("options", "Sáng sớm\nChiều tối"),
        ],
        vec![
            ("question", "Bạn đồng ý với dự thảo?"),
            ("kind", "yes_no"),
            ("results_hidden", "on"),
        ],
    ] {
        let mut f = vec![("code", code.as_str())];
        f.extend(poll);
        let (s, body) = o.call_json("consultations/add_poll", &f).await;
        assert_eq!(s, 200, "{body}");
    }
    publish(&o, &code).await;
    (o, code)
}

fn options(d: &Value, poll: usize) -> Vec<i64> {
    d["polls"][poll]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn comments_marks_and_tallies_reach_watchers_but_a_hidden_tally_never_does() {
    let app = TestApp::spawn().await;
    let (_, code) = with_two_polls(&app).await;
    let (_, d) = get(&app.client(), &code).await;
    let (live_poll, hidden_poll) = (
        d["polls"][0]["id"].as_i64().unwrap(),
        d["polls"][1]["id"].as_i64().unwrap(),
    );
    let (live_options, hidden_options) = (options(&d, 0), options(&d, 1));
    let a = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    let b = app.verified_citizen("b@anbinh.vn", "Trần Thị B").await;
    let mut watch = Watch::open(&app.client(), &stream(&code), None).await;

    let body = "Nên để rác từ 17 giờ đến 19 giờ cho tiện.";
    let (s, r) = a
        .call_json(
            "consultations/comment",
            &[("code", &code), ("article", "2"), ("body", body)],
        )
        .await;
    assert_eq!(s, 200, "{r}");
    let heard = watch.until("comments").await;
    assert!(
        !heard.data.to_string().contains("17 giờ"),
        "the event names no text: {}",
        heard.data
    );

    // A ballot on the hidden poll first, then one on the live poll: the first
    // tally heard is the live poll's, and names nothing of the hidden one.
    let vote = |c: &Client, poll: i64, choice: i64| {
        let (poll, choice) = (poll.to_string(), choice.to_string());
        let c = c.clone();
        async move {
            c.call_json(
                "consultations/vote",
                &[("poll", &poll), ("choices[]", &choice)],
            )
            .await
        }
    };
    assert_eq!(vote(&b, hidden_poll, hidden_options[0]).await.0, 200);
    assert_eq!(vote(&b, live_poll, live_options[1]).await.0, 200);
    assert_eq!(vote(&a, live_poll, live_options[1]).await.0, 200);
    let mut tally = watch.until("tally").await;
    while tally.data["counts"][format!("poll-{live_poll}-ballots")] != 2 {
        let text = tally.data.to_string();
        assert!(!text.contains(&format!("poll-{hidden_poll}-")), "{text}");
        tally = watch.until("tally").await;
    }
    let counts = &tally.data["counts"];
    assert_eq!(counts[format!("opt-{}", live_options[0])], 0);
    assert_eq!(counts[format!("opt-{}", live_options[1])], 2);
    assert_eq!(counts[format!("opt-{}-pct", live_options[1])], 100);
    assert_eq!(tally.data["bars"][format!("opt-{}", live_options[1])], 1000);
    for o in &hidden_options {
        assert!(counts.get(format!("opt-{o}")).is_none(), "{counts}");
    }
    assert!(
        counts.get(format!("poll-{hidden_poll}-ballots")).is_none(),
        "{counts}"
    );

    // A mark: the comment's three counts.
    let comment: i64 = sqlx::query_scalar("SELECT id FROM consultation_comments WHERE body = $1")
        .bind(body)
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap();
    let id = comment.to_string();
    let (s, r) = b
        .call_json("consultations/mark", &[("comment", &id), ("mark", "agree")])
        .await;
    assert_eq!(s, 200, "{r}");
    let marks = watch.until("marks").await;
    assert_eq!(marks.data["counts"][format!("mark-{comment}-agree")], 1);
    assert_eq!(marks.data["counts"][format!("mark-{comment}-disagree")], 0);
}

#[tokio::test]
async fn a_draft_s_stream_is_its_agency_s_and_a_reconnect_hears_missed_steps() {
    let app = TestApp::spawn().await;
    let (o, agency) = officer(&app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let code = create(&o, &form(&agency, &at(-1), &at(7))).await;
    let anonymous = app.client();
    let citizen = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    let (other, _) = officer(&app, "officer@phuongmot.vn", "UBND phường Một").await;
    for c in [&anonymous, &citizen, &other] {
        assert_eq!(c.get(&stream(&code)).await.status(), 404);
    }
    for bad in ["khong-co", "A%00", "x'--"] {
        assert_eq!(anonymous.get(&stream(bad)).await.status(), 404, "{bad}");
    }
    drop(Watch::open(&o, &stream(&code), None).await);

    publish(&o, &code).await;
    let mut watch = Watch::open(&anonymous, &stream(&code), None).await;
    let text = DRAFT.replace(
        "1. Hộ gia đình cư trú trên địa bàn thôn.",
        "1. Hộ gia đình và cá nhân cư trú trên địa bàn thôn.",
    );
    let (s, r) = o
        .call_json(
            "consultations/new_version",
            &[("code", &code), ("draft", &text)],
        )
        .await;
    assert_eq!(s, 200, "{r}");
    let step = watch.until("step").await;
    let newest = step.data["step"].as_i64().unwrap();

    // Back after the first step only: told to fetch the page again.
    let mut back = Watch::open(&anonymous, &stream(&code), Some(&(newest - 1).to_string())).await;
    let missed = back.until("step").await;
    assert_eq!(missed.data["missed"], true);
}
