//! Pages kept for visitors who are not signed in (`PAGE_CACHE_MS`): they are
//! served again without rendering, compressed once, their scripts allowed by
//! hash (never a nonce another reader saw), never to a signed-in reader, and
//! a change ends them at once.

use crate::common::{Client, TestApp};
use crate::petitions::submit;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::io::Read as _;

/// The page's HTML and its CSP header.
async fn page(c: &Client, path: &str) -> (String, String) {
    let res = c.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    (res.text().await.unwrap(), csp)
}

/// The nonces the page's scripts carry.
fn nonces(html: &str) -> Vec<&str> {
    html.split("nonce=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The CSP source of each inline script of the page.
fn inline_script_hashes(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter(|s| !s.split('>').next().unwrap().contains(" src="))
        .filter_map(|s| s.split_once('>').map(|(_, rest)| rest))
        .filter_map(|s| s.split("</script").next())
        .filter(|text| !text.is_empty())
        .map(|text| {
            let digest = Sha256::digest(text.as_bytes());
            let digest = base64::engine::general_purpose::STANDARD.encode(digest);
            format!("'sha256-{digest}'")
        })
        .collect()
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
async fn a_kept_page_allows_its_scripts_by_hash_and_shows_no_nonce() {
    let (app, _, path) =
        petition_page("nonce@example.vn", "Người Gửi", "Đèn đường hỏng ở ngõ 5").await;
    let before = hits(&app).await;
    let visitor = app.client();
    for _ in 0..3 {
        let (html, csp) = page(&visitor, &path).await;
        assert!(html.contains("Đèn đường hỏng ở ngõ 5"));
        assert!(nonces(&html).is_empty(), "a kept page shows no nonce");
        assert!(!csp.contains("'nonce-"), "{csp}");
        let hashes = inline_script_hashes(&html);
        assert!(!hashes.is_empty(), "the page has its hydration scripts");
        for hash in hashes {
            assert!(csp.contains(&hash), "{hash} missing from {csp}");
        }
    }
    assert!(
        hits(&app).await >= before + 2,
        "the second and third answers came from the kept page"
    );
}

#[tokio::test]
async fn a_kept_page_is_the_same_page_in_every_coding() {
    let (app, _, path) = petition_page(
        "coding@example.vn",
        "Người Gửi",
        "Ổ gà trên đường Hùng Vương",
    )
    .await;
    let visitor = app.client();
    let (plain, csp) = page(&visitor, &path).await;
    for (accept, coding) in [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
    ] {
        let res = visitor
            .http
            .get(format!("{}{path}", visitor.base))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], coding, "{accept}");
        assert_eq!(
            res.headers()["content-security-policy"].to_str().unwrap(),
            csp
        );
        let bytes = res.bytes().await.unwrap();
        let mut html = String::new();
        match coding {
            "br" => brotli::Decompressor::new(&bytes[..], 4096).read_to_string(&mut html),
            _ => flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut html),
        }
        .unwrap();
        assert_eq!(html, plain, "{accept}");
    }
}

#[tokio::test]
async fn a_change_ends_the_kept_pages_at_once() {
    let (app, _, path) =
        petition_page("change@example.vn", "Người Gửi", "Cống thoát nước bị tắc").await;
    let code = path.trim_start_matches("/petitions/");
    let visitor = app.client();
    let (html, _) = page(&visitor, &path).await;
    assert!(html.contains(r#"data-count="supports:"#));
    assert!(html.contains(">0</strong>"), "no supports yet");
    let supporter = app
        .verified_citizen("supporter@example.vn", "Người Ủng Hộ")
        .await;
    let res = supporter.call("petitions/support", &[("code", code)]).await;
    assert_eq!(res.status(), 200);
    let (html, _) = page(&visitor, &path).await;
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
    let (html, _) = page(&visitor, &path).await;
    const SIGNED_IN: &str = r#"class="who""#;
    assert!(!html.contains(SIGNED_IN));
    let (mine, csp) = page(&author, &path).await;
    assert!(
        mine.contains(SIGNED_IN) && mine.contains("Chị Tác Giả"),
        "the author sees their own header, not the visitor's page"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a signed-in page is rendered for its reader, with a nonce");
    assert!(!nonces(&mine).is_empty() && nonces(&mine).iter().all(|n| *n == nonce));
    let res = author.get(&path).await;
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let (again, _) = page(&visitor, &path).await;
    assert!(
        !again.contains(SIGNED_IN),
        "the author's page is not kept for visitors"
    );
}
