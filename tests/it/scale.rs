//! The public list at a size where a scan would show: generated petitions
//! (the scale benchmark's own generator), a count that stops at its cap,
//! pages bounded by it, and search through the full-text index agreeing
//! with a plain scan of the same data.

use crate::common::{pool, TestApp};
use serde_json::Value;

async fn list(app: &TestApp, form: &[(&str, &str)]) -> Value {
    let (status, v) = app.client().call_json("petitions/list", form).await;
    assert_eq!(status, 200, "{v}");
    v
}

#[tokio::test]
async fn a_large_list_counts_to_its_cap_and_search_agrees_with_a_scan() {
    let app = TestApp::spawn().await;
    let out = app
        .cli(&["bench-data", "--petitions", "12000", "--supports", "24000"])
        .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = pool(&app.database_url).await;
    let supports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM petition_supports")
        .fetch_one(&db)
        .await
        .unwrap();
    let counted: i64 =
        sqlx::query_scalar("SELECT CAST(SUM(support_count) AS BIGINT) FROM petitions")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(supports, counted, "the counts match the supports written");
    assert!((18_000..=30_000).contains(&supports), "{supports}");

    let all = list(&app, &[]).await;
    assert_eq!(all["total"], 10_000, "counted up to the cap");
    assert_eq!(all["more"], true);
    assert_eq!(all["items"].as_array().unwrap().len(), 20);
    let deep = list(&app, &[("filter[page]", "999999")]).await;
    assert_eq!(deep["page"], 500, "no page past what the cap offers");
    assert_eq!(deep["items"].as_array().unwrap().len(), 20);

    for (q, pattern) in [
        ("khe sanh", "%khe sanh%"),
        ("KHE SÀNH", "%khe sanh%"),
        ("Đông Hà", "%dong ha%"),
        ("nuoc duc", "%nuoc sinh hoat bi duc%"),
    ] {
        let scanned: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM petitions WHERE visibility = 'public' AND search_text LIKE $1",
        )
        .bind(pattern)
        .fetch_one(&db)
        .await
        .unwrap();
        assert!(scanned > 0 && scanned < 10_000, "{q}: {scanned}");
        let found = list(&app, &[("filter[q]", q)]).await;
        assert_eq!(found["total"], scanned, "{q}");
        assert_eq!(found["more"], false, "{q}");
    }
    // Words match by their start: "hùn" finds Hùng Vương.
    let prefix = list(&app, &[("filter[q]", "hùn")]).await;
    let titles: Vec<&str> = prefix["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert!(!titles.is_empty(), "found by a word's start");
    assert!(
        titles.iter().all(|t| t.contains("Hùng Vương")),
        "{titles:?}"
    );
    let nothing = list(&app, &[("filter[q]", "xyzzy")]).await;
    assert_eq!(nothing["total"], 0);
}
