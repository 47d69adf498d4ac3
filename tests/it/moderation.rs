//! Moderation over real HTTP: hiding and restoring with a reason (the text
//! never leaks to the public, yet stays in the database), duplicates,
//! citizens' abuse reports, the moderation queue, and who may do what.

use crate::common::{assert_invalid, pool, Client, TestApp};
use crate::live::Watch;
use crate::petitions::submit;
use grassroots::petitions::model::TrackingCode;
use serde_json::Value;

const TITLE: &str = "Lời lẽ xúc phạm cán bộ phường";
const REASON: &str = "Nội dung xúc phạm cá nhân, vi phạm quy tắc ứng xử.";

/// An officer of "Sở Xây dựng", which handles the roads category (category 1,
/// the one test petitions are filed under), and an officer of another agency.
async fn officers(app: &TestApp) -> (Client, Client) {
    let ours = app
        .user("mod-ours@example.vn", "officer", Some("Sở Xây dựng"))
        .await;
    let theirs = app
        .user("mod-theirs@example.vn", "officer", Some("Sở Y tế"))
        .await;
    let pool = pool(&app.database_url).await;
    sqlx::query("UPDATE categories SET agency_id = (SELECT id FROM agencies WHERE name = 'Sở Xây dựng') WHERE id = 1")
        .execute(&pool)
        .await
        .unwrap();
    (ours, theirs)
}

async fn get(c: &Client, code: &str) -> Value {
    let (status, p) = c.call_json("petitions/get", &[("code", code)]).await;
    assert_eq!(status, 200, "{p}");
    p
}

async fn json(app: &TestApp, path: &str) -> (u16, Value) {
    let res = app.client().get(path).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Everything the public can read about `code`, as text: the page as HTML,
/// the page's server function, the list and search, the JSON API and Open311.
async fn public_text(app: &TestApp, code: &str) -> String {
    let anon = app.client();
    let mut all = anon
        .get(&format!("/petitions/{code}"))
        .await
        .text()
        .await
        .unwrap();
    all += &anon
        .get(&format!("/track/{code}"))
        .await
        .text()
        .await
        .unwrap();
    all += &get(&anon, code).await.to_string();
    for filter in [&[][..], &[("filter[q]", "xuc pham")][..]] {
        let (_, page) = anon.call_json("petitions/list", filter).await;
        all += &page.to_string();
    }
    for path in [
        "/api/v1/petitions".to_string(),
        "/api/v1/petitions?q=xuc+pham".to_string(),
        format!("/api/v1/petitions/{code}"),
        "/open311/v2/requests.json".to_string(),
        format!("/open311/v2/requests/{code}.json"),
    ] {
        all += &json(app, &path).await.1.to_string();
    }
    all
}

async fn hide(c: &Client, code: &str, reason: &str) -> (u16, Value) {
    call(
        c,
        "moderation/hide",
        &[("code", code), ("hide_reason", reason)],
    )
    .await
}

async fn call(c: &Client, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
    c.call_json(endpoint, form).await
}

#[tokio::test]
async fn officers_hide_and_restore_with_a_reason_and_the_text_never_leaks() {
    let app = TestApp::spawn().await;
    let (officer, other_officer) = officers(&app).await;
    let author = app.citizen("mod-author@example.vn", "Người Gửi").await;
    let citizen = app
        .verified_citizen("mod-citizen@example.vn", "Công Dân")
        .await;
    let code = submit(&author, TITLE, "public").await;
    assert!(public_text(&app, &code).await.contains(TITLE));
    let mut watch = Watch::open(&app.client(), &format!("/live/petitions/{code}"), None).await;

    // Nobody but a moderator of the handling agency may hide; a reason is required.
    assert_eq!(hide(&author, &code, REASON).await.0, 403);
    assert_eq!(hide(&citizen, &code, REASON).await.0, 403);
    assert_eq!(hide(&app.client(), &code, REASON).await.0, 401);
    assert_eq!(hide(&other_officer, &code, REASON).await.0, 403);
    let (s, body) = hide(&officer, &code, "   ").await;
    assert_invalid(s, &body, "hide_reason", "moderation.note_required");
    let (s, body) = hide(&officer, &code, &"x".repeat(1001)).await;
    assert_invalid(s, &body, "hide_reason", "moderation.note_too_long");
    let (s, body) = hide(&officer, "QT-26-22222-2", REASON).await;
    assert_invalid(s, &body, "code", "petitions.code_invalid");
    let p = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["title"], TITLE, "nothing changed");
    assert_eq!(p["moderation"]["hidden"], Value::Null);

    let (s, body) = hide(&officer, &code, REASON).await;
    assert_eq!(s, 200, "{body}");
    let e = watch.until("status").await;
    assert_eq!(
        e.data["change"]["status"], "submitted",
        "a live step after commit"
    );

    // The public sees "hidden by a moderator" and the reason, never the text.
    let anon = get(&app.client(), &code).await;
    assert_eq!(anon["moderation"]["withheld"], true);
    assert_eq!(anon["moderation"]["hidden"]["reason"], REASON);
    assert_eq!(
        (anon["summary"]["title"].as_str(), anon["body"].as_str()),
        (Some(""), Some(""))
    );
    assert_eq!(anon["author"], Value::Null);
    let last = anon["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["kind"].as_str(), last["note"].as_str()),
        (Some("hidden"), Some(REASON))
    );
    // Hidden content gathers no supports.
    let (s, body) = call(&citizen, "petitions/support", &[("code", &code)]).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.hidden_notice")),
        "{body}"
    );
    let everything = public_text(&app, &code).await;
    assert!(!everything.contains(TITLE), "the title leaked");
    assert!(!everything.contains("ổ gà"), "the body leaked");
    assert!(
        everything.contains("Đã bị kiểm duyệt viên ẩn"),
        "the page says it was hidden"
    );
    assert!(everything.contains(REASON));
    let (_, list) = call(&app.client(), "petitions/list", &[]).await;
    assert_eq!(list["total"], 0, "hidden petitions drop out of the list");
    let (_, found) = call(
        &app.client(),
        "petitions/list",
        &[("filter[q]", "xuc pham")],
    )
    .await;
    assert_eq!(found["total"], 0, "and out of search");
    let (status, _) = json(&app, &format!("/open311/v2/requests/{code}.json")).await;
    assert_eq!(status, 404);

    // The petitioner and the moderator still read it, with the notice.
    let own = get(&author, &code).await;
    assert_eq!(
        (
            own["summary"]["title"].as_str(),
            own["moderation"]["withheld"].as_bool()
        ),
        (Some(TITLE), Some(false))
    );
    assert_eq!(own["moderation"]["hidden"]["reason"], REASON);
    let theirs = get(&officer, &code).await;
    assert_eq!(theirs["summary"]["title"], TITLE);
    assert_eq!(theirs["moderation"]["can_moderate"], true);
    assert_eq!(
        get(&other_officer, &code).await["moderation"]["can_moderate"],
        false
    );

    // The text is kept for audit, with who hid it.
    let db = pool(&app.database_url).await;
    let (title, by): (String, Option<i64>) = sqlx::query_as(
        "SELECT p.title, h.hidden_by FROM petitions p JOIN subject_hides h \
             ON h.subject_kind = 'petition' AND h.subject_id = p.id WHERE p.code = $1",
    )
    .bind(&code)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(title, TITLE);
    assert_eq!(by, officer.me().await["id"].as_i64());

    let (s, body) = hide(&officer, &code, REASON).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.already_hidden"))
    );

    // Restoring needs a note and the same permission; it is a timeline step too.
    let restore = |c: &Client, note: &str| {
        let (c, code, note) = (c.clone(), code.clone(), note.to_string());
        async move {
            call(
                &c,
                "moderation/restore",
                &[("code", &code), ("restore_note", &note)],
            )
            .await
        }
    };
    assert_eq!(restore(&citizen, "Khôi phục").await.0, 403);
    assert_eq!(restore(&other_officer, "Khôi phục").await.0, 403);
    let (s, body) = restore(&officer, "").await;
    assert_invalid(s, &body, "restore_note", "moderation.note_required");
    let (s, body) = restore(&officer, "Đã xem xét lại, nội dung phù hợp.").await;
    assert_eq!(s, 200, "{body}");
    let e = watch.until("status").await;
    assert_eq!(e.data["code"], code.as_str());
    let p = get(&app.client(), &code).await;
    assert_eq!(p["summary"]["title"], TITLE);
    assert_eq!(p["moderation"]["hidden"], Value::Null);
    let kinds: Vec<&str> = p["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["status", "hidden", "restored"]);
    // The hide stays on record with its restore: who, when and why.
    type Audit = (String, Option<i64>, Option<String>, Option<i64>);
    let audit: Vec<Audit> = sqlx::query_as(
        "SELECT h.reason, h.hidden_by, h.restore_note, h.restored_by FROM subject_hides h \
         JOIN petitions p ON h.subject_kind = 'petition' AND h.subject_id = p.id \
         WHERE p.code = $1 AND h.restored_at IS NOT NULL",
    )
    .bind(&code)
    .fetch_all(&db)
    .await
    .unwrap();
    let officer_id = officer.me().await["id"].as_i64();
    assert_eq!(
        audit,
        vec![(
            REASON.to_string(),
            officer_id,
            Some("Đã xem xét lại, nội dung phù hợp.".to_string()),
            officer_id
        )]
    );
    let (_, list) = call(
        &app.client(),
        "petitions/list",
        &[("filter[q]", "xuc pham")],
    )
    .await;
    assert_eq!(list["total"], 1, "found by search again");
    let (s, body) = restore(&officer, "Lần nữa").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.not_hidden"))
    );
}

#[tokio::test]
async fn marking_a_duplicate_checks_the_original_and_points_followers_to_it() {
    let app = TestApp::spawn().await;
    let (officer, other_officer) = officers(&app).await;
    let author = app.citizen("dup-author@example.vn", "Người Gửi").await;
    let follower = app
        .citizen("dup-follower@example.vn", "Người Theo Dõi")
        .await;
    let original = submit(&author, "Đường Lê Lợi ngập nước khi mưa", "public").await;
    let copy = submit(&author, "Đường Lê Lợi ngập khi trời mưa to", "public").await;
    let third = submit(&author, "Ngập nước đường Lê Lợi mỗi khi mưa", "public").await;
    let private = submit(&author, "Việc riêng về đường Lê Lợi nhà tôi", "private").await;
    let (s, _) = call(
        &follower,
        "petitions/follow",
        &[("code", &copy), ("email", "on")],
    )
    .await;
    assert_eq!(s, 200);
    let mut watch = Watch::open(&app.client(), &format!("/live/petitions/{copy}"), None).await;

    let mark = |c: &Client, code: &str, original: &str| {
        let (c, code, original) = (c.clone(), code.to_string(), original.to_string());
        async move {
            call(
                &c,
                "moderation/duplicate",
                &[("code", &code), ("original", &original)],
            )
            .await
        }
    };
    assert_eq!(mark(&author, &copy, &original).await.0, 403);
    assert_eq!(mark(&other_officer, &copy, &original).await.0, 403);
    for (bad, key) in [
        ("", "moderation.original_required"),
        ("not a code", "moderation.original_invalid"),
        ("QT-26-22222-2", "moderation.original_invalid"),
        (copy.as_str(), "moderation.original_self"),
        (private.as_str(), "moderation.original_unavailable"),
    ] {
        let (s, body) = mark(&officer, &copy, bad).await;
        assert_invalid(s, &body, "original", key);
    }
    // A well-formed code that no petition has.
    let unknown = (0..)
        .map(|n| TrackingCode::generate("QT", 2026, n).to_string())
        .find(|c| ![&original, &copy, &third, &private].contains(&c))
        .unwrap();
    let (s, body) = mark(&officer, &copy, &unknown).await;
    assert_invalid(s, &body, "original", "moderation.original_unknown");
    assert_eq!(
        get(&app.client(), &copy).await["summary"]["status"],
        "submitted",
        "nothing changed"
    );

    let (s, body) = mark(&officer, &copy, &original.to_lowercase()).await;
    assert_eq!(s, 200, "{body}");
    let e = watch.until("status").await;
    assert_eq!(e.data["change"]["status"], "closed");
    let p = get(&app.client(), &copy).await;
    assert_eq!(p["summary"]["status"], "closed");
    assert_eq!(p["moderation"]["duplicate_of"], original.as_str());
    let last = p["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["kind"].as_str(), last["note"].as_str()),
        (Some("duplicate"), Some(original.as_str()))
    );
    assert_eq!(
        get(&follower, &original).await["following"],
        true,
        "followers now follow the original, e-mails kept"
    );
    let (_, inbox) = call(&follower, "inbox/list", &[]).await;
    assert_eq!(inbox[0]["kind"], "duplicate", "{inbox}");
    let html = app
        .client()
        .get(&format!("/petitions/{copy}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("href=\"/petitions/{original}\"")),
        "links to the original"
    );

    // A closed petition cannot be marked; a chain resolves to its root; a loop is refused.
    let (s, body) = mark(&officer, &copy, &original).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.duplicate_closed"))
    );
    let (s, body) = mark(&officer, &original, &copy).await;
    assert_invalid(s, &body, "original", "moderation.original_loop");
    let (s, body) = mark(&officer, &third, &copy).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        get(&app.client(), &third).await["moderation"]["duplicate_of"],
        original.as_str()
    );
}

#[tokio::test]
async fn citizens_report_once_and_enough_reports_reach_the_moderation_queue() {
    let app = TestApp::spawn_with(&[("REPORTS_FOR_REVIEW", "2")]).await;
    let (officer, other_officer) = officers(&app).await;
    let author = app.citizen("rep-author@example.vn", "Người Gửi").await;
    let code = submit(&author, TITLE, "public").await;
    let private = submit(&author, "Việc riêng không ai thấy được", "private").await;
    let reporters = [
        app.citizen("rep-1@example.vn", "Một").await,
        app.citizen("rep-2@example.vn", "Hai").await,
        app.citizen("rep-3@example.vn", "Ba").await,
        app.citizen("rep-4@example.vn", "Bốn").await,
    ];
    let report = |c: &Client, code: &str, reason: &str, comment: &str| {
        let (c, code, reason, comment) = (
            c.clone(),
            code.to_string(),
            reason.to_string(),
            comment.to_string(),
        );
        async move {
            call(
                &c,
                "moderation/report",
                &[
                    ("code", &code),
                    ("report_reason", &reason),
                    ("report_comment", &comment),
                ],
            )
            .await
        }
    };
    let queue = |c: &Client| {
        let c = c.clone();
        async move { call(&c, "moderation/queue", &[]).await }
    };
    assert_eq!(report(&app.client(), &code, "spam", "").await.0, 401);
    let (s, body) = report(&author, &code, "spam", "").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.report_own"))
    );
    let r1 = &reporters[0];
    let (s, body) = report(r1, &code, "", "").await;
    assert_invalid(
        s,
        &body,
        "report_reason",
        "moderation.report_reason_required",
    );
    let (s, body) = report(r1, &code, "boring", "").await;
    assert_invalid(
        s,
        &body,
        "report_reason",
        "moderation.report_reason_invalid",
    );
    let (s, body) = report(r1, &code, "abuse", &"x".repeat(501)).await;
    assert_invalid(s, &body, "report_comment", "moderation.note_too_long");
    assert_eq!(
        report(r1, &private, "spam", "").await.0,
        404,
        "private petitions cannot be reported"
    );
    let (s, body) = report(r1, "QT-26-22222-2", "spam", "").await;
    assert_invalid(s, &body, "code", "petitions.code_invalid");
    assert_eq!(get(r1, &code).await["moderation"]["can_report"], true);
    let (s, body) = report(r1, &code, "abuse", "Xúc phạm cán bộ").await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = report(r1, &code, "spam", "").await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.report_twice"))
    );
    let p = get(r1, &code).await;
    assert_eq!(
        (
            p["moderation"]["reported"].as_bool(),
            p["moderation"]["can_report"].as_bool()
        ),
        (Some(true), Some(false))
    );

    // One report is under the threshold of two; only moderators see the queue.
    assert_eq!(queue(&officer).await.1, Value::Array(vec![]));
    assert_eq!(queue(r1).await.0, 403);
    assert_eq!(report(&reporters[1], &code, "abuse", "").await.0, 200);
    let (s, q) = queue(&officer).await;
    assert_eq!(s, 200, "{q}");
    assert_eq!(
        (q[0]["code"].as_str(), q[0]["reports"].as_i64()),
        (Some(code.as_str()), Some(2))
    );
    assert_eq!(
        (
            q[0]["reasons"][0]["reason"].as_str(),
            q[0]["reasons"][0]["count"].as_i64()
        ),
        (Some("abuse"), Some(2))
    );
    assert_eq!(q[0]["comments"][0], "Xúc phạm cán bộ");
    assert_eq!(q[0]["title"], TITLE);
    assert_eq!(
        queue(&other_officer).await.1,
        Value::Array(vec![]),
        "another agency's petition"
    );
    assert_eq!(get(&officer, &code).await["moderation"]["open_reports"], 2);
    assert_eq!(
        get(r1, &code).await["moderation"]["open_reports"],
        0,
        "counts are for moderators"
    );

    // Dismissing is recorded and empties the queue.
    let dismiss = |c: &Client| {
        let (c, code) = (c.clone(), code.clone());
        async move { call(&c, "moderation/dismiss", &[("code", &code)]).await }
    };
    assert_eq!(dismiss(r1).await.0, 403);
    assert_eq!(dismiss(&other_officer).await.0, 403);
    assert_eq!(dismiss(&officer).await.0, 200);
    assert_eq!(queue(&officer).await.1, Value::Array(vec![]));
    let (s, body) = dismiss(&officer).await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.no_reports"))
    );
    let db = pool(&app.database_url).await;
    let outcomes: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT outcome, closed_by FROM subject_reports r JOIN petitions p \
         ON r.subject_kind = 'petition' AND p.id = r.subject_id WHERE p.code = $1 ORDER BY r.id",
    )
    .bind(&code)
    .fetch_all(&db)
    .await
    .unwrap();
    let officer_id = officer.me().await["id"].as_i64();
    assert_eq!(outcomes, vec![("dismissed".to_string(), officer_id); 2]);

    // New reports bring it back; hiding it from the queue closes them.
    assert_eq!(report(&reporters[2], &code, "spam", "").await.0, 200);
    assert_eq!(report(&reporters[3], &code, "misleading", "").await.0, 200);
    assert_eq!(queue(&officer).await.1.as_array().unwrap().len(), 1);
    let (s, _) = call(
        &officer,
        "moderation/hide",
        &[("code", &code), ("hide_reason", REASON)],
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(queue(&officer).await.1, Value::Array(vec![]));
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM subject_reports WHERE outcome = 'hidden'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(open, 2);
    let (s, body) = report(
        &app.citizen("rep-5@example.vn", "Năm").await,
        &code,
        "spam",
        "",
    )
    .await;
    assert_eq!(
        (s, body["key"].as_str()),
        (409, Some("moderation.already_hidden"))
    );
}

#[tokio::test]
async fn an_admin_moderates_petitions_of_any_agency() {
    let app = TestApp::spawn().await;
    let (_, other_officer) = officers(&app).await;
    let admin = app.user("mod-admin@example.vn", "admin", None).await;
    let author = app.citizen("adm-author@example.vn", "Người Gửi").await;
    let code = submit(&author, TITLE, "public").await;
    let (s, _) = call(
        &other_officer,
        "moderation/hide",
        &[("code", &code), ("hide_reason", REASON)],
    )
    .await;
    assert_eq!(s, 403);
    let (s, body) = call(
        &admin,
        "moderation/hide",
        &[("code", &code), ("hide_reason", REASON)],
    )
    .await;
    assert_eq!(s, 200, "{body}");
}

#[tokio::test]
async fn the_demo_shows_a_hidden_petition_and_a_duplicate() {
    let app = TestApp::spawn().await;
    let out = app.cli(&["demo-seed"]).await;
    assert!(out.status.success(), "{out:?}");
    let db = pool(&app.database_url).await;
    let (hidden, original): (String, String) = sqlx::query_as(
        "SELECT (SELECT p.code FROM petitions p JOIN subject_hides h ON h.subject_kind = 'petition' \
         AND h.subject_id = p.id AND h.restored_at IS NULL), \
         (SELECT o.code FROM petitions d JOIN petitions o ON o.id = d.duplicate_of)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let p = get(&app.client(), &hidden).await;
    assert_eq!(p["moderation"]["withheld"], true);
    let (_, list) = call(
        &app.client(),
        "petitions/list",
        &[("filter[q]", "vay tien nhanh the chap")],
    )
    .await;
    assert_eq!(list["total"], 0, "the hidden demo petition is not listed");
    assert_eq!(
        get(&app.client(), &original).await["summary"]["status"],
        "submitted"
    );
    // The demo supporters' reports put one petition in the demo officer's queue.
    let officer = app.client();
    let (status, _) = call(
        &officer,
        "accounts/sign_in",
        &[
            ("email", "officer@demo.grassroots.vn"),
            ("password", "demo-password-2026"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (_, queue) = call(&officer, "moderation/queue", &[]).await;
    assert_eq!(queue.as_array().map(Vec::len), Some(1), "{queue}");
    assert_eq!(queue[0]["reports"], 3);
}

#[tokio::test]
async fn the_petitioners_own_notes_are_withheld_with_their_text() {
    let app = TestApp::spawn().await;
    let (citizen, officer, code) = crate::petitions::answered(&app).await;
    let reason = "Lời phàn nàn của người gửi khi mở lại kiến nghị";
    let (s, body) = citizen
        .call_json("petitions/reopen", &[("code", &code), ("reason", reason)])
        .await;
    assert_eq!(s, 200, "{body}");
    let notes = |p: &Value| -> Vec<String> {
        p["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["note"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(notes(&get(&app.client(), &code).await).contains(&reason.to_string()));
    let (s, body) = hide(&officer, &code, REASON).await;
    assert_eq!(s, 200, "{body}");
    let public = get(&app.client(), &code).await;
    assert!(!notes(&public).contains(&reason.to_string()), "{public}");
    assert!(
        notes(&public)
            .iter()
            .any(|n| n == "Sẽ nạo vét trong tháng tới."),
        "the officers' notes stay: {public}"
    );
    assert!(!public_text(&app, &code).await.contains(reason));
    // The petitioner and the moderator still read it.
    assert!(notes(&get(&citizen, &code).await).contains(&reason.to_string()));
    assert!(notes(&get(&officer, &code).await).contains(&reason.to_string()));
}
