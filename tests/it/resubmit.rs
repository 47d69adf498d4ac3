//! A petition sent twice (a double tap, a retry over a flaky connection) is
//! one petition: the repeat gets the first one's tracking code.

use crate::common::TestApp;
use crate::petitions::submit;

#[tokio::test]
async fn sending_the_same_petition_again_gives_the_first_code() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("twice@example.vn", "Gửi Hai Lần").await;
    let first = submit(&citizen, "Đèn đường thôn Đông bị hỏng", "public").await;
    let again = submit(&citizen, "Đèn đường thôn Đông bị hỏng", "public").await;
    assert_eq!(first, again, "a repeat is the same petition");

    // Anything different is a new petition: the text, the visibility, the author.
    let other_title = submit(&citizen, "Đèn đường thôn Tây bị hỏng", "public").await;
    let private = submit(&citizen, "Đèn đường thôn Đông bị hỏng", "private").await;
    let neighbour = app.citizen("neighbour@example.vn", "Hàng Xóm").await;
    let theirs = submit(&neighbour, "Đèn đường thôn Đông bị hỏng", "public").await;
    let codes = [&first, &other_title, &private, &theirs];
    for (i, a) in codes.iter().enumerate() {
        for b in &codes[i + 1..] {
            assert_ne!(a, b);
        }
    }
    let (_, mine) = citizen.call_json("petitions/mine", &[]).await;
    assert_eq!(mine.as_array().unwrap().len(), 3, "{mine}");
    // The timeline of the first has one submitted step, not two.
    let (_, page) = citizen
        .call_json("petitions/get", &[("code", first.as_str())])
        .await;
    assert_eq!(page["events"].as_array().unwrap().len(), 1, "{page}");
}

#[tokio::test]
async fn concurrent_repeats_make_one_petition() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("tapper@example.vn", "Bấm Nhiều Lần").await;
    let sends = (0..6).map(|_| submit(&citizen, "Cống thoát nước bị tắc nghẽn", "public"));
    let codes = futures::future::join_all(sends).await;
    assert!(codes.iter().all(|c| c == &codes[0]), "{codes:?}");
    let (_, mine) = citizen.call_json("petitions/mine", &[]).await;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
}
