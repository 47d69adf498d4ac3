//! Bursts against every rate-limited kind of request get 429, and each
//! recovers once its window has passed. `RATE_WINDOW_DIVISOR` shortens the
//! windows (an hour to six seconds, a minute to six seconds) so the test
//! watches the recovery; the limits are counted as in production.

use crate::common::{Client, TestApp, PASSWORD};
use crate::petitions::submit;
use std::time::Duration;

const BURST: usize = 3;
const WINDOW: Duration = Duration::from_secs(6);

/// `BURST` requests pass, the next is refused with 429.
async fn burst<F, Fut>(what: &str, mut send: F)
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = u16>,
{
    for i in 0..BURST {
        let s = send(i).await;
        assert_ne!(s, 429, "{what}: request {i} of the burst refused");
    }
    assert_eq!(send(BURST).await, 429, "{what}: past the burst");
}

async fn status(res: reqwest::Response) -> u16 {
    res.status().as_u16()
}

#[tokio::test]
async fn hourly_limits_refuse_a_burst_and_recover_after_the_window() {
    let app = TestApp::spawn_with(&[
        ("RATE_WINDOW_DIVISOR", "600"),
        ("RATE_REGISTER_PER_HOUR", "3"),
        ("RATE_RESET_PER_HOUR", "3"),
        ("RATE_SUBMIT_PER_HOUR", "3"),
    ])
    .await;
    let anyone = app.client();
    let author = app.user("burst-author@example.vn", "citizen", None).await;
    let rounds = |round: usize| {
        let (anyone, author) = (anyone.clone(), author.clone());
        async move {
            burst("registration", |i| {
                let c = anyone.clone();
                async move {
                    status(
                        c.register(&format!("burst{round}-{i}@example.vn"), "Người Mới")
                            .await,
                    )
                    .await
                }
            })
            .await;
            burst("password reset", |_| {
                let c = anyone.clone();
                async move {
                    status(
                        c.call(
                            "accounts/forgot_password",
                            &[("email", "burst-author@example.vn")],
                        )
                        .await,
                    )
                    .await
                }
            })
            .await;
            burst("submit", |i| {
                let c = author.clone();
                async move {
                    let res = c
                        .call(
                            "petitions/submit",
                            &[
                                ("kind", "petition"),
                                ("title", &format!("Kiến nghị số {round}-{i} về đường")),
                                (
                                    "body",
                                    "Mặt đường bị hư hỏng nặng, nhiều ổ gà gây nguy hiểm ban đêm.",
                                ),
                                ("category", "1"),
                                ("locality", "461001"),
                                ("visibility", "public"),
                            ],
                        )
                        .await;
                    status(res).await
                }
            })
            .await;
        }
    };
    rounds(0).await;
    tokio::time::sleep(WINDOW + Duration::from_millis(500)).await;
    // a whole new burst passes once the window is over
    rounds(1).await;
}

#[tokio::test]
async fn per_minute_limits_and_the_lookup_block_recover_after_the_window() {
    let app = TestApp::spawn_with(&[
        ("RATE_WINDOW_DIVISOR", "10"),
        ("RATE_SIGNIN_PER_MINUTE", "3"),
        ("RATE_SUPPORT_PER_MINUTE", "3"),
        ("RATE_LOOKUP_MISSES_PER_MINUTE", "3"),
    ])
    .await;
    let author = app.citizen("minute-author@example.vn", "Người Gửi").await;
    let code = submit(&author, "Cây xanh đổ chắn lối đi", "public").await;
    let supporter = app
        .verified_citizen("minute-fan@example.vn", "Người Ủng Hộ")
        .await;
    let guesser = app.client();
    let rounds = |round: usize| {
        let (guesser, supporter, code) = (guesser.clone(), supporter.clone(), code.clone());
        let app_client = app.client();
        async move {
            burst("sign-in", |_| {
                let c = app_client.clone();
                async move {
                    status(
                        c.call(
                            "accounts/sign_in",
                            &[("email", "minute-author@example.vn"), ("password", "wrong")],
                        )
                        .await,
                    )
                    .await
                }
            })
            .await;
            burst("support", |i| {
                let (c, code) = (supporter.clone(), code.clone());
                let endpoint = if i % 2 == 0 {
                    "petitions/support"
                } else {
                    "petitions/withdraw_support"
                };
                async move { c.call_json(endpoint, &[("code", &code)]).await.0 }
            })
            .await;
            burst("code look-ups that miss", |i| {
                let c = guesser.clone();
                async move {
                    status(
                        c.get(&format!("/api/v1/petitions/QT-26-ZZZZ{round}-{i}"))
                            .await,
                    )
                    .await
                }
            })
            .await;
            // blocked now: even the right code is refused
            let right = guesser.get(&format!("/api/v1/petitions/{code}")).await;
            assert_eq!(right.status(), 429, "round {round}: blocked after guessing");
        }
    };
    rounds(0).await;
    tokio::time::sleep(WINDOW + Duration::from_millis(500)).await;
    // the block is over, and the right password signs in
    assert_eq!(
        guesser
            .get(&format!("/api/v1/petitions/{code}"))
            .await
            .status(),
        200
    );
    let owner: Client = app.client();
    let res = owner
        .call(
            "accounts/sign_in",
            &[
                ("email", "minute-author@example.vn"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    tokio::time::sleep(WINDOW + Duration::from_millis(500)).await;
    rounds(1).await;
}
