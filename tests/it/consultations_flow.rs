//! Consultations over real HTTP: the officer creates, reviews, edits and
//! publishes; a draft is invisible to everyone else through every route;
//! bad input is refused on its field and changes nothing.

use crate::common::{assert_invalid, pool, Client, TestApp};
use serde_json::Value;

pub(crate) const DRAFT: &str = "\
QUY ƯỚC THÔN AN BÌNH
Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022;

Chương I. QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy ước này quy định nếp sống văn minh trong thôn An Bình.
Điều 2. Đối tượng áp dụng
1. Hộ gia đình cư trú trên địa bàn thôn.
2. Tổ chức hoạt động trên địa bàn thôn, gồm:
a) trường học;
b) chợ.
Chương II. NỘI DUNG QUY ƯỚC
Điều 3. Giữ gìn vệ sinh môi trường
Các hộ gia đình để rác đúng nơi, đúng giờ quy định.
";

const DAY: i64 = 86_400_000;

/// Now, in epoch milliseconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The `datetime-local` value `days` from now.
pub(crate) fn at(days: i64) -> String {
    grassroots::consultations::model::local_time_input(now() + days * DAY)
}

/// The id of an agency by name.
pub(crate) async fn agency_id(app: &TestApp, name: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1")
        .bind(name)
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap();
    id.to_string()
}

/// An officer of `agency` (created with it).
pub(crate) async fn officer(app: &TestApp, email: &str, agency: &str) -> (Client, String) {
    let c = app.user(email, "officer", Some(agency)).await;
    (c, agency_id(app, agency).await)
}

/// The officer's form with its fields; `with` overrides some.
pub(crate) fn form<'a>(
    agency: &'a str,
    opens: &'a str,
    closes: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", "Dự thảo Quy ước thôn An Bình"),
        (
            "summary",
            "Lấy ý kiến nhân dân về dự thảo quy ước nếp sống văn minh của thôn.",
        ),
        ("agency", agency),
        ("locality", "461001"),
        ("opens_at", opens),
        ("closes_at", closes),
        ("draft", DRAFT),
    ]
}

fn set<'a>(
    mut f: Vec<(&'a str, &'a str)>,
    key: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    f.retain(|(k, _)| *k != key);
    f.push((key, value));
    f
}

/// Creates a draft; returns its slug (from the redirect to its page).
pub(crate) async fn create(c: &Client, form: &[(&str, &str)]) -> String {
    let res = c.call("consultations/create", form).await;
    let status = res.status();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    let body = res.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    let location = location.expect("redirect to the review page");
    location.trim_start_matches("/consultations/").to_string()
}

/// Publishes; must succeed.
pub(crate) async fn publish(c: &Client, code: &str) {
    let (s, body) = c
        .call_json("consultations/publish", &[("code", code)])
        .await;
    assert_eq!(s, 200, "{body}");
}

/// A consultation as `c` sees it.
pub(crate) async fn get(c: &Client, code: &str) -> (u16, Value) {
    c.call_json("consultations/get", &[("code", code)]).await
}

/// Creates and publishes an open consultation; returns (officer, slug).
pub(crate) async fn open_consultation(app: &TestApp) -> (Client, String) {
    let (o, agency) = officer(app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let (opens, closes) = (at(-1), at(7));
    let code = create(&o, &form(&agency, &opens, &closes)).await;
    publish(&o, &code).await;
    (o, code)
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_officer_creates_reviews_edits_and_publishes_and_drafts_stay_hidden() {
    let app = TestApp::spawn().await;
    let (o, agency) = officer(&app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let (opens, closes) = (at(-1), at(10));
    let code = create(&o, &form(&agency, &opens, &closes)).await;
    assert!(code.starts_with("du-thao-quy-uoc-thon-an-binh-"), "{code}");

    // The officer reviews it as the public will see it.
    let (s, d) = get(&o, &code).await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["summary"]["status"], "draft");
    assert_eq!(d["can_manage"], true);
    let articles: Vec<&Value> = d["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b.get("Article"))
        .collect();
    assert_eq!(articles.len(), 3);
    assert_eq!(articles[1]["clauses"][1]["points"][1]["letter"], "b");
    let page = o.get(&format!("/consultations/{code}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"id="dieu-3""#) && html.contains("href=\"#dieu-2\""),
        "anchors and contents"
    );

    // Nobody else sees a draft: not the public, not a citizen, not another agency.
    let anon = app.client();
    let citizen = app.verified_citizen("dan@anbinh.vn", "Người Dân").await;
    let (other, _) = officer(&app, "officer@khac.vn", "UBND xã Khác").await;
    for c in [&anon, &citizen, &other] {
        assert_eq!(get(c, &code).await.0, 404);
        assert_eq!(c.get(&format!("/consultations/{code}")).await.status(), 404);
        assert_eq!(
            c.get(&format!("/consultations/{code}/dieu/1"))
                .await
                .status(),
            404
        );
        let (s, list) = c.call_json("consultations/list", &[]).await;
        assert_eq!(s, 200);
        assert!(!codes(&list).contains(&code));
    }
    let (s, _) = other
        .call_json("consultations/publish", &[("code", &code)])
        .await;
    assert_eq!(s, 404, "another agency's officer cannot publish it");
    let (s, body) = citizen
        .call_json(
            "consultations/comment",
            &[("code", &code), ("article", "1"), ("body", "Ý kiến")],
        )
        .await;
    assert_eq!(s, 404, "{body}");

    // It is edited before publishing.
    let edited = set(
        form(&agency, &opens, &closes),
        "title",
        "Dự thảo Quy ước thôn An Bình (sửa đổi)",
    );
    let mut edit = edited.clone();
    edit.push(("code", &code));
    let res = o.call("consultations/update", &edit).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        get(&o, &code).await.1["summary"]["title"],
        "Dự thảo Quy ước thôn An Bình (sửa đổi)"
    );

    publish(&o, &code).await;
    publish(&o, &code).await; // twice is one publication
    let (s, d) = get(&anon, &code).await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["summary"]["status"], "published");
    assert_eq!(d["summary"]["phase"], "open");
    assert_eq!(d["can_manage"], false);
    assert_eq!(
        anon.get(&format!("/consultations/{code}")).await.status(),
        200
    );
    assert_eq!(
        anon.get(&format!("/consultations/{code}/dieu/2"))
            .await
            .status(),
        200
    );
    assert_eq!(
        anon.get(&format!("/consultations/{code}/dieu/99"))
            .await
            .status(),
        404
    );
    let by_id = d["summary"]["id"].as_i64().unwrap().to_string();
    assert_eq!(get(&anon, &by_id).await.0, 200, "reachable by id too");
    let (_, list) = anon.call_json("consultations/list", &[]).await;
    assert_eq!(codes(&list), vec![code.clone()]);

    // Published text changes only by a new version.
    let res = o.call("consultations/update", &edit).await;
    assert_eq!(res.status(), 409);
}

/// A form, the field it is refused on, and the message.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

#[tokio::test]
async fn bad_input_is_refused_on_its_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (o, agency) = officer(&app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let _ = officer(&app, "officer@khac.vn", "UBND xã Khác").await;
    let other = agency_id(&app, "UBND xã Khác").await;
    let (opens, closes) = (at(1), at(10));
    let base = form(&agency, &opens, &closes);
    let cases: Vec<Case> = vec![
        (
            set(base.clone(), "title", "  "),
            "title",
            "consultations.title_required",
        ),
        (
            set(base.clone(), "summary", "ngắn"),
            "summary",
            "consultations.summary_required",
        ),
        (
            set(base.clone(), "agency", ""),
            "agency",
            "consultations.agency_required",
        ),
        (
            set(base.clone(), "agency", &other),
            "agency",
            "consultations.agency_not_yours",
        ),
        (
            set(base.clone(), "locality", ""),
            "locality",
            "consultations.locality_required",
        ),
        (
            set(base.clone(), "opens_at", "hôm qua"),
            "opens_at",
            "consultations.time_invalid",
        ),
        (
            set(base.clone(), "closes_at", &opens),
            "closes_at",
            "consultations.window_invalid",
        ),
        (
            set(base.clone(), "draft", "Không có điều nào."),
            "draft",
            "consultations.no_articles",
        ),
        (
            set(base.clone(), "draft", "Điều 1. A\nĐiều 1. B"),
            "draft",
            "consultations.duplicate_article",
        ),
    ];
    for (f, field, key) in cases {
        let (s, body) = o.call_json("consultations/create", &f).await;
        assert_invalid(s, &body, field, key);
    }
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultations")
        .fetch_one(&pool(&app.database_url).await)
        .await
        .unwrap();
    assert_eq!(n, 0, "nothing was saved");
}

#[tokio::test]
async fn citizens_and_the_public_cannot_create_or_publish() {
    let app = TestApp::spawn().await;
    let (o, agency) = officer(&app, "officer@anbinh.vn", "UBND xã An Bình").await;
    let (opens, closes) = (at(1), at(10));
    let f = form(&agency, &opens, &closes);
    let citizen = app.verified_citizen("dan@anbinh.vn", "Người Dân").await;
    let (s, _) = citizen.call_json("consultations/create", &f).await;
    assert_eq!(s, 403);
    let (s, _) = app.client().call_json("consultations/create", &f).await;
    assert_eq!(s, 401);
    let code = create(&o, &f).await;
    let (s, _) = citizen
        .call_json("consultations/publish", &[("code", &code)])
        .await;
    assert_eq!(s, 403);
    let (s, _) = citizen.call_json("consultations/managed", &[]).await;
    assert_eq!(s, 403);
    assert_eq!(citizen.get("/consultations/new").await.status(), 403);
    assert_eq!(get(&citizen, &code).await.0, 404);
    // The same form sent twice creates one consultation.
    let mut keyed = f.clone();
    keyed.push(("form_key", "k-1"));
    let first = create(&o, &keyed).await;
    let again = create(&o, &keyed).await;
    assert_eq!(first, again);
    let (_, mine) = o.call_json("consultations/managed", &[]).await;
    assert_eq!(mine.as_array().unwrap().len(), 2);
}
