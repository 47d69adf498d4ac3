//! Petitions over real HTTP: submit, track, list and search, support, the
//! officers' workflow and its permissions.

use crate::common::{assert_invalid, Client, TestApp};
use serde_json::Value;

const BODY: &str =
    "Mặt đường bị hư hỏng nặng, nhiều ổ gà gây nguy hiểm cho người đi đường vào ban đêm.";

/// Submits a petition through the server function; returns its tracking code.
pub(crate) async fn submit(c: &Client, title: &str, visibility: &str) -> String {
    let res = c
        .call(
            "petitions/submit",
            &[
                ("kind", "petition"),
                ("title", title),
                ("body", BODY),
                ("category", "1"),
                ("locality", "461001"),
                ("visibility", visibility),
                ("show_name", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    // The server function redirects to the new petition's page.
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let code = location
        .trim_start_matches("/petitions/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    assert!(code.starts_with("QT-"), "{location}");
    code
}

/// An officer moves a petition to `status` with `note`; it must succeed.
pub(crate) async fn step(officer: &Client, code: &str, status: &str, note: &str) {
    let (s, body) = officer
        .call_json(
            "petitions/change_status",
            &[("code", code), ("status", status), ("note", note)],
        )
        .await;
    assert_eq!(s, 200, "{code} -> {status}: {body}");
}

async fn get(c: &Client, code: &str) -> (u16, Value) {
    c.call_json("petitions/get", &[("code", code)]).await
}

#[tokio::test]
async fn submit_then_track_by_code() {
    let app = TestApp::spawn().await;
    let citizen = app.client();
    assert_eq!(
        citizen
            .register("dan@example.vn", "Người Dân")
            .await
            .status(),
        200
    );
    let code = submit(&citizen, "Sửa đường Lê Duẩn", "public").await;

    let anon = app.client();
    let (status, p) = get(&anon, &code).await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["summary"]["title"], "Sửa đường Lê Duẩn");
    assert_eq!(p["summary"]["status"], "submitted");
    assert_eq!(p["body"], BODY);
    assert_eq!(p["author"], "Người Dân");
    assert_eq!(p["events"].as_array().unwrap().len(), 1);
    assert_eq!(p["can_support"], false, "anonymous readers cannot support");
    // lower case and no dashes are accepted
    let (status, _) = get(&anon, &code.to_lowercase().replace('-', "")).await;
    assert_eq!(status, 200);

    // A mistyped code is invalid (check character), not "not found".
    let mut typo: Vec<char> = code.chars().collect();
    let i = 7;
    typo[i] = if typo[i] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    let (status, body) = get(&anon, &typo).await;
    assert_invalid(status, &body, "code", "petitions.code_invalid");
    let (status, body) = get(&anon, "hello").await;
    assert_invalid(status, &body, "code", "petitions.code_invalid");

    // The page renders on the server.
    let html = anon
        .get(&format!("/track/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sửa đường Lê Duẩn") && html.contains(&code));
    let html = anon
        .get(&format!("/track?code={}", code.to_lowercase()))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Sửa đường Lê Duẩn"),
        "the GET form lands on the petition"
    );
}

#[tokio::test]
async fn bad_submissions_change_nothing() {
    let app = TestApp::spawn().await;
    let anon = app.client();
    let (status, _) = anon
        .call_json("petitions/submit", &[("kind", "petition")])
        .await;
    assert!(status == 400 || status == 401, "{status}");
    let citizen = app.client();
    assert_eq!(
        citizen.register("x@example.vn", "Người Dân").await.status(),
        200
    );
    let base = [
        ("kind", "petition"),
        ("title", "Một tiêu đề đủ dài"),
        ("body", BODY),
        ("category", "1"),
        ("locality", "461001"),
        ("visibility", "public"),
    ];
    let cases = [
        ("title", "ngắn", "petitions.title_too_short"),
        ("body", "quá ngắn", "petitions.body_too_short"),
        ("category", "999", "petitions.category_invalid"),
        ("category", "abc", "petitions.category_invalid"),
        ("locality", "", "petitions.locality_required"),
        ("locality", "12", "accounts.locality_invalid"),
        ("visibility", "secret", "petitions.visibility_invalid"),
        ("kind", "rant", "petitions.kind_invalid"),
    ];
    for (field, value, key) in cases {
        let form: Vec<(&str, &str)> = base
            .iter()
            .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
            .collect();
        let (status, body) = citizen.call_json("petitions/submit", &form).await;
        let expected_field = if key == "accounts.locality_invalid" {
            "locality"
        } else {
            field
        };
        assert_invalid(status, &body, expected_field, key);
    }
    let (_, mine) = citizen.call_json("petitions/mine", &[]).await;
    assert_eq!(mine.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn private_petitions_show_only_status_and_timeline() {
    let app = TestApp::spawn().await;
    let author = app.client();
    assert_eq!(
        author
            .register("rieng@example.vn", "Riêng Tư")
            .await
            .status(),
        200
    );
    let code = submit(&author, "Chuyện riêng của gia đình", "private").await;
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(p["redacted"], true);
    assert_eq!(p["summary"]["title"], "");
    assert_eq!(p["body"], "");
    assert_eq!(p["author"], Value::Null);
    assert_eq!(p["summary"]["status"], "submitted");
    assert_eq!(p["events"].as_array().unwrap().len(), 1);
    let (_, own) = get(&author, &code).await;
    assert_eq!(own["redacted"], false);
    assert_eq!(own["body"], BODY);
    // Not in the public list, and cannot be supported.
    let (_, list) = app.client().call_json("petitions/list", &[]).await;
    assert_eq!(list["total"], 0);
    let other = app.client();
    assert_eq!(
        other
            .register("khac@example.vn", "Người Khác")
            .await
            .status(),
        200
    );
    app.verify_email("khac@example.vn").await;
    let (status, _) = other
        .call_json("petitions/support", &[("code", &code)])
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn list_search_without_diacritics_filters_and_pages() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(
        c.register("list@example.vn", "Danh Sách").await.status(),
        200
    );
    submit(&c, "Đường Lê Duẩn xuống cấp", "public").await;
    submit(&c, "Nước sinh hoạt bị đục", "public").await;
    for i in 0..21 {
        submit(&c, &format!("Kiến nghị số {i:02} về chiếu sáng"), "public").await;
    }
    let list = |q: &'static str, page: &'static str| {
        let c = c.clone();
        async move {
            let (status, v) = c
                .call_json(
                    "petitions/list",
                    &[("filter[q]", q), ("filter[page]", page)],
                )
                .await;
            assert_eq!(status, 200, "{v}");
            v
        }
    };
    let v = list("duong le duan", "1").await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["title"], "Đường Lê Duẩn xuống cấp");
    assert_eq!(list("NƯỚC", "1").await["total"], 1);
    assert_eq!(list("nuoc duc", "1").await["total"], 1);
    let all = list("", "1").await;
    assert_eq!(all["total"], 23);
    assert_eq!(all["items"].as_array().unwrap().len(), 20);
    assert_eq!(list("", "2").await["items"].as_array().unwrap().len(), 3);
    let (_, by_status) = c
        .call_json("petitions/list", &[("filter[status]", "answered")])
        .await;
    assert_eq!(by_status["total"], 0);
    let (status, body) = c
        .call_json("petitions/list", &[("filter[status]", "bogus")])
        .await;
    assert_invalid(status, &body, "status", "petitions.status_invalid");
    let (_, by_cat) = c
        .call_json("petitions/list", &[("filter[category]", "roads")])
        .await;
    assert_eq!(by_cat["total"], 23);
    // wildcard characters are not patterns
    assert_eq!(list("%", "1").await["total"], 23);
    assert_eq!(list("%%duan", "1").await["total"], 1);
}

#[tokio::test]
async fn supports_once_each_withdrawable_not_own() {
    let app = TestApp::spawn().await;
    let author = app.client();
    assert_eq!(
        author
            .register("tacgia@example.vn", "Tác Giả")
            .await
            .status(),
        200
    );
    app.verify_email("tacgia@example.vn").await;
    let code = submit(&author, "Trồng thêm cây xanh", "public").await;
    let (status, body) = author
        .call_json("petitions/support", &[("code", &code)])
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("petitions.support_own"))
    );

    let mut supporters = Vec::new();
    for i in 0..3 {
        let c = app.client();
        assert_eq!(
            c.register(&format!("s{i}@example.vn"), "Ủng Hộ")
                .await
                .status(),
            200
        );
        app.verify_email(&format!("s{i}@example.vn")).await;
        let (status, _) = c.call_json("petitions/support", &[("code", &code)]).await;
        assert_eq!(status, 200);
        supporters.push(c);
    }
    let (status, body) = supporters[0]
        .call_json("petitions/support", &[("code", &code)])
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("petitions.support_twice"))
    );
    let (_, p) = get(&supporters[0], &code).await;
    assert_eq!(
        (p["summary"]["supports"].as_i64(), p["supported"].as_bool()),
        (Some(3), Some(true))
    );
    let (status, _) = supporters[0]
        .call_json("petitions/withdraw_support", &[("code", &code)])
        .await;
    assert_eq!(status, 200);
    let (status, _) = supporters[0]
        .call_json("petitions/withdraw_support", &[("code", &code)])
        .await;
    assert_eq!(status, 409);
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["supports"], 2);
    let (status, _) = app
        .client()
        .call_json("petitions/support", &[("code", &code)])
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn officers_move_petitions_through_the_workflow() {
    let app = TestApp::spawn().await;
    let citizen = app.client();
    assert_eq!(
        citizen.register("cd@example.vn", "Công Dân").await.status(),
        200
    );
    let code = submit(&citizen, "Đèn đường bị hỏng", "public").await;
    let officer = app
        .user("o1@example.vn", "officer", Some("Sở Giao thông"))
        .await;

    // citizens cannot change a status
    let (status, _) = citizen
        .call_json(
            "petitions/change_status",
            &[("code", &code), ("status", "accepted"), ("note", "")],
        )
        .await;
    assert_eq!(status, 403);
    // the officer's agency handles it (the first officer takes what no agency had)
    let (_, queue) = officer.call_json("petitions/queue", &[]).await;
    assert_eq!(queue.as_array().unwrap().len(), 1);

    let step = |status: &'static str, note: &'static str| {
        let (officer, code) = (officer.clone(), code.clone());
        async move {
            officer
                .call_json(
                    "petitions/change_status",
                    &[("code", &code), ("status", status), ("note", note)],
                )
                .await
        }
    };
    let (s, body) = step("answered", "too early").await;
    assert_invalid(s, &body, "status", "petitions.status_not_allowed");
    assert_eq!(step("accepted", "").await.0, 200);
    assert_eq!(step("assigned", "Chuyển Sở Giao thông").await.0, 200);
    let (s, body) = step("answered", "").await;
    assert_invalid(s, &body, "note", "petitions.note_required");
    assert_eq!(step("answered", "Đã thay bóng đèn mới.").await.0, 200);
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["status"], "answered");
    assert_eq!(p["answer"], "Đã thay bóng đèn mới.");
    let events: Vec<&str> = p["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["submitted", "accepted", "assigned", "answered"]);
    assert_eq!(step("closed", "").await.0, 200);
    let (s, body) = step("in_progress", "").await;
    assert_invalid(s, &body, "status", "petitions.status_not_allowed");
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["status"], "closed");
    // The closed petition leaves the queue and cannot be supported.
    let (_, queue) = officer.call_json("petitions/queue", &[]).await;
    assert_eq!(queue.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn officers_of_another_agency_cannot_touch_a_routed_petition() {
    let app = TestApp::spawn().await;
    let ours = app
        .user("ours@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    let theirs = app
        .user("theirs@example.vn", "officer", Some("Sở Y tế"))
        .await;
    // Route the roads category to our agency.
    let pool = crate::common::pool(&app.database_url).await;
    sqlx::query("UPDATE categories SET agency_id = (SELECT id FROM agencies WHERE name = 'Sở Xây dựng') WHERE code = 'roads'")
        .execute(&pool)
        .await
        .unwrap();
    let citizen = app.client();
    assert_eq!(
        citizen
            .register("cd2@example.vn", "Công Dân")
            .await
            .status(),
        200
    );
    let code = submit(&citizen, "Đường làng bị sạt lở", "public").await;
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(p["agency"], "Sở Xây dựng", "routed by category");
    let (status, _) = theirs
        .call_json(
            "petitions/change_status",
            &[("code", &code), ("status", "accepted"), ("note", "")],
        )
        .await;
    assert_eq!(status, 403);
    let (_, q) = theirs.call_json("petitions/queue", &[]).await;
    assert_eq!(q.as_array().unwrap().len(), 0);
    let (status, _) = ours
        .call_json(
            "petitions/change_status",
            &[("code", &code), ("status", "accepted"), ("note", "")],
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_public_json_api_lists_and_shows_public_fields_only() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(
        c.register("api@example.vn", "Người Dùng API")
            .await
            .status(),
        200
    );
    let public = submit(&c, "Đường Hùng Vương thiếu đèn", "public").await;
    let private = submit(&c, "Việc riêng của tôi cần hỏi", "private").await;
    let http = reqwest::Client::new();
    let get = |path: String| {
        let http = http.clone();
        let base = app.base.clone();
        async move {
            let res = http.get(format!("{base}{path}")).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap())
        }
    };
    let (status, list) = get("/api/v1/petitions?q=hung+vuong".into()).await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["code"], public.as_str());
    let (_, all) = get("/api/v1/petitions".into()).await;
    assert_eq!(all["total"], 1, "private petitions are not listed");
    let (status, one) = get(format!("/api/v1/petitions/{public}")).await;
    assert_eq!(status, 200);
    assert_eq!(one["summary"]["title"], "Đường Hùng Vương thiếu đèn");
    assert_eq!(one["supported"], false);
    let (_, hidden) = get(format!("/api/v1/petitions/{private}")).await;
    assert_eq!(
        (hidden["redacted"].as_bool(), hidden["body"].as_str()),
        (Some(true), Some(""))
    );
    let (status, err) = get("/api/v1/petitions/QT-26-22222-2".into()).await;
    assert_eq!((status, err["kind"].as_str()), (422, Some("validation")));
    let (status, _) = get("/api/v1/petitions?page=abc".into()).await;
    assert_eq!(status, 400);
    let (status, _) = get("/api/v1/petitions?status=nope".into()).await;
    assert_eq!(status, 422);
}

/// A petition taken to "answered" by an officer; returns (petitioner, officer, code).
pub(crate) async fn answered(app: &TestApp) -> (Client, Client, String) {
    let citizen = app.client();
    assert_eq!(
        citizen
            .register("tl@example.vn", "Người Gửi")
            .await
            .status(),
        200
    );
    let code = submit(&citizen, "Hệ thống thoát nước xuống cấp", "public").await;
    let officer = app
        .user("tl-o@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    for (status, note) in [
        ("accepted", ""),
        ("assigned", ""),
        ("answered", "Sẽ nạo vét trong tháng tới."),
    ] {
        let (s, body) = officer
            .call_json(
                "petitions/change_status",
                &[("code", &code), ("status", status), ("note", note)],
            )
            .await;
        assert_eq!(s, 200, "{body}");
    }
    (citizen, officer, code)
}

#[tokio::test]
async fn the_petitioner_reopens_within_the_window_only() {
    let app = TestApp::spawn().await;
    let (citizen, officer, code) = answered(&app).await;
    let (_, p) = get(&citizen, &code).await;
    assert_eq!(
        (p["can_reopen"].as_bool(), p["can_rate"].as_bool()),
        (Some(true), Some(true))
    );
    let (_, p) = get(&officer, &code).await;
    assert_eq!(p["can_reopen"], false, "only the petitioner");

    let (status, _) = officer
        .call_json(
            "petitions/reopen",
            &[("code", &code), ("reason", "Chưa thấy ai đến nạo vét cả")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, body) = citizen
        .call_json("petitions/reopen", &[("code", &code), ("reason", "ngắn")])
        .await;
    assert_invalid(status, &body, "reason", "petitions.reason_too_short");
    let (status, _) = citizen
        .call_json(
            "petitions/reopen",
            &[("code", &code), ("reason", "Chưa thấy ai đến nạo vét cả")],
        )
        .await;
    assert_eq!(status, 200);
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["status"], "in_progress");
    assert_eq!(
        p["events"].as_array().unwrap().last().unwrap()["note"],
        "Chưa thấy ai đến nạo vét cả"
    );

    // Answered again, but the window has passed.
    let (s, _) = officer
        .call_json(
            "petitions/change_status",
            &[
                ("code", &code),
                ("status", "answered"),
                ("note", "Đã nạo vét xong."),
            ],
        )
        .await;
    assert_eq!(s, 200);
    let pool = crate::common::pool(&app.database_url).await;
    sqlx::query("UPDATE subject_events SET at = at - $1 WHERE state = 'answered'")
        .bind(15_i64 * 86_400_000)
        .execute(&pool)
        .await
        .unwrap();
    let (status, body) = citizen
        .call_json(
            "petitions/reopen",
            &[("code", &code), ("reason", "Vẫn còn ngập khi mưa to")],
        )
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("petitions.reopen_closed"))
    );
}

#[tokio::test]
async fn the_petitioner_rates_the_answer() {
    let app = TestApp::spawn().await;
    let (citizen, officer, code) = answered(&app).await;
    for bad in ["0", "6", "abc", ""] {
        let (status, body) = citizen
            .call_json(
                "petitions/rate",
                &[("code", &code), ("stars", bad), ("comment", "")],
            )
            .await;
        assert_invalid(status, &body, "stars", "petitions.stars_invalid");
    }
    let (status, _) = officer
        .call_json(
            "petitions/rate",
            &[("code", &code), ("stars", "5"), ("comment", "")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = citizen
        .call_json(
            "petitions/rate",
            &[("code", &code), ("stars", "2"), ("comment", "Chậm")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = citizen
        .call_json(
            "petitions/rate",
            &[("code", &code), ("stars", "4"), ("comment", "Đã ổn hơn")],
        )
        .await;
    assert_eq!(status, 200);
    let (_, p) = get(&app.client(), &code).await;
    assert_eq!(
        (
            p["rating"]["stars"].as_i64(),
            p["rating"]["comment"].as_str()
        ),
        (Some(4), Some("Đã ổn hơn"))
    );
    // A petition without an answer cannot be rated.
    let fresh = submit(&citizen, "Chưa có câu trả lời nào", "public").await;
    let (status, body) = citizen
        .call_json(
            "petitions/rate",
            &[("code", &fresh), ("stars", "3"), ("comment", "")],
        )
        .await;
    assert_eq!(
        (status, body["key"].as_str()),
        (409, Some("petitions.rate_not_answered"))
    );
}
