//! The authorization matrix: every state-changing server function, and the
//! reads that need a role, tried by every kind of person against a running
//! server with the demo data. The table of allowed cells is
//! `docs/permissions.md`, which the documentation and this test both read.

use super::consultations_flow::{at, create, form, publish, DRAFT};
use super::payments::{self, CITY_STAFF, WARD_STAFF};
use super::petitions::submit;
use crate::common::{pool, Client, TestApp, PASSWORD};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

const TABLE: &str = include_str!("../../docs/permissions.md");

/// The agency the matrix's subjects belong to, its other one, and their people.
const AGENCY: &str = "UBND thành phố Đông Hà";
const OTHER_AGENCY: &str = "Sở Xây dựng tỉnh Quảng Trị";
const OFFICER: &str = "officer.dongha@demo.grassroots.vn";
const OTHER_OFFICER: &str = "officer@demo.grassroots.vn";
const ADMIN: &str = "admin@demo.grassroots.vn";

/// People as they stand to a subject: the table's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    Anonymous,
    Author,
    Citizen,
    Staff,
    StaffElsewhere,
    Officer,
    OfficerElsewhere,
    Admin,
}

const WHO: [Who; 8] = [
    Who::Anonymous,
    Who::Author,
    Who::Citizen,
    Who::Staff,
    Who::StaffElsewhere,
    Who::Officer,
    Who::OfficerElsewhere,
    Who::Admin,
];

/// One row of the table: a server function and who may call it.
struct Row {
    endpoint: String,
    allowed: Vec<bool>,
}

/// The rows of `docs/permissions.md` (those naming a server function).
fn table() -> Vec<Row> {
    TABLE
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let endpoint = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let allowed: Vec<bool> = cells[2..]
                .iter()
                .map(|c| match *c {
                    "✓" => true,
                    "✗" => false,
                    other => panic!("{endpoint}: cell {other:?} is neither ✓ nor ✗"),
                })
                .collect();
            assert_eq!(allowed.len(), WHO.len(), "{endpoint}: one cell per column");
            Some(Row {
                endpoint: endpoint.to_string(),
                allowed,
            })
        })
        .collect()
}

/// The server and its cast, one signed-in client per kind of person.
struct World {
    app: TestApp,
    cast: HashMap<Who, Client>,
    agency: String,
    other_agency: String,
    fresh: AtomicU32,
    /// An open consultation of the agency, with a yes/no poll.
    consultation: String,
    poll: String,
}

impl World {
    async fn new() -> World {
        let app = payments::app().await;
        let mut cast = HashMap::new();
        cast.insert(Who::Anonymous, app.client());
        cast.insert(
            Who::Author,
            app.verified_citizen("author@matrix.vn", "Người Viết").await,
        );
        cast.insert(
            Who::Citizen,
            app.verified_citizen("citizen@matrix.vn", "Người Khác")
                .await,
        );
        for (who, email) in [
            (Who::Staff, CITY_STAFF),
            (Who::StaffElsewhere, WARD_STAFF),
            (Who::Officer, OFFICER),
            (Who::OfficerElsewhere, OTHER_OFFICER),
            (Who::Admin, ADMIN),
        ] {
            cast.insert(who, payments::sign_in(&app, email).await);
        }
        let agency = super::consultations_flow::agency_id(&app, AGENCY).await;
        let other_agency = super::consultations_flow::agency_id(&app, OTHER_AGENCY).await;
        let mut world = World {
            app,
            cast,
            agency,
            other_agency,
            fresh: AtomicU32::new(0),
            consultation: String::new(),
            poll: String::new(),
        };
        world.consultation = world.draft().await;
        let (s, body) = world
            .by(Who::Officer)
            .call_json(
                "consultations/add_poll",
                &[
                    ("code", &world.consultation),
                    ("question", "Bạn đồng ý với dự thảo?"),
                    ("kind", "yes_no"),
                ],
            )
            .await;
        assert_eq!(s, 200, "{body}");
        publish(world.by(Who::Officer), &world.consultation).await;
        let (_, c) = world
            .by(Who::Anonymous)
            .call_json("consultations/get", &[("code", &world.consultation)])
            .await;
        world.poll = c["polls"][0]["id"].to_string();
        world
    }

    fn by(&self, who: Who) -> &Client {
        &self.cast[&who]
    }

    fn n(&self) -> u32 {
        self.fresh.fetch_add(1, Ordering::SeqCst)
    }

    /// A public petition by the author, handled by the agency.
    async fn petition(&self) -> String {
        let title = format!("Đèn đường hỏng trên phố số {}", self.n());
        let code = submit(self.by(Who::Author), &title, "public").await;
        sqlx::query("UPDATE petitions SET agency_id = $1 WHERE code = $2")
            .bind(self.agency.parse::<i64>().unwrap())
            .bind(&code)
            .execute(&pool(&self.app.database_url).await)
            .await
            .unwrap();
        code
    }

    /// The agency's officer takes a petition of the author's to "answered".
    async fn answered(&self) -> String {
        let code = self.petition().await;
        for (status, note) in [
            ("accepted", ""),
            ("assigned", ""),
            ("answered", "Đã thay bóng đèn mới."),
        ] {
            let (s, body) = self
                .by(Who::Officer)
                .call_json(
                    "petitions/change_status",
                    &[("code", &code), ("status", status), ("note", note)],
                )
                .await;
            assert_eq!(s, 200, "{body}");
        }
        code
    }

    /// A draft consultation of the agency, by its officer.
    async fn draft(&self) -> String {
        let (opens, closes) = (at(-1), at(7));
        create(self.by(Who::Officer), &form(&self.agency, &opens, &closes)).await
    }

    /// A case at the agency's counter, opened by its staff.
    async fn case(&self) -> String {
        payments::open_case(self.by(Who::Staff), "DH-KD01").await
    }

    /// A new comment by the author on article 2 of the consultation: its id.
    async fn author_comment(&self, body: &str) -> i64 {
        let (s, v) = self
            .by(Who::Author)
            .call_json(
                "consultations/comment",
                &[
                    ("code", &self.consultation),
                    ("article", "2"),
                    ("body", body),
                ],
            )
            .await;
        assert_eq!(s, 200, "{v}");
        sqlx::query_scalar("SELECT id FROM consultation_comments WHERE body = $1")
            .bind(body)
            .fetch_one(&pool(&self.app.database_url).await)
            .await
            .unwrap()
    }

    /// A new account of `who`'s kind, signed in on its own client, for the
    /// rows that end or change the account itself.
    async fn newcomer(&self, who: Who) -> Client {
        let email = format!("newcomer{}@matrix.vn", self.n());
        let (role, agency) = match who {
            Who::Anonymous => return self.app.client(),
            Who::Author | Who::Citizen => {
                return self.app.verified_citizen(&email, "Người Mới").await
            }
            Who::Staff => ("staff", AGENCY),
            Who::StaffElsewhere => ("staff", "UBND Phường 1, thành phố Đông Hà"),
            Who::Officer => ("officer", AGENCY),
            Who::OfficerElsewhere => ("officer", OTHER_AGENCY),
            Who::Admin => ("admin", ""),
        };
        let agency = (!agency.is_empty()).then_some(agency);
        self.app.user(&email, role, agency).await
    }

    /// `who` calls `endpoint` on a fresh subject; the answer's status and body.
    async fn attempt(&self, endpoint: &str, who: Who) -> (u16, Value) {
        let c = self.by(who);
        let call = |form: Vec<(&'static str, String)>| async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            c.call_json(endpoint, &form).await
        };
        let code = |v: &str| vec![("code", v.to_string())];
        match endpoint {
            "petitions/submit" => {
                let res = c
                    .call(
                        endpoint,
                        &[
                            ("kind", "petition"),
                            ("title", "Cống thoát nước bị tắc"),
                            (
                                "body",
                                "Cống thoát nước đầu hẻm bị tắc nhiều ngày, nước tràn ra đường.",
                            ),
                            ("category", "1"),
                            ("locality", "461001"),
                            ("visibility", "public"),
                        ],
                    )
                    .await;
                let status = res.status().as_u16();
                (status, Value::String(res.text().await.unwrap()))
            }
            "petitions/support" | "petitions/follow" => call(code(&self.petition().await)).await,
            "petitions/withdraw_support" | "petitions/unfollow" => {
                let p = self.petition().await;
                let first = if endpoint == "petitions/unfollow" {
                    "petitions/follow"
                } else {
                    "petitions/support"
                };
                c.call_json(first, &[("code", &p)]).await;
                call(code(&p)).await
            }
            "petitions/change_status" => {
                let p = self.petition().await;
                call(vec![
                    ("code", p),
                    ("status", "accepted".into()),
                    ("note", String::new()),
                ])
                .await
            }
            "petitions/reassign" => {
                let p = self.petition().await;
                call(vec![
                    ("code", p),
                    ("agency", self.other_agency.clone()),
                    ("assign_note", "Thuộc thẩm quyền của Sở.".into()),
                ])
                .await
            }
            "petitions/reopen" => {
                let p = self.answered().await;
                call(vec![
                    ("code", p),
                    ("reason", "Đèn lại hỏng sau hai ngày.".into()),
                ])
                .await
            }
            "petitions/rate" => {
                let p = self.answered().await;
                call(vec![
                    ("code", p),
                    ("stars", "4".into()),
                    ("comment", "Xử lý nhanh.".into()),
                ])
                .await
            }
            "moderation/report" => {
                let p = self.petition().await;
                call(vec![("code", p), ("report_reason", "spam".into())]).await
            }
            "moderation/hide" => {
                let p = self.petition().await;
                call(vec![
                    ("code", p),
                    ("hide_reason", "Nội dung quảng cáo.".into()),
                ])
                .await
            }
            "moderation/restore" => {
                let p = self.petition().await;
                let (s, body) = self
                    .by(Who::Admin)
                    .call_json(
                        "moderation/hide",
                        &[("code", &p), ("hide_reason", "Kiểm tra lại.")],
                    )
                    .await;
                assert_eq!(s, 200, "{body}");
                call(vec![("code", p), ("restore_note", "Không vi phạm.".into())]).await
            }
            "moderation/duplicate" => {
                let original = self.petition().await;
                let p = self.petition().await;
                call(vec![("code", p), ("original", original)]).await
            }
            "moderation/dismiss" => {
                let p = self.petition().await;
                let (s, body) = self
                    .by(Who::Citizen)
                    .call_json(
                        "moderation/report",
                        &[("code", &p), ("report_reason", "spam")],
                    )
                    .await;
                assert_eq!(s, 200, "{body}");
                call(code(&p)).await
            }
            "petitions/queue"
            | "petitions/queue_filtered"
            | "payments/desk"
            | "moderation/queue"
            | "consultations/managed"
            | "inbox/read"
            | "admin/outbox" => call(vec![]).await,
            "consultations/create" => {
                let (opens, closes) = (at(-1), at(7));
                let form = form(&self.agency, &opens, &closes);
                let res = c.call(endpoint, &form).await;
                let status = res.status().as_u16();
                (status, Value::String(res.text().await.unwrap()))
            }
            "consultations/update" => {
                let draft = self.draft().await;
                let (opens, closes) = (at(-1), at(7));
                let mut form = form(&self.agency, &opens, &closes);
                form.retain(|(k, _)| *k != "title");
                form.push(("title", "Dự thảo đã sửa"));
                form.push(("code", &draft));
                c.call_json(endpoint, &form).await
            }
            "consultations/publish" | "consultations/fields" => {
                call(code(&self.draft().await)).await
            }
            "consultations/add_poll" => {
                let draft = self.draft().await;
                call(vec![
                    ("code", draft),
                    ("question", "Bạn có đồng ý không?".into()),
                    ("kind", "yes_no".into()),
                ])
                .await
            }
            "consultations/comment" => {
                call(vec![
                    ("code", self.consultation.clone()),
                    ("article", "2".into()),
                    ("body", format!("Góp ý số {} về điều 2.", self.n())),
                ])
                .await
            }
            "consultations/mark" => {
                let body = format!("Ý kiến số {} cần được xem xét.", self.n());
                let id = self.author_comment(&body).await;
                call(vec![("comment", id.to_string()), ("mark", "agree".into())]).await
            }
            "consultations/report_comment"
            | "consultations/hide_comment"
            | "consultations/restore_comment" => {
                let body = format!("Ý kiến số {} cần kiểm duyệt.", self.n());
                let id = self.author_comment(&body).await;
                let id = id.to_string();
                if endpoint == "consultations/restore_comment" {
                    let (s, v) = self
                        .by(Who::Admin)
                        .call_json(
                            "consultations/hide_comment",
                            &[("comment", &id), ("hide_reason", "Kiểm tra.")],
                        )
                        .await;
                    assert_eq!(s, 200, "{v}");
                }
                call(vec![
                    ("comment", id),
                    ("report_reason", "spam".into()),
                    ("hide_reason", "Nội dung quảng cáo.".into()),
                ])
                .await
            }
            "consultations/follow" => call(code(&self.consultation)).await,
            "consultations/new_version" => {
                let open = self.draft().await;
                publish(self.by(Who::Officer), &open).await;
                let text = format!(
                    "{DRAFT}Điều 9. Điều khoản thi hành\nQuy ước có hiệu lực sau {} ngày.\n",
                    self.n()
                );
                call(vec![("code", open), ("draft", text)]).await
            }
            "consultations/unfollow" => {
                c.call_json("consultations/follow", &[("code", &self.consultation)])
                    .await;
                call(code(&self.consultation)).await
            }
            "consultations/report" => {
                let closed = self.draft().await;
                publish(self.by(Who::Officer), &closed).await;
                let now = super::consultations_flow::now();
                sqlx::query(
                    "UPDATE consultations SET opens_at = $1, closes_at = $2 WHERE code = $3",
                )
                .bind(now - 7_200_000)
                .bind(now - 1_000)
                .bind(&closed)
                .execute(&pool(&self.app.database_url).await)
                .await
                .unwrap();
                call(vec![
                    ("code", closed),
                    ("report_summary", "Không có ý kiến nào được gửi đến.".into()),
                ])
                .await
            }
            "consultations/vote" => {
                let (_, detail) = self
                    .by(Who::Anonymous)
                    .call_json("consultations/get", &[("code", &self.consultation)])
                    .await;
                let option = detail["polls"][0]["options"][0]["id"].to_string();
                call(vec![("poll", self.poll.clone()), ("choices[]", option)]).await
            }
            "payments/open_case" => {
                let d = payments::desk(self.by(Who::Staff)).await;
                let key = format!("{:032x}", u128::from(self.n()) + (7 << 100));
                let res = payments::send_case_form(c, &d, "DH-KD01", "Nguyễn Văn An", &key).await;
                let status = res.status().as_u16();
                (status, Value::String(res.text().await.unwrap()))
            }
            "payments/case" | "payments/issue_invoice" => call(code(&self.case().await)).await,
            "payments/cancel_invoice" => {
                let case = self.case().await;
                let reference = payments::issue(self.by(Who::Staff), &case).await;
                call(vec![
                    ("reference", reference),
                    ("reason", "Người dân đổi ý.".into()),
                ])
                .await
            }
            "payments/verify_receipt" => {
                let (case, _) =
                    payments::paid_case(&self.app, self.by(Who::Staff), "DH-KD01").await;
                let paid = payments::case(self.by(Who::Staff), &case).await;
                call(vec![(
                    "token",
                    paid["receipt"]["token"].as_str().unwrap().into(),
                )])
                .await
            }
            "payments/request_refund" | "payments/decide_refund" => {
                let staff = self.by(Who::Staff);
                let (_, reference) = payments::paid_case(&self.app, staff, "DH-KD01").await;
                let reason = ("refund_reason", "Nộp nhầm thủ tục.".to_string());
                if endpoint == "payments/request_refund" {
                    return call(vec![("reference", reference), reason]).await;
                }
                let form = [
                    ("reference", reference.as_str()),
                    (reason.0, reason.1.as_str()),
                ];
                let (s, body) = staff.call_json("payments/request_refund", &form).await;
                assert_eq!(s, 200, "{body}");
                call(vec![
                    ("reference", reference),
                    ("decision", "approve".into()),
                ])
                .await
            }
            "payments/refunds" | "consultations/reported_comments" => call(vec![]).await,
            "payments/reconciliation" => {
                let d = payments::desk(self.by(Who::Staff)).await;
                call(vec![("counter", d["current"]["id"].to_string())]).await
            }
            "open311/issue_key" => call(vec![("label", "Ứng dụng".into())]).await,
            "open311/revoke_key" => {
                let author = self.by(Who::Author);
                let (s, v) = author
                    .call_json("open311/issue_key", &[("label", "Khóa của tác giả")])
                    .await;
                assert_eq!(s, 200, "{v}");
                let (_, keys) = author.call_json("open311/keys", &[]).await;
                let id = keys
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k["id"].as_i64().unwrap())
                    .max()
                    .unwrap();
                call(vec![("id", id.to_string())]).await
            }
            "accounts/update_profile" => {
                call(vec![
                    ("display_name", "Tên Mới".into()),
                    ("locality", "461001".into()),
                ])
                .await
            }
            "accounts/revoke_session" => {
                // the author signs in on a second device; `who` signs it out
                let device = self.app.client();
                let res = device
                    .call(
                        "accounts/sign_in",
                        &[("email", "author@matrix.vn"), ("password", PASSWORD)],
                    )
                    .await;
                assert_eq!(res.status(), 200);
                let (_, sessions) = device.call_json("accounts/sessions", &[]).await;
                let id = sessions
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["current"] == true)
                    .unwrap()["id"]
                    .to_string();
                call(vec![("id", id)]).await
            }
            "accounts/change_password" | "accounts/delete" => {
                let c = self.newcomer(who).await;
                let form: &[(&str, &str)] = if endpoint == "accounts/delete" {
                    &[("password", PASSWORD)]
                } else {
                    &[
                        ("current_password", PASSWORD),
                        ("new_password", "another horse battery"),
                    ]
                };
                c.call_json(endpoint, form).await
            }
            other => panic!("docs/permissions.md names {other}, which this test cannot try"),
        }
    }
}

#[tokio::test]
async fn only_the_allowed_cells_of_the_permission_table_succeed() {
    let world = World::new().await;
    let rows = table();
    assert!(rows.len() >= 30, "the table has its rows");
    let mut wrong = Vec::new();
    for row in &rows {
        for (who, allowed) in WHO.iter().zip(&row.allowed) {
            let (status, body) = world.attempt(&row.endpoint, *who).await;
            let outcome = match status {
                200 => true,
                401 | 403 | 404 | 409 | 422 => false,
                _ => {
                    wrong.push(format!("{} by {who:?}: {status} {body}", row.endpoint));
                    continue;
                }
            };
            if outcome != *allowed {
                wrong.push(format!(
                    "{} by {who:?}: expected {}, got {status} {body}",
                    row.endpoint,
                    if *allowed { "✓" } else { "✗" }
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "cells that disagree with docs/permissions.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_table_names_every_state_changing_server_function() {
    // Every server function of the source has a row, or is one the table
    // says no role decides, or is a read that shows each reader their own.
    let named: Vec<String> = table().into_iter().map(|r| r.endpoint).collect();
    let roleless = [
        "accounts/register",
        "accounts/sign_in",
        "accounts/sign_out",
        "accounts/forgot_password",
        "accounts/reset_password",
        "accounts/verify_email",
        "accounts/resend_verification",
        "set_locale",
        "payments/sandbox_pay",
        "payments/sandbox_invoices",
        // its rating link is the permission (walk-in citizens have no account)
        "payments/rate",
        "petitions/submit_with_photos",
    ];
    let mut missing: Vec<String> = crate::common::server_functions()
        .into_iter()
        .map(|(endpoint, _)| endpoint)
        .filter(|e| !named.contains(e) && !roleless.contains(&e.as_str()))
        .collect();
    // reads that need no role, or show each reader only their own
    let reads = [
        "consultations/list",
        "consultations/get",
        "open311/keys",
        "open311/new_key",
        "payments/display",
        "payments/rating",
        "payments/service_stats",
        "inbox/list",
        "inbox/unread",
        "accounts/me",
        "accounts/localities",
        "accounts/sessions",
        "accounts/agencies",
        "petitions/categories",
        "petitions/get",
        "petitions/list",
        "petitions/mine",
        "petitions/statistics",
    ];
    missing.retain(|e| !reads.contains(&e.as_str()));
    assert!(
        missing.is_empty(),
        "server functions missing from docs/permissions.md: {missing:?}"
    );
}
