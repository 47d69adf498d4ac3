//! Pages kept for visitors who are not signed in (`PAGE_CACHE_MS`): they are
//! served again without rendering, each with its own CSP nonce, never to a
//! signed-in reader, and a change ends them at once.

use crate::common::{Client, TestApp};
use crate::petitions::submit;

/// The page's HTML, and the nonce of its CSP header and of its scripts.
async fn page(c: &Client, path: &str) -> (String, String, Vec<String>) {
    let res = c.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let header = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the CSP")
        .to_string();
    let html = res.text().await.unwrap();
    let in_body = html
        .split("nonce=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    (html, header, in_body)
}

async fn hits(app: &TestApp) -> u64 {
    let metrics = app.client().get("/metrics").await.text().await.unwrap();
    metrics
        .lines()
        .find(|l| l.starts_with("page_cache_hits_total"))
        .and_then(|l| l.split_whitespace().last())
        .map_or(0, |n| n.parse().unwrap())
}

/// A server keeping pages for a minute, an author, and the page of their
/// new public petition titled `title`.
async fn petition_page(email: &str, name: &str, title: &str) -> (TestApp, Client, String) {
    let app = TestApp::spawn_with(&[("PAGE_CACHE_MS", "60000")]).await;
    let author = app.citizen(email, name).await;
    let code = submit(&author, title, "public").await;
    (app, author, format!("/petitions/{code}"))
}

#[tokio::test]
async fn a_kept_page_gets_a_fresh_nonce_each_time() {
    let (app, _, path) =
        petition_page("nonce@example.vn", "Người Gửi", "Đèn đường hỏng ở ngõ 5").await;
    let before = hits(&app).await;
    let visitor = app.client();
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (html, header, in_body) = page(&visitor, &path).await;
        assert!(html.contains("Đèn đường hỏng ở ngõ 5"));
        assert!(!in_body.is_empty(), "the scripts carry a nonce");
        assert!(
            in_body.iter().all(|n| *n == header),
            "every script's nonce is the header's: {header} vs {in_body:?}"
        );
        assert!(!seen.contains(&header), "a nonce served twice");
        seen.push(header);
    }
    assert!(
        hits(&app).await >= before + 2,
        "the second and third answers came from the kept page"
    );
}

#[tokio::test]
async fn a_change_ends_the_kept_pages_at_once() {
    let (app, _, path) =
        petition_page("change@example.vn", "Người Gửi", "Cống thoát nước bị tắc").await;
    let code = path.trim_start_matches("/petitions/");
    let visitor = app.client();
    let (html, _, _) = page(&visitor, &path).await;
    assert!(html.contains(r#"data-count="supports:"#));
    assert!(html.contains(">0</strong>"), "no supports yet");
    let supporter = app
        .verified_citizen("supporter@example.vn", "Người Ủng Hộ")
        .await;
    let res = supporter.call("petitions/support", &[("code", code)]).await;
    assert_eq!(res.status(), 200);
    let (html, _, _) = page(&visitor, &path).await;
    assert!(
        html.contains(">1</strong>"),
        "the support shows at once to a visitor who is not signed in"
    );
}

#[tokio::test]
async fn signed_in_readers_never_get_a_kept_page_nor_leave_one() {
    let (app, author, path) =
        petition_page("own@example.vn", "Chị Tác Giả", "Vỉa hè bị lấn chiếm").await;
    let visitor = app.client();
    let (html, _, _) = page(&visitor, &path).await;
    const SIGNED_IN: &str = r#"class="who""#;
    assert!(!html.contains(SIGNED_IN));
    let (mine, _, _) = page(&author, &path).await;
    assert!(
        mine.contains(SIGNED_IN) && mine.contains("Chị Tác Giả"),
        "the author sees their own header, not the visitor's page"
    );
    let res = author.get(&path).await;
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let (again, _, _) = page(&visitor, &path).await;
    assert!(
        !again.contains(SIGNED_IN),
        "the author's page is not kept for visitors"
    );
}
