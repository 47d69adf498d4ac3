//! Photo upkeep over real HTTP and a real directory: orphaned files (a
//! crash between writing a photo and committing its petition) removed at
//! start-up, and a no-JavaScript form too large for the server sent back to
//! the form with the error next to the photos.

use crate::common::{pool, TestApp};
use reqwest::multipart::{Form, Part};
use std::path::Path;
use std::time::{Duration, SystemTime};

fn age(path: &Path, by: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::new_rgb8(8, 8)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

#[tokio::test]
async fn orphaned_photo_files_older_than_an_hour_are_removed_at_start_up() {
    let data = tempfile::tempdir().unwrap();
    let env = [("DATA_DIR", data.path().to_str().unwrap())];
    let app = TestApp::spawn_with(&env).await;
    let citizen = app.citizen("anh@example.vn", "Người Chụp").await;
    let form = Form::new()
        .text("kind", "petition")
        .text("title", "Cống vỡ trước nhà văn hoá")
        .text(
            "body",
            "Cống thoát nước trước nhà văn hoá bị vỡ, nước tràn ra đường mỗi khi mưa.",
        )
        .text("category", "2")
        .text("locality", "461001")
        .text("visibility", "public")
        .part("photos", Part::bytes(png()).file_name("a.png"));
    let res = citizen
        .http
        .post(format!("{}/api/petitions/submit_with_photos", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let db = pool(&app.database_url).await;
    let kept: String = sqlx::query_scalar("SELECT file_name FROM petition_photos")
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    let dir = data.path().join("photos");
    let two_hours = Duration::from_secs(7200);
    age(&dir.join(&kept), two_hours);
    let orphan = dir.join("0123456789abcdef0123456789abcdef.jpg");
    let part = dir.join(".00112233445566778899aabbccddeeff.png.part");
    let fresh = dir.join("fedcba9876543210fedcba9876543210.jpg");
    let other = dir.join("README.txt");
    for path in [&orphan, &part, &fresh, &other] {
        std::fs::write(path, b"left over").unwrap();
    }
    for path in [&orphan, &part, &other] {
        age(path, two_hours);
    }
    // Another instance starting on the same database and directory sweeps.
    let second = app.another_instance_with(&env).await;
    let mut waited = 0;
    while (orphan.exists() || part.exists()) && waited < 600 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    assert!(!orphan.exists() && !part.exists(), "old orphans removed");
    assert!(
        dir.join(&kept).exists(),
        "a referenced photo stays, however old"
    );
    assert!(fresh.exists(), "a new file may still be committed");
    assert!(
        other.exists(),
        "files we did not name are not ours to remove"
    );
    let photo = second.client().get(&format!("/photos/{kept}")).await;
    assert_eq!(photo.status(), 200);
}

#[tokio::test]
async fn a_no_js_form_over_the_body_limit_returns_to_the_form_with_the_error() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(&[
        ("DATA_DIR", data.path().to_str().unwrap()),
        ("PHOTO_MAX_BYTES", "20000"),
    ])
    .await;
    let citizen = app.citizen("to@example.vn", "Ảnh To").await;
    // 3 × 20 kB + 64 kB is the most the form may carry; send more.
    let form = || {
        Form::new()
            .text("title", "Ảnh quá lớn")
            .part("photos", Part::bytes(vec![0u8; 150_000]).file_name("a.jpg"))
    };
    let res = citizen
        .http
        .post(format!("{}/api/petitions/submit_with_photos", app.base))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", format!("{}/petitions/new", app.base))
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        back.starts_with("/petitions/new?__path=") && back.contains("__err="),
        "{back}"
    );
    let html = citizen.get(&back).await.text().await.unwrap();
    assert!(
        html.contains("Biểu mẫu và ảnh gửi kèm quá lớn."),
        "the error in the user's language: {html}"
    );
    assert!(html.contains(r#"id="f-photos-error""#));
    // A script or API client gets a JSON 413 with the same field error.
    let res = citizen
        .http
        .post(format!("{}/api/petitions/submit_with_photos", app.base))
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let body: serde_json::Value = res.json().await.unwrap();
    crate::common::assert_invalid(422, &body, "photos", "photos.form_too_large");
}
