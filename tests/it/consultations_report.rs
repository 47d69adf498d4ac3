//! After a consultation: followers hear of its close (once, even with two
//! instances) and of its closing report; the report is published once by
//! its agency, after the close only, with a response to every article that
//! was commented on — over real HTTP, on both databases.

use super::consultations_flow::{agency_id, at, create, form, get, officer, open_consultation};
use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;
use std::time::Duration;

async fn inbox(c: &Client) -> Vec<Value> {
    let (s, body) = c.call_json("inbox/list", &[]).await;
    assert_eq!(s, 200, "{body}");
    body.as_array().cloned().unwrap_or_default()
}

/// Moves a consultation's close into the past.
async fn close(app: &TestApp, code: &str) {
    let now = super::consultations_flow::now();
    sqlx::query("UPDATE consultations SET opens_at = $1, closes_at = $2 WHERE code = $3")
        .bind(now - 7_200_000)
        .bind(now - 1_000)
        .bind(code)
        .execute(&pool(&app.database_url).await)
        .await
        .unwrap();
}

/// The inbox entries of kind `kind` that `c` has, waiting up to 10 s for
/// the background close notice.
async fn wait_for(c: &Client, kind: &str, n: usize) -> Vec<Value> {
    for _ in 0..100 {
        let of_kind: Vec<Value> = inbox(c)
            .await
            .into_iter()
            .filter(|e| e["kind"] == kind)
            .collect();
        if of_kind.len() >= n {
            return of_kind;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no {kind} entry in the inbox");
}

fn report_form<'a>(
    code: &'a str,
    summary: &'a str,
    rows: &[(&'a str, &'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("code", code), ("report_summary", summary)];
    for (article, verdict, reason) in rows {
        f.push(("articles[]", article));
        f.push(("verdicts[]", verdict));
        f.push(("reasons[]", reason));
    }
    f
}

const SUMMARY: &str =
    "Đã nhận 2 ý kiến về đối tượng áp dụng; nhân dân đề nghị bổ sung nhà văn hóa thôn.";

#[tokio::test]
async fn followers_hear_of_the_close_once_and_of_the_report() {
    let app = TestApp::spawn_with(&[("CONSULTATION_SWEEP_MS", "100")]).await;
    let second = app
        .another_instance_with(&[("CONSULTATION_SWEEP_MS", "100")])
        .await;
    let (o, code) = open_consultation(&app).await;
    let a = app.verified_citizen("a@anbinh.vn", "Nguyễn Văn A").await;
    let quiet = app.verified_citizen("q@anbinh.vn", "Lê Thị Q").await;
    let stranger = app.verified_citizen("s@anbinh.vn", "Phạm S").await;

    // Following: signed in only; the e-mail choice can change; a draft cannot be followed.
    assert_eq!(
        app.client()
            .call_json("consultations/follow", &[("code", &code)])
            .await
            .0,
        401
    );
    let (s, body) = a
        .call_json("consultations/follow", &[("code", &code), ("email", "on")])
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        quiet
            .call_json("consultations/follow", &[("code", &code)])
            .await
            .0,
        200
    );
    let (_, d) = get(&a, &code).await;
    assert_eq!(
        (d["following"].clone(), d["followers"].clone()),
        (Value::Bool(true), Value::from(2))
    );
    let (_, d) = get(&quiet, &code).await;
    assert_eq!(d["following"], Value::Bool(false));
    let (_, d) = get(&stranger, &code).await;
    assert!(d["following"].is_null());
    let (s, body) = stranger
        .call_json("consultations/unfollow", &[("code", &code)])
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("follows.not_following"))
    );
    let agency = agency_id(&app, "UBND xã An Bình").await;
    let draft = create(&o, &form(&agency, &at(-1), &at(5))).await;
    let (s, body) = a
        .call_json("consultations/follow", &[("code", &draft)])
        .await;
    assert_eq!(s, 404, "a draft is not found to a citizen: {body}");
    let (s, body) = o
        .call_json("consultations/follow", &[("code", &draft)])
        .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.follow_unpublished"))
    );

    // A comment on article 2, then no report before the close.
    let (s, body) = a
        .call_json(
            "consultations/comment",
            &[
                ("code", &code),
                ("article", "2"),
                ("body", "Nên bổ sung nhà văn hóa thôn."),
            ],
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let early = report_form(&code, SUMMARY, &[("2", "accepted", "Đã bổ sung.")]);
    let (s, body) = o.call_json("consultations/report", &early).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.report_before_close"))
    );

    // The close is told once to each follower, though two instances look.
    close(&app, &code).await;
    let closed = wait_for(&a, "closed", 1).await;
    assert_eq!(closed[0]["subject"], "consultation");
    assert_eq!(closed[0]["link"], format!("/consultations/{code}"));
    assert!(
        closed[0]["what"].as_str().unwrap().contains("kết thúc"),
        "{}",
        closed[0]
    );
    wait_for(&quiet, "closed", 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(wait_for(&a, "closed", 1).await.len(), 1, "told once");
    let db = pool(&app.database_url).await;
    let steps: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM subject_events WHERE subject_kind = 'consultation' AND kind = 'closed'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(steps, 1);
    let mail = app.last_mail("a@anbinh.vn").await;
    assert!(mail.contains(&format!("/consultations/{code}")), "{mail}");
    let mails_to_quiet: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE to_addr = 'q@anbinh.vn' AND body LIKE '%/consultations/%'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(mails_to_quiet, 0, "e-mails off: the inbox only");

    // The report: only its agency's officer; every commented article answered.
    let (other, _) = officer(&app, "officer@phuongmot.vn", "UBND phường Một").await;
    let good = report_form(
        &code,
        SUMMARY,
        &[
            ("1", "", ""),
            ("2", "partly", "Bổ sung nhà văn hóa, không bổ sung chợ."),
            ("3", "", ""),
        ],
    );
    assert_eq!(other.call_json("consultations/report", &good).await.0, 403);
    assert_eq!(a.call_json("consultations/report", &good).await.0, 403);
    assert_eq!(
        app.client()
            .call_json("consultations/report", &good)
            .await
            .0,
        401
    );
    let (s, body) = o
        .call_json(
            "consultations/report",
            &report_form(&code, SUMMARY, &[("2", "", "")]),
        )
        .await;
    assert_invalid(s, &body, "verdict_2", "consultations.verdict_required");
    let (s, body) = o
        .call_json(
            "consultations/report",
            &report_form(&code, SUMMARY, &[("2", "accepted", " ")]),
        )
        .await;
    assert_invalid(s, &body, "reason_2", "consultations.reason_required");
    let (s, body) = o
        .call_json(
            "consultations/report",
            &report_form(&code, "Ngắn", &[("2", "accepted", "Có")]),
        )
        .await;
    assert_invalid(
        s,
        &body,
        "report_summary",
        "consultations.report_summary_required",
    );
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultation_reports")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(reports, 0, "refused reports change nothing");

    // Sent twice: one report, one step; a different one afterwards is refused.
    for _ in 0..2 {
        let (s, body) = o.call_json("consultations/report", &good).await;
        assert_eq!(s, 200, "{body}");
    }
    let other_text = report_form(
        &code,
        "Một bản tổng hợp khác hẳn.",
        &[("2", "accepted", "Khác.")],
    );
    let (s, body) = o.call_json("consultations/report", &other_text).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("consultations.report_published"))
    );
    let reported = wait_for(&a, "report", 1).await;
    assert_eq!(reported.len(), 1);
    wait_for(&quiet, "report", 1).await;
    let (_, d) = get(&app.client(), &code).await;
    assert_eq!(d["report"]["summary"], SUMMARY);
    assert_eq!(d["report"]["responses"].as_array().unwrap().len(), 1);
    assert_eq!(d["report"]["responses"][0]["verdict"], "partly");

    // On the page, without JavaScript, for anyone.
    let html = app
        .client()
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("nhà văn hóa, không bổ sung chợ") && html.contains("Tiếp thu một phần"),
        "report on the page"
    );
    drop(second);
}

#[tokio::test]
async fn the_report_form_and_the_wait_for_it_show_on_the_page_after_the_close() {
    let app = TestApp::spawn().await;
    let (o, code) = open_consultation(&app).await;
    let html = o
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !html.contains("report_summary"),
        "no report form while open"
    );
    close(&app, &code).await;
    let html = o
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("name=\"report_summary\"") && html.contains("verdicts[]"));
    let public = app
        .client()
        .get(&format!("/consultations/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!public.contains("report_summary") && public.contains("chưa công bố báo cáo"));
}
