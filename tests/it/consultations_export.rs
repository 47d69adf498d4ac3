//! The CSV exports of a consultation over real HTTP: the same readers as
//! its page (a draft's files are "not found" to everyone but its agency),
//! counts only where the page shows them, formulas kept as text, and a
//! byte-order mark so spreadsheets read Vietnamese.

use super::consultations_flow::{at, create, form, get, officer, publish};
use crate::common::{Client, TestApp};

/// A file's status, content type and text.
async fn file(c: &Client, path: &str) -> (u16, String, String) {
    let res = c.get(path).await;
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, res.text().await.unwrap())
}

#[tokio::test]
async fn exports_show_what_the_page_shows_to_the_same_reader() {
    let app = TestApp::spawn().await;
    let (o, agency) = officer(&app, "export-o@anbinh.vn", "UBND xã An Bình").await;
    let (elsewhere, _) = officer(&app, "export-x@khac.vn", "UBND xã Khác").await;
    let code = create(&o, &form(&agency, &at(-1), &at(7))).await;
    for (question, kind, hidden) in [
        ("Bạn đồng ý với dự thảo?", "yes_no", ""),
        ("Bạn đánh giá dự thảo thế nào?", "scale", "on"),
    ] {
        let (s, body) = o
            .call_json(
                "consultations/add_poll",
                &[
                    ("code", &code),
                    ("question", question),
                    ("kind", kind),
                    ("results_hidden", hidden),
                ],
            )
            .await;
        assert_eq!(s, 200, "{body}");
    }
    let citizen = app
        .verified_citizen("export-c@anbinh.vn", "Người Dân")
        .await;
    let polls = format!("/consultations/{code}/polls.csv");
    let comments = format!("/consultations/{code}/comments.csv");

    // a draft: its agency reads the files, nobody else learns it exists
    for path in [&polls, &comments] {
        for who in [&app.client(), &citizen, &elsewhere] {
            assert_eq!(file(who, path).await.0, 404, "{path}");
        }
        assert_eq!(file(&o, path).await.0, 200, "{path}");
    }
    assert_eq!(
        file(&app.client(), "/consultations/khong-co/polls.csv")
            .await
            .0,
        404
    );

    publish(&o, &code).await;
    let (_, detail) = get(&citizen, &code).await;
    let yes = detail["polls"][0]["options"][0]["id"].to_string();
    let five = detail["polls"][1]["options"][4]["id"].to_string();
    for (poll, choice) in [
        (&detail["polls"][0]["id"], &yes),
        (&detail["polls"][1]["id"], &five),
    ] {
        let (s, body) = citizen
            .call_json(
                "consultations/vote",
                &[("poll", &poll.to_string()), ("choices[]", choice)],
            )
            .await;
        assert_eq!(s, 200, "{body}");
    }
    let author = app
        .verified_citizen("export-a@anbinh.vn", "Trần Văn B")
        .await;
    for (article, body) in [
        ("1", "=HYPERLINK(\"http://evil.example\",\"Bấm vào\")"),
        ("2", "Nên bổ sung nhà văn hóa thôn, và \"sân chơi\"."),
    ] {
        let (s, v) = author
            .call_json(
                "consultations/comment",
                &[("code", &code), ("article", article), ("body", body)],
            )
            .await;
        assert_eq!(s, 200, "{v}");
    }
    let (_, detail) = get(&citizen, &code).await;
    let first = detail["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["article"] == "2")
        .unwrap()["id"]
        .to_string();
    let (s, v) = citizen
        .call_json(
            "consultations/mark",
            &[("comment", &first), ("mark", "agree")],
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let (s, v) = citizen
        .call_json(
            "consultations/comment",
            &[
                ("code", &code),
                ("article", "2"),
                ("parent", &first),
                ("body", "Đồng ý, cần thêm sân chơi."),
            ],
        )
        .await;
    assert_eq!(s, 200, "{v}");

    // published: anyone reads both; the hidden poll's counts stay hidden while open
    let (s, kind, text) = file(&app.client(), &polls).await;
    assert_eq!(s, 200);
    assert_eq!(kind, "text/csv; charset=utf-8");
    assert!(text.starts_with('\u{feff}'), "a byte-order mark first");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "poll,question,kind,option,votes,ballots");
    let yes_no: Vec<&&str> = lines.iter().filter(|l| l.contains("yes_no")).collect();
    assert_eq!(yes_no.len(), 2, "{text}");
    assert!(
        yes_no[0].ends_with(",1,1"),
        "the live poll's counts: {text}"
    );
    let scale: Vec<&&str> = lines.iter().filter(|l| l.contains(",scale,")).collect();
    assert_eq!(scale.len(), 5, "{text}");
    assert!(
        scale.iter().all(|l| l.ends_with(",,")),
        "hidden until the close: {text}"
    );

    let (s, _, text) = file(&app.client(), &comments).await;
    assert_eq!(s, 200);
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "comment,article,reply_to,author,created_at,body,agree,disagree,pass"
    );
    assert_eq!(lines.len(), 4, "two comments and a reply: {text}");
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm vào\"\")\""),
        "a formula stays text: {text}"
    );
    assert!(
        text.contains("\"Nên bổ sung nhà văn hóa thôn, và \"\"sân chơi\"\".\",1,0,0"),
        "quoted, with its marks: {text}"
    );
    assert!(
        text.contains(&format!(",2,{first},Người Dân,")),
        "the reply: {text}"
    );
    assert!(!text.contains("export-a@anbinh.vn"), "no e-mail addresses");
}
