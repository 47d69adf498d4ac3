//! Routing over real HTTP: rules by category and locality (the most specific
//! wins, else the category's agency), reassigning to another agency with the
//! suggested one and every permission, the list, API and queue filters by
//! locality (with everything within it) and agency, and Open311's
//! `expected_datetime`.

use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;

const BODY: &str =
    "Mặt đường bị hư hỏng nặng, nhiều ổ gà gây nguy hiểm cho người đi đường vào ban đêm.";
const ROADS: &str = "1";
const LAND: &str = "3";

/// Submits a petition of `category` from `locality`; returns its code.
async fn submit_at(
    c: &Client,
    title: &str,
    category: &str,
    locality: &str,
    visibility: &str,
) -> String {
    let res = c
        .call(
            "petitions/submit",
            &[
                ("kind", "petition"),
                ("title", title),
                ("body", BODY),
                ("category", category),
                ("locality", locality),
                ("visibility", visibility),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let code = location.trim_start_matches("/petitions/").split('?').next();
    code.unwrap().to_string()
}

async fn get(c: &Client, code: &str) -> Value {
    let (status, p) = c.call_json("petitions/get", &[("code", code)]).await;
    assert_eq!(status, 200, "{p}");
    p
}

async fn agency_id(app: &TestApp, name: &str) -> i64 {
    let pool = pool(&app.database_url).await;
    let id = sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1")
        .bind(name)
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    id
}

/// Routes `category` by default to `agency`, and adds rules (locality, agency).
async fn set_routes(app: &TestApp, category: &str, default: &str, rules: &[(i64, &str)]) {
    let pool = pool(&app.database_url).await;
    sqlx::query(
        "UPDATE categories SET agency_id = (SELECT id FROM agencies WHERE name = $1) WHERE id = $2",
    )
    .bind(default)
    .bind(category.parse::<i64>().unwrap())
    .execute(&pool)
    .await
    .unwrap();
    for (locality, agency) in rules {
        sqlx::query(
            "INSERT INTO routing_rules (category_id, locality_id, agency_id) \
             SELECT $1, $2, id FROM agencies WHERE name = $3",
        )
        .bind(category.parse::<i64>().unwrap())
        .bind(*locality)
        .bind(*agency)
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;
}

#[tokio::test]
async fn the_most_specific_rule_routes_a_new_petition_else_the_category_agency() {
    let app = TestApp::spawn().await;
    for (email, agency) in [
        ("sxd@example.vn", "Sở Xây dựng"),
        ("tinh@example.vn", "UBND tỉnh Quảng Trị"),
        ("dongha@example.vn", "UBND thành phố Đông Hà"),
        ("p1@example.vn", "UBND Phường 1"),
    ] {
        app.user(email, "officer", Some(agency)).await;
    }
    // This test sets routing itself: no category starts with an agency.
    sqlx::query("UPDATE categories SET agency_id = NULL")
        .execute(&pool(&app.database_url).await)
        .await
        .unwrap();
    set_routes(
        &app,
        ROADS,
        "Sở Xây dựng",
        &[
            (45, "UBND tỉnh Quảng Trị"),
            (461, "UBND thành phố Đông Hà"),
            (461001, "UBND Phường 1"),
        ],
    )
    .await;
    set_routes(&app, LAND, "Sở Xây dựng", &[]).await;
    let citizen = app.citizen("route@example.vn", "Người Dân").await;
    let cases = [
        (ROADS, "461001", "UBND Phường 1"),
        (ROADS, "461002", "UBND thành phố Đông Hà"),
        (ROADS, "465001", "UBND tỉnh Quảng Trị"),
        (ROADS, "461", "UBND thành phố Đông Hà"),
        (LAND, "461001", "Sở Xây dựng"),
    ];
    for (i, (category, locality, agency)) in cases.into_iter().enumerate() {
        let code = submit_at(
            &citizen,
            &format!("Kiến nghị định tuyến số {i}"),
            category,
            locality,
            "public",
        )
        .await;
        let p = get(&app.client(), &code).await;
        assert_eq!(p["agency"], agency, "{category} in {locality}");
        assert_eq!(p["events"][0]["agency"], agency, "the first step names it");
    }
    // Without a rule or a category agency, nobody is assigned yet.
    let code = submit_at(
        &citizen,
        "Kiến nghị chưa có cơ quan",
        "9",
        "461001",
        "public",
    )
    .await;
    assert!(get(&app.client(), &code).await["agency"].is_null());
}

#[tokio::test]
async fn the_handling_officer_reassigns_to_another_agency_and_no_one_else_may() {
    let app = TestApp::spawn().await;
    let sxd = app
        .user("sxd@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    let dongha = app
        .user(
            "dongha@example.vn",
            "officer",
            Some("UBND thành phố Đông Hà"),
        )
        .await;
    let admin = app.user("admin@example.vn", "admin", None).await;
    set_routes(
        &app,
        ROADS,
        "Sở Xây dựng",
        &[(461, "UBND thành phố Đông Hà")],
    )
    .await;
    let (sxd_id, dongha_id) = (
        agency_id(&app, "Sở Xây dựng").await,
        agency_id(&app, "UBND thành phố Đông Hà").await,
    );
    let citizen = app.citizen("cd@example.vn", "Công Dân").await;
    let code = submit_at(
        &citizen,
        "Đường quốc lộ 9 bị sụt lún",
        ROADS,
        "461001",
        "public",
    )
    .await;

    // The handling officer sees the picker with the category's agency suggested.
    let p = get(&dongha, &code).await;
    assert_eq!(p["agency"], "UBND thành phố Đông Hà");
    assert_eq!(p["assign"]["suggested"], sxd_id);
    let offered: Vec<i64> = p["assign"]["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert!(
        offered.contains(&sxd_id) && !offered.contains(&dongha_id),
        "{offered:?}"
    );
    for reader in [&sxd, &citizen, &app.client()] {
        assert!(
            get(reader, &code).await["assign"].is_null(),
            "only its handlers get the picker"
        );
    }

    let reassign = |c: &Client, agency: String, note: &'static str| {
        let (c, code) = (c.clone(), code.clone());
        async move {
            c.call_json(
                "petitions/reassign",
                &[("code", &code), ("agency", &agency), ("assign_note", note)],
            )
            .await
        }
    };
    // Wrong agency's officer, a citizen, nobody: refused, nothing changes.
    assert_eq!(reassign(&sxd, sxd_id.to_string(), "").await.0, 403);
    assert_eq!(reassign(&citizen, sxd_id.to_string(), "").await.0, 403);
    assert_eq!(reassign(&app.client(), sxd_id.to_string(), "").await.0, 401);
    // Bad input: field errors.
    for bad in ["", "abc", "999999"] {
        let (s, body) = reassign(&dongha, bad.to_string(), "").await;
        assert_invalid(s, &body, "agency", "routing.agency_unknown");
    }
    let (s, body) = reassign(&dongha, dongha_id.to_string(), "").await;
    assert_invalid(s, &body, "agency", "routing.agency_same");
    let (s, body) = dongha
        .call_json(
            "petitions/reassign",
            &[
                ("code", "QT-26-22222-2"),
                ("agency", "1"),
                ("assign_note", ""),
            ],
        )
        .await;
    assert_invalid(s, &body, "code", "petitions.code_invalid");
    let p = get(&app.client(), &code).await;
    assert_eq!(
        (p["summary"]["status"].as_str(), p["agency"].as_str()),
        (Some("submitted"), Some("UBND thành phố Đông Hà"))
    );
    assert_eq!(p["events"].as_array().unwrap().len(), 1);

    // The handling officer hands it over, with a note: a timeline step.
    let (s, body) = reassign(&dongha, sxd_id.to_string(), "Quốc lộ do Sở quản lý.").await;
    assert_eq!(s, 200, "{body}");
    let p = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["status"], "assigned");
    assert_eq!(p["agency"], "Sở Xây dựng");
    let last = p["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (
            last["status"].as_str(),
            last["agency"].as_str(),
            last["note"].as_str()
        ),
        (
            Some("assigned"),
            Some("Sở Xây dựng"),
            Some("Quốc lộ do Sở quản lý.")
        )
    );
    // The old agency can no longer act; the new one has it in its queue.
    let (s, _) = dongha
        .call_json(
            "petitions/change_status",
            &[("code", &code), ("status", "in_progress"), ("note", "")],
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(reassign(&dongha, dongha_id.to_string(), "").await.0, 403);
    let queued = |c: Client| async move {
        let (_, q) = c.call_json("petitions/queue_filtered", &[]).await;
        q.as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(!queued(dongha.clone()).await.contains(&code));
    assert!(queued(sxd.clone()).await.contains(&code));
    let (s, _) = sxd
        .call_json(
            "petitions/change_status",
            &[("code", &code), ("status", "in_progress"), ("note", "")],
        )
        .await;
    assert_eq!(s, 200);
    // An admin may reassign any petition; the suggestion is now the rule's agency.
    assert_eq!(get(&admin, &code).await["assign"]["suggested"], dongha_id);
    assert_eq!(reassign(&admin, dongha_id.to_string(), "").await.0, 200);
    // Once answered, it stays with the agency that answered.
    let (s, _) = dongha
        .call_json(
            "petitions/change_status",
            &[
                ("code", &code),
                ("status", "answered"),
                ("note", "Đã sửa xong."),
            ],
        )
        .await;
    assert_eq!(s, 200);
    assert!(get(&dongha, &code).await["assign"].is_null());
    let (s, body) = reassign(&dongha, sxd_id.to_string(), "").await;
    assert_invalid(s, &body, "agency", "routing.not_reassignable");
    assert_eq!(
        get(&app.client(), &code).await["agency"],
        "UBND thành phố Đông Hà"
    );
}

#[tokio::test]
async fn lists_api_and_queue_filter_by_locality_within_and_by_agency() {
    let app = TestApp::spawn().await;
    let sxd = app
        .user("sxd@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    app.user(
        "dongha@example.vn",
        "officer",
        Some("UBND thành phố Đông Hà"),
    )
    .await;
    let admin = app.user("admin@example.vn", "admin", None).await;
    set_routes(
        &app,
        ROADS,
        "Sở Xây dựng",
        &[(461, "UBND thành phố Đông Hà")],
    )
    .await;
    set_routes(&app, LAND, "Sở Xây dựng", &[]).await;
    let (sxd_id, dongha_id) = (
        agency_id(&app, "Sở Xây dựng").await,
        agency_id(&app, "UBND thành phố Đông Hà").await,
    );
    let c = app.citizen("loc@example.vn", "Người Dân").await;
    let phuong1 = submit_at(&c, "Đường Lê Duẩn phường 1 hỏng", ROADS, "461001", "public").await;
    let phuong2 = submit_at(
        &c,
        "Đất công phường 2 bị lấn chiếm",
        LAND,
        "461002",
        "public",
    )
    .await;
    let khesanh = submit_at(&c, "Đường Khe Sanh nhiều ổ gà", ROADS, "465001", "public").await;
    let private = submit_at(
        &c,
        "Việc riêng ở phường 1 cần hỏi",
        ROADS,
        "461001",
        "private",
    )
    .await;

    let http = reqwest::Client::new();
    let api = |query: String| {
        let (http, base) = (http.clone(), app.base.clone());
        async move {
            let res = http
                .get(format!("{base}/api/v1/petitions?{query}"))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap();
            let mut codes: Vec<String> = body["items"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|p| p["code"].as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            codes.sort();
            (status, codes, body)
        }
    };
    let sorted = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    let cases: Vec<(String, Vec<String>)> = vec![
        (
            "locality=45".into(),
            sorted(vec![&phuong1, &phuong2, &khesanh]),
        ),
        ("locality=461".into(), sorted(vec![&phuong1, &phuong2])),
        ("locality=461001".into(), vec![phuong1.clone()]),
        ("locality=465".into(), vec![khesanh.clone()]),
        ("locality=470".into(), vec![]),
        (format!("agency={dongha_id}"), vec![phuong1.clone()]),
        (
            format!("agency={sxd_id}&locality=461"),
            vec![phuong2.clone()],
        ),
        (format!("agency={sxd_id}&q=kha+sanh"), vec![]),
        (format!("agency={sxd_id}&q=khe+sanh"), vec![khesanh.clone()]),
    ];
    for (query, want) in cases {
        let (status, codes, body) = api(query.clone()).await;
        assert_eq!(status, 200, "{query}: {body}");
        assert_eq!(codes, want, "{query}");
        assert!(!codes.contains(&private));
    }
    for (query, field) in [("locality=abc", "locality"), ("agency=x", "agency")] {
        let (status, _, body) = api(query.into()).await;
        assert_invalid(status, &body, field, "routing.filter_invalid");
    }
    // The server function the hydrated list calls takes the same filters.
    let (_, page) = app
        .client()
        .call_json("petitions/list", &[("filter[locality]", "461")])
        .await;
    assert_eq!(page["total"], 2);

    // The page itself, with JavaScript off: a GET form keeping its state in the URL.
    let html = app
        .client()
        .get("/petitions?locality=461")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Đường Lê Duẩn phường 1 hỏng") && html.contains("Đất công phường 2"));
    assert!(!html.contains("Đường Khe Sanh nhiều ổ gà"));
    assert!(
        html.contains(r#"<option value="461" selected"#),
        "the filter keeps its value"
    );

    // The officer's queue: their agency's, filtered by status, category, locality.
    let queue = |c: Client, form: Vec<(&'static str, String)>| async move {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, q) = c.call_json("petitions/queue_filtered", &form).await;
        assert_eq!(status, 200, "{q}");
        let mut codes: Vec<String> = q
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        codes
    };
    assert_eq!(
        queue(sxd.clone(), vec![]).await,
        sorted(vec![&phuong2, &khesanh])
    );
    assert_eq!(
        queue(sxd.clone(), vec![("filter[locality]", "465".into())]).await,
        vec![khesanh.clone()]
    );
    assert_eq!(
        queue(sxd.clone(), vec![("filter[category]", "land".into())]).await,
        vec![phuong2.clone()]
    );
    assert_eq!(
        queue(sxd.clone(), vec![("filter[status]", "accepted".into())]).await,
        Vec::<String>::new()
    );
    // An officer's agency filter is ignored: they see only their own agency's.
    assert_eq!(
        queue(sxd.clone(), vec![("filter[agency]", dongha_id.to_string())]).await,
        sorted(vec![&phuong2, &khesanh])
    );
    // An admin sees every agency's (private ones too) and may pick one.
    assert_eq!(queue(admin.clone(), vec![]).await.len(), 4);
    assert_eq!(
        queue(
            admin.clone(),
            vec![("filter[agency]", dongha_id.to_string())]
        )
        .await,
        sorted(vec![&phuong1, &private])
    );
    let (status, body) = sxd
        .call_json("petitions/queue_filtered", &[("filter[status]", "nope")])
        .await;
    assert_invalid(status, &body, "status", "petitions.status_invalid");
    let (status, _) = c.call_json("petitions/queue_filtered", &[]).await;
    assert_eq!(status, 403, "citizens have no queue");
    let html = sxd.get("/officer?locality=465").await.text().await.unwrap();
    assert!(html.contains("Đường Khe Sanh nhiều ổ gà") && !html.contains("Đất công phường 2"));
    assert!(
        !html.contains(r#"id="f-agency""#),
        "officers get no agency filter"
    );
    let html = admin
        .get(&format!("/officer?agency={dongha_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"id="f-agency""#) && html.contains("Đường Lê Duẩn phường 1 hỏng"));
    assert!(!html.contains("Đường Khe Sanh nhiều ổ gà"));
}

#[tokio::test]
async fn open311_requests_carry_the_answer_deadline_as_expected_datetime() {
    let app = TestApp::spawn_with(&[("SUPPORTS_FOR_ANSWER", "1")]).await;
    let author = app.citizen("o311@example.vn", "Người Dân").await;
    let supporter = app.verified_citizen("ung@example.vn", "Người Ủng Hộ").await;
    let due = submit_at(
        &author,
        "Kiến nghị có hạn trả lời",
        ROADS,
        "461001",
        "public",
    )
    .await;
    let open = submit_at(
        &author,
        "Kiến nghị chưa có hạn trả lời",
        ROADS,
        "461001",
        "public",
    )
    .await;
    let (s, _) = supporter
        .call_json("petitions/support", &[("code", &due)])
        .await;
    assert_eq!(s, 200);
    let deadline = get(&app.client(), &due).await["summary"]["answer_due_at"]
        .as_i64()
        .expect("the threshold set a deadline");
    let request = |code: String| {
        let c = app.client();
        async move {
            let res = c.get(&format!("/open311/v2/requests/{code}.json")).await;
            assert_eq!(res.status(), 200);
            res.json::<Value>().await.unwrap()[0].clone()
        }
    };
    let r = request(due.clone()).await;
    let expected = r["expected_datetime"].as_str().expect("expected_datetime");
    assert!(expected.ends_with("+07:00"), "{expected}");
    let parsed =
        time::OffsetDateTime::parse(expected, &time::format_description::well_known::Rfc3339)
            .unwrap();
    assert_eq!(parsed.unix_timestamp(), deadline / 1000);
    let r = request(open.clone()).await;
    assert!(r.get("expected_datetime").is_none_or(Value::is_null), "{r}");
    // The search lists it too.
    let res = app.client().get("/open311/v2/requests.json").await;
    let all: Value = res.json().await.unwrap();
    let listed = all
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service_request_id"] == due.as_str())
        .unwrap();
    assert_eq!(listed["expected_datetime"].as_str(), Some(expected));
}
