//! Photos on petitions over real HTTP: uploaded with the submit form,
//! re-encoded without their metadata, served with their type to those who
//! may see them; bad uploads refused next to the field with nothing stored.

use crate::common::{assert_invalid, pool, Client, TestApp};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use std::io::Cursor;
use std::path::Path;

const BODY: &str = "Cống thoát nước trước nhà văn hoá bị vỡ, nước tràn ra đường mỗi khi mưa lớn.";
/// What a phone writes into a photo's EXIF block: where it was taken.
const SECRET: &[u8] = b"GPS 16.8163N 107.1003E (home)";

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

fn picture(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    }))
}

/// A JPEG with an EXIF segment (APP1) right after its start marker.
fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
    let jpeg = encode(picture(width, height), ImageFormat::Jpeg);
    let mut payload = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
    payload.extend_from_slice(SECRET);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

type Upload = (&'static str, &'static str, Vec<u8>);

/// Posts the submit form as a browser with JavaScript does (multipart).
async fn submit(c: &Client, title: &str, visibility: &str, photos: Vec<Upload>) -> (u16, Value) {
    let mut form = Form::new()
        .text("kind", "petition")
        .text("title", title.to_string())
        .text("body", BODY)
        .text("category", "1")
        .text("locality", "461001")
        .text("visibility", visibility.to_string());
    for (name, mime, bytes) in photos {
        form = form.part(
            "photos",
            Part::bytes(bytes).file_name(name).mime_str(mime).unwrap(),
        );
    }
    let res = c
        .http
        .post(format!("{}/api/petitions/submit_with_photos", c.base))
        .multipart(form)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    let text = res.text().await.unwrap();
    match location {
        Some(location) => (status, Value::String(location)),
        None => (status, serde_json::from_str(&text).unwrap_or(Value::Null)),
    }
}

fn code_of(location: &Value) -> String {
    let location = location.as_str().expect("redirected");
    let code = location.trim_start_matches("/petitions/").split('?').next();
    code.unwrap().to_string()
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("photos")).map_or(0, |d| d.count())
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let pool = pool(&app.database_url).await;
    let n = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn photos_are_reencoded_without_metadata_and_served_with_their_type() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(&[("DATA_DIR", data.path().to_str().unwrap())]).await;
    let citizen = app.citizen("anh@example.vn", "Người Chụp").await;
    let clear = DynamicImage::new_rgba8(40, 30);
    let photos = vec![
        ("cong-vo.jpg", "image/jpeg", jpeg_with_exif(2400, 1200)),
        ("so-do.png", "image/png", encode(clear, ImageFormat::Png)),
        (
            "nuoc.webp",
            "image/webp",
            encode(picture(64, 48), ImageFormat::WebP),
        ),
    ];
    let (status, location) = submit(&citizen, "Cống thoát nước bị vỡ", "public", photos).await;
    assert_eq!(status, 200, "{location}");
    let code = code_of(&location);
    let anon = app.client();
    let detail: Value = anon
        .get(&format!("/api/v1/petitions/{code}"))
        .await
        .json()
        .await
        .unwrap();
    let listed = detail["photos"].as_array().expect("photos listed").clone();
    let sizes: Vec<(u64, u64)> = listed
        .iter()
        .map(|p| (p["width"].as_u64().unwrap(), p["height"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        sizes,
        [(1600, 800), (40, 30), (64, 48)],
        "downscaled to 1600 px"
    );
    let types = ["image/jpeg", "image/png", "image/jpeg"];
    for (photo, content_type) in listed.iter().zip(types) {
        let res = anon.get(photo["url"].as_str().unwrap()).await;
        assert_eq!(res.status(), 200);
        let h = res.headers().clone();
        assert_eq!(h["content-type"], content_type);
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(
            h["cache-control"], "private, max-age=31536000, immutable",
            "browsers keep it; no shared cache serves it after a moderator hides it"
        );
        let bytes = res.bytes().await.unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "EXIF removed");
        assert!(!bytes.windows(SECRET.len()).any(|w| w == SECRET));
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(u64::from(decoded.width()), photo["width"].as_u64().unwrap());
    }
    assert_eq!(files_in(data.path()), 3);
    let html = anon
        .get(&format!("/petitions/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"width="1600""#) && html.contains(r#"loading="lazy""#));
    assert!(
        html.contains("Ảnh 1 trên 3 do người gửi đính kèm"),
        "alt text"
    );
    let missing = "/photos/0123456789abcdef0123456789abcdef.jpg";
    assert_eq!(anon.get(missing).await.status(), 404);
    assert_eq!(
        anon.get("/photos/..%2F..%2Fetc%2Fpasswd").await.status(),
        404
    );
}

#[tokio::test]
async fn bad_photos_are_refused_next_to_the_field_and_nothing_is_stored() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let app = TestApp::spawn_with(&[("DATA_DIR", dir), ("PHOTO_MAX_BYTES", "300000")]).await;
    let citizen = app.citizen("hong@example.vn", "Ảnh Hỏng").await;
    let jpeg = jpeg_with_exif(64, 64);
    let truncated = jpeg[..jpeg.len() / 2].to_vec();
    let mut oversized = jpeg.clone();
    oversized.resize(300_001, 0);
    let one = |bytes: Vec<u8>| vec![("a.jpg", "image/jpeg", bytes)];
    let cases: Vec<(Vec<Upload>, &str)> = vec![
        (one(b"not a photo, only text".to_vec()), "photos.not_image"),
        (one(truncated), "photos.unreadable"),
        (one(oversized), "photos.too_large"),
        (
            vec![("a.jpg", "image/jpeg", jpeg.clone()); 4],
            "photos.too_many",
        ),
    ];
    for (photos, key) in cases {
        let (status, body) = submit(&citizen, "Ảnh không hợp lệ", "public", photos).await;
        assert_invalid(status, &body, "photos", key);
    }
    // Valid photos with an invalid title: refused before any file is written.
    let (status, body) = submit(&citizen, "ngắn", "public", one(jpeg)).await;
    assert_invalid(status, &body, "title", "petitions.title_too_short");
    assert_eq!(count(&app, "petitions").await, 0);
    assert_eq!(count(&app, "petition_photos").await, 0);
    assert_eq!(files_in(data.path()), 0);
    // Not multipart at all: a 400, never the parser's panic.
    let (status, _) = citizen
        .call_json("petitions/submit_with_photos", &[("title", "x")])
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn without_javascript_the_error_returns_to_the_form_in_the_users_language() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(&[("DATA_DIR", data.path().to_str().unwrap())]).await;
    let citizen = app.citizen("khongjs@example.vn", "Không JS").await;
    let form = Form::new()
        .text("title", "Ảnh không hợp lệ")
        .part("photos", Part::bytes(b"text".to_vec()).file_name("a.jpg"));
    let res = citizen
        .http
        .post(format!("{}/api/petitions/submit_with_photos", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/petitions/new", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.contains("__err="), "{back}");
    let page = citizen.get(back.trim_start_matches(&app.base)).await;
    let html = page.text().await.unwrap();
    assert!(html.contains("Chỉ nhận ảnh JPEG, PNG hoặc WebP."), "{html}");
}

#[tokio::test]
async fn a_private_petitions_photos_are_for_its_petitioner_only() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(&[("DATA_DIR", data.path().to_str().unwrap())]).await;
    let author = app.citizen("kin@example.vn", "Kín Đáo").await;
    let photo = vec![(
        "a.png",
        "image/png",
        encode(picture(8, 8), ImageFormat::Png),
    )];
    let (status, location) = submit(&author, "Chuyện riêng có ảnh", "private", photo).await;
    assert_eq!(status, 200);
    let code = code_of(&location);
    let (_, mine) = author.call_json("petitions/get", &[("code", &code)]).await;
    let url = mine["photos"][0]["url"]
        .as_str()
        .expect("author sees it")
        .to_string();
    let res = author.get(&url).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("private"));
    let other = app.citizen("to-mo@example.vn", "Tò Mò").await;
    assert_eq!(other.get(&url).await.status(), 404);
    assert_eq!(app.client().get(&url).await.status(), 404);
    let (_, seen) = other.call_json("petitions/get", &[("code", &code)]).await;
    assert_eq!(seen["photos"], Value::Array(vec![]), "{seen}");
}
