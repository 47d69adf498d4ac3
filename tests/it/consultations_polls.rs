//! Polls over real HTTP: the officer attaches them to a draft, citizens
//! answer once each (changeable until the close), results live or hidden
//! until the close, and tallies that never drift from the ballots.

use super::consultations_flow::{at, create, form, get, officer, publish};
use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;

async fn add_poll(o: &Client, code: &str, fields: &[(&str, &str)]) -> (u16, Value) {
    let mut f = vec![("code", code)];
    f.extend_from_slice(fields);
    o.call_json("consultations/add_poll", &f).await
}

async fn vote(c: &Client, poll: i64, choices: &[i64]) -> (u16, Value) {
    let poll = poll.to_string();
    let choices: Vec<String> = choices.iter().map(|c| c.to_string()).collect();
    let mut f = vec![("poll", poll.as_str())];
    f.extend(choices.iter().map(|c| ("choices[]", c.as_str())));
    c.call_json("consultations/vote", &f).await
}

fn option_ids(p: &Value) -> Vec<i64> {
    p["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

fn votes(p: &Value) -> Vec<Option<i64>> {
    p["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].as_i64())
        .collect()
}

/// A draft with the four kinds of poll (the second keeps results hidden), published open.
async fn with_polls(app: &TestApp) -> (Client, String) {
    let (o, agency) = officer(app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let (opens, closes) = (at(-1), at(7));
    let code = create(&o, &form(&agency, &opens, &closes)).await;
    let polls: [&[(&str, &str)]; 4] = [
        &[
            ("question", "Nên đổ rác vào giờ nào?"),
            ("kind", "single"),
            ("options", "Sáng sớm\nChiều tối\nCả hai"),
        ],
        &[
            ("question", "Những công trình nào cần ưu tiên?"),
            ("kind", "multiple"),
            ("options", "Nhà văn hóa\nĐường làng\nSân chơi\nĐèn đường"),
            ("max_choices", "2"),
            ("results_hidden", "on"),
        ],
        &[("question", "Bạn đồng ý với dự thảo?"), ("kind", "yes_no")],
        &[
            ("question", "Bạn đánh giá dự thảo thế nào?"),
            ("kind", "scale"),
        ],
    ];
    for p in polls {
        let (s, body) = add_poll(&o, &code, p).await;
        assert_eq!(s, 200, "{body}");
    }
    (o, code)
}

#[tokio::test]
async fn polls_are_attached_by_officers_and_checked() {
    let app = TestApp::spawn().await;
    let (o, code) = with_polls(&app).await;
    let (s, body) = add_poll(
        &o,
        &code,
        &[
            ("question", "Một phương án?"),
            ("kind", "single"),
            ("options", "Chỉ một"),
        ],
    )
    .await;
    assert_invalid(s, &body, "options", "consultations.options_too_few");
    let (s, body) = add_poll(
        &o,
        &code,
        &[
            ("question", "Tối đa?"),
            ("kind", "multiple"),
            ("options", "A\nB"),
            ("max_choices", "3"),
        ],
    )
    .await;
    assert_invalid(s, &body, "max_choices", "consultations.max_choices_invalid");
    let (s, body) = add_poll(&o, &code, &[("question", "Loại lạ?"), ("kind", "ranked")]).await;
    assert_invalid(s, &body, "kind", "consultations.kind_required");
    let (s, body) = add_poll(&o, &code, &[("question", ""), ("kind", "yes_no")]).await;
    assert_invalid(s, &body, "question", "consultations.question_required");
    let citizen = app.verified_citizen("dan@anbinh.vn", "Người Dân").await;
    let (s, _) = add_poll(
        &citizen,
        &code,
        &[("question", "Của công dân?"), ("kind", "yes_no")],
    )
    .await;
    assert_eq!(s, 403);
    publish(&o, &code).await;
    let (s, body) = add_poll(
        &o,
        &code,
        &[("question", "Sau khi công bố?"), ("kind", "yes_no")],
    )
    .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.published_locked"))
    );
    let (_, d) = get(&citizen, &code).await;
    let polls = d["polls"].as_array().unwrap();
    assert_eq!(polls.len(), 4);
    assert_eq!(option_ids(&polls[2]).len(), 2);
    assert_eq!(option_ids(&polls[3]).len(), 5);
    assert_eq!(polls[1]["max_choices"], 2);
}

#[tokio::test]
async fn one_ballot_per_account_changeable_with_every_refusal() {
    let app = TestApp::spawn().await;
    let (_, code) = with_polls(&app).await;
    // An admin may publish any agency's consultation.
    let admin = app.user("admin@anbinh.vn", "admin", None).await;
    publish(&admin, &code).await;
    let a = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    let b = app.verified_citizen("b@anbinh.vn", "Trần Thị B").await;
    let (_, d) = get(&a, &code).await;
    let polls: Vec<Value> = d["polls"].as_array().unwrap().clone();
    let (single, multiple) = (&polls[0], &polls[1]);
    let (sid, mid) = (
        single["id"].as_i64().unwrap(),
        multiple["id"].as_i64().unwrap(),
    );
    let (so, mo) = (option_ids(single), option_ids(multiple));

    assert_eq!(vote(&a, sid, &[so[0]]).await.0, 200);
    assert_eq!(
        vote(&a, sid, &[so[0]]).await.0,
        200,
        "sent twice: one ballot"
    );
    assert_eq!(vote(&b, sid, &[so[0]]).await.0, 200);
    assert_eq!(vote(&b, sid, &[so[2]]).await.0, 200, "changed");
    let (s, body) = vote(&a, sid, &[so[0], so[1]]).await;
    assert_invalid(s, &body, "choices", "consultations.too_many_choices");
    let (s, body) = vote(&a, sid, &[mo[0]]).await;
    assert_invalid(s, &body, "choices", "consultations.choice_not_in_poll");
    let (s, body) = vote(&a, sid, &[]).await;
    assert_invalid(s, &body, "choices", "consultations.choice_required");
    let (s, body) = vote(&a, mid, &[mo[0], mo[1], mo[2]]).await;
    assert_invalid(s, &body, "choices", "consultations.too_many_choices");
    assert_eq!(vote(&a, mid, &[mo[0], mo[3]]).await.0, 200);
    assert_eq!(vote(&a, 999_999, &[so[0]]).await.0, 404);
    assert_eq!(vote(&app.client(), sid, &[so[0]]).await.0, 401);

    let (_, d) = get(&app.client(), &code).await;
    assert_eq!(votes(&d["polls"][0]), vec![Some(1), Some(0), Some(1)]);
    assert_eq!(d["polls"][0]["ballots"], 2);
    // Hidden until the close: no counts while open, to anyone.
    assert_eq!(votes(&d["polls"][1]), vec![None, None, None, None]);
    assert!(d["polls"][1]["ballots"].is_null());
    let (_, mine) = get(&a, &code).await;
    assert_eq!(
        mine["polls"][1]["my_choices"],
        serde_json::json!([mo[0], mo[3]])
    );
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultation_ballots")
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap();
    assert_eq!(n, 3);
    // The chart and its table are on the page, without JavaScript.
    let html = app
        .client()
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg") && html.contains("<table") && html.contains("Chiều tối"));
}

#[tokio::test]
async fn tallies_match_the_ballots_after_many_concurrent_changes() {
    let app = TestApp::spawn().await;
    let (o, code) = with_polls(&app).await;
    publish(&o, &code).await;
    let mut voters = Vec::new();
    for i in 0..8 {
        voters.push(
            app.verified_citizen(&format!("v{i}@anbinh.vn"), &format!("Cử tri {i}"))
                .await,
        );
    }
    let (_, d) = get(&voters[0], &code).await;
    let poll = &d["polls"][3];
    let (pid, options) = (poll["id"].as_i64().unwrap(), option_ids(poll));
    // Each voter changes their answer ten times, all voters at once; the
    // last answer of voter i is option i % 5.
    let tasks = voters.iter().enumerate().map(|(i, v)| {
        let (v, options) = (v.clone(), options.clone());
        tokio::spawn(async move {
            for round in 0..10 {
                let pick = if round == 9 { i % 5 } else { (i + round) % 5 };
                let (s, body) = vote(&v, pid, &[options[pick]]).await;
                assert_eq!(s, 200, "{body}");
            }
        })
    });
    for t in futures::future::join_all(tasks).await {
        t.unwrap();
    }
    let mut expected = vec![0_i64; 5];
    for i in 0..voters.len() {
        expected[i % 5] += 1;
    }
    let (_, d) = get(&app.client(), &code).await;
    let shown: Vec<i64> = votes(&d["polls"][3])
        .into_iter()
        .map(|v| v.unwrap())
        .collect();
    assert_eq!(shown, expected);
    let db = pool(&app.database_url).await;
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultation_ballot_choices ch JOIN consultation_ballots b ON b.id = ch.ballot_id WHERE b.poll_id = $1",
    )
    .bind(pid)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        rows,
        voters.len() as i64,
        "one choice per ballot, one ballot per voter"
    );
}
