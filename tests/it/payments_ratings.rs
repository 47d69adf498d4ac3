//! Service ratings over HTTP, on both databases: a paid case's receipt and
//! the counter's display offer its rating link; whoever holds the link
//! rates once (no account needed, no JavaScript needed); a wrong key, the
//! key of another case, bad stars or a second rating change nothing; the public
//! statistics count it per agency and counter.

use crate::common::{pool, TestApp};
use crate::payments::{app, case, desk, open_case, paid_case, sign_in, steps, CITY_STAFF};

async fn ratings(app: &TestApp) -> i64 {
    let db = pool(&app.database_url).await;
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM service_ratings")
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    n
}

/// (code, key) of a rating path `/rate/<code>/<key>`.
fn parts(path: &str) -> (String, String) {
    let mut it = path.trim_start_matches("/rate/").split('/');
    (it.next().unwrap().into(), it.next().unwrap().into())
}

#[tokio::test]
async fn a_served_case_is_rated_once_through_its_link_and_counted() {
    let app = app().await;
    let staff = sign_in(&app, CITY_STAFF).await;
    let (code, _) = paid_case(&app, &staff, "DH-HT01").await;
    let paid = case(&staff, &code).await;
    let path = paid["receipt"]["rate"]["path"]
        .as_str()
        .expect("a rating link")
        .to_string();
    assert!(paid["receipt"]["rate"]["qr_svg"]
        .as_str()
        .unwrap()
        .contains("<svg"));
    let (c, key) = parts(&path);
    assert_eq!(c, code);

    // The counter's display offers the same link right after the payment.
    let d = desk(&staff).await;
    let token = d["current"]["display_link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let (s, display) = app
        .client()
        .call_json("payments/display", &[("token", &token)])
        .await;
    assert_eq!(s, 200, "{display}");
    assert_eq!(display["rate"]["path"], path.as_str());

    // The page opens without an account and without JavaScript.
    let citizen = app.client();
    let page = citizen.get(&path).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Gửi đánh giá"));
    // A wrong key, or the key of another case, is not found.
    let other = open_case(&staff, "DH-HT01").await;
    for (c, k) in [
        (code.as_str(), "AAAAAAAAAAAAAAAAAAAAAA"),
        (other.as_str(), key.as_str()),
    ] {
        assert_eq!(citizen.get(&format!("/rate/{c}/{k}")).await.status(), 404);
        let (s, _) = citizen
            .call_json("payments/rate", &[("code", c), ("key", k), ("stars", "5")])
            .await;
        assert_eq!(s, 404);
    }
    // Bad stars and an oversized comment are refused next to their field.
    for (stars, comment, field, key_) in [
        ("0", "", "stars", "payments.stars_invalid"),
        ("6", "", "stars", "payments.stars_invalid"),
        ("", "", "stars", "payments.stars_invalid"),
        (
            "5",
            &"x".repeat(1001)[..],
            "comment",
            "payments.rating_comment_too_long",
        ),
    ] {
        let (s, body) = citizen
            .call_json(
                "payments/rate",
                &[
                    ("code", &code),
                    ("key", &key),
                    ("stars", stars),
                    ("comment", comment),
                ],
            )
            .await;
        assert_eq!(
            (s, body["field"].as_str(), body["key"].as_str()),
            (422, Some(field), Some(key_)),
            "{body}"
        );
    }
    assert_eq!(ratings(&app).await, 0);

    // Rated once; the second is refused and the first stands.
    let form = [
        ("code", code.as_str()),
        ("key", key.as_str()),
        ("stars", "4"),
        ("comment", "Cán bộ hướng dẫn tận tình, thủ tục nhanh."),
    ];
    let (s, body) = citizen.call_json("payments/rate", &form).await;
    assert_eq!(s, 200, "{body}");
    let again = [
        ("code", code.as_str()),
        ("key", key.as_str()),
        ("stars", "1"),
    ];
    let (s, body) = app.client().call_json("payments/rate", &again).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("payments.already_rated"))
    );
    assert_eq!(ratings(&app).await, 1);
    let (_, view) = citizen
        .call_json("payments/rating", &[("code", &code), ("key", &key)])
        .await;
    assert_eq!(view["rated"], 4);
    assert!(steps(&case(&staff, &code).await).contains(&"rated".to_string()));

    // The statistics count it under the agency and the counter.
    let (s, stats) = app.client().call_json("payments/service_stats", &[]).await;
    assert_eq!(s, 200, "{stats}");
    let agency = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["count"] == 1)
        .expect("the agency is listed");
    assert_eq!(agency["stars"], 4);
    assert_eq!(agency["counters"][0]["count"], 1);
    let page = app
        .client()
        .get("/services/statistics")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("4.0"), "the average on the page");
}
