//! Generated petitions and supports for the scale benchmark
//! (`grassroots bench-data`): a million petitions and ten million supports
//! written by a few set-based statements, so the list, search, a petition
//! page and the statistics can be measured at the size of a province.
//! Generated petitions have codes `SC-<n>` (not tracking codes: they are
//! listed and counted, not looked up) and no timeline.

use crate::petitions::model::{search_key, Status};
use crate::server::db::Db;

/// Titles the generated petitions combine with places (no quotes in them).
const PHRASES: [&str; 12] = [
    "Sửa chữa mặt đường xuống cấp",
    "Thu gom rác thải chưa đúng giờ",
    "Mất điện kéo dài không báo trước",
    "Bổ sung đèn chiếu sáng công cộng",
    "Nước sinh hoạt bị đục và có mùi",
    "Cống thoát nước bị tắc gây ngập",
    "Cấp giấy chứng nhận quyền sử dụng đất chậm",
    "Tiếng ồn từ xưởng cơ khí ban đêm",
    "Lấn chiếm vỉa hè để buôn bán",
    "Trường học thiếu phòng học",
    "Cây xanh đổ nguy hiểm cho người đi đường",
    "Đề nghị lắp đặt biển báo giao thông",
];

/// Places the titles name.
const PLACES: [&str; 10] = [
    "tại Phường 1",
    "tại Phường 5",
    "ở thị trấn Khe Sanh",
    "ở xã Gio Linh",
    "tại chợ Đông Hà",
    "trên đường Lê Duẩn",
    "trên đường Hùng Vương",
    "ở thôn Diên Sanh",
    "tại khu phố 3",
    "gần cầu Đông Hà",
];

/// The statuses generated petitions cycle through.
const STATUSES: [Status; 7] = [
    Status::Submitted,
    Status::Accepted,
    Status::Assigned,
    Status::InProgress,
    Status::Answered,
    Status::Closed,
    Status::Rejected,
];

fn values<T>(items: &[T], row: impl Fn(usize, &T) -> String) -> String {
    items
        .iter()
        .enumerate()
        .map(|(k, t)| row(k, t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many supporters generation needs for `supports` over `petitions`:
/// petition counts vary from 0 to twice the mean, one support per account.
pub fn supporters_needed(petitions: i64, supports: i64) -> i64 {
    if petitions == 0 {
        return 0;
    }
    2 * ((supports + petitions - 1) / petitions)
}

/// Adds `petitions` public and private petitions by `author` across every
/// category, locality and status, and about `supports` supports from
/// `supporters` (at least [`supporters_needed`] account ids); returns the
/// supports written.
pub async fn generate(
    db: &Db,
    author: i64,
    supporters: &[i64],
    petitions: i64,
    supports: i64,
) -> Result<i64, sqlx::Error> {
    let spread = supporters_needed(petitions, supports).min(supporters.len() as i64);
    let start: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM petitions")
        .fetch_one(&db.pool)
        .await?;
    let phrases = values(&PHRASES, |k, t| {
        format!("({k}, '{t}', '{}')", search_key(t))
    });
    let places = values(&PLACES, |k, t| format!("({k}, '{t}', '{}')", search_key(t)));
    let statuses = values(&STATUSES, |k, s| format!("({k}, '{}')", s.as_str()));
    // One minute between petitions, the newest now.
    let now = crate::server::db::now_ms();
    let sql = format!(
        "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < $1), \
         phrase(k, title, folded) AS (VALUES {phrases}), \
         place(k, name, folded) AS (VALUES {places}), \
         state(k, status) AS (VALUES {statuses}), \
         loc AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM localities), \
         cat AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM categories) \
         INSERT INTO petitions (code, kind, title, body, search_text, category_id, locality_id, \
             author_id, visibility, show_name, status, agency_id, created_at, updated_at, support_count) \
         SELECT 'SC-' || ($2 + n.i), \
             CASE WHEN n.i % 5 = 0 THEN 'feedback' ELSE 'petition' END, \
             phrase.title || ' ' || place.name, \
             'Kiến nghị ' || phrase.title || ' ' || place.name || '. Đề nghị cơ quan có thẩm quyền xem xét, giải quyết sớm.', \
             phrase.folded || ' ' || place.folded || ' ' || (n.i % 997), \
             cat.id, loc.id, $3, \
             CASE WHEN n.i % 10 = 0 THEN 'private' ELSE 'public' END, 1, state.status, NULL, \
             $4 - n.i * 60000, $4 - n.i * 60000, \
             CASE WHEN $5 = 0 THEN 0 ELSE (n.i * 7919) % ($5 + 1) END \
         FROM n \
         JOIN phrase ON phrase.k = n.i % {np} \
         JOIN place ON place.k = (n.i / {np}) % {nl} \
         JOIN state ON state.k = (n.i / 3) % {ns} \
         JOIN loc ON loc.k = n.i % (SELECT COUNT(*) FROM localities) \
         JOIN cat ON cat.k = (n.i / 7) % (SELECT COUNT(*) FROM categories)",
        np = PHRASES.len(),
        nl = PLACES.len(),
        ns = STATUSES.len(),
    );
    let mut tx = db.pool.begin().await?;
    sqlx::query(&sql)
        .bind(petitions)
        .bind(start)
        .bind(author)
        .bind(now)
        .bind(spread)
        .execute(&mut *tx)
        .await?;
    crate::petitions::list_repo::index_all_after(&mut tx, start).await?;
    let mut written = 0;
    if spread > 0 {
        let supporter = values(&supporters[..spread as usize], |k, id| {
            format!("({k}, {id})")
        });
        written = sqlx::query(&format!(
            "WITH supporter(k, user_id) AS (VALUES {supporter}) \
             INSERT INTO petition_supports (petition_id, user_id, created_at) \
             SELECT p.id, s.user_id, p.created_at FROM petitions p \
             JOIN supporter s ON s.k < p.support_count WHERE p.id > $1"
        ))
        .bind(start)
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64;
    }
    tx.commit().await?;
    Ok(written)
}
