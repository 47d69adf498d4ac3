//! Demo consultations for `grassroots demo-seed`: an open commune-level
//! regulation (a khu phố's quy ước) with comments, replies, marks and
//! ballots; an upcoming district plan; and a closed provincial rule with
//! its results. The texts follow the shape of real Vietnamese drafts.

use super::model::local_time_input;
use super::polls::{self, PollInput};
use super::service::{self, DraftInput};
use super::{polls_repo, repo, talk_repo};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

const DAY: i64 = 86_400_000;

const QUY_UOC: &str = "\
QUY ƯỚC
Khu phố 3, Phường Đông Giang, thành phố Đông Hà

Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;
Căn cứ ý kiến thống nhất của Hội nghị cư dân khu phố 3.

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy ước này quy định về giữ gìn trật tự, vệ sinh môi trường, nếp sống văn minh và tình làng nghĩa xóm trong khu phố 3.

Điều 2. Đối tượng áp dụng
1. Hộ gia đình và cá nhân cư trú trên địa bàn khu phố.
2. Cơ quan, tổ chức, hộ kinh doanh có trụ sở hoặc địa điểm kinh doanh trên địa bàn khu phố.

Chương II
NỘI DUNG QUY ƯỚC

Mục 1. VỆ SINH MÔI TRƯỜNG

Điều 3. Thu gom rác thải sinh hoạt
1. Các hộ gia đình phân loại rác tại nguồn thành rác hữu cơ, rác tái chế và rác khác.
2. Rác được để trước cửa nhà từ 17 giờ đến 19 giờ hằng ngày; không để rác trên vỉa hè ngoài khung giờ này.
3. Nghiêm cấm các hành vi sau:
a) đổ rác, xả nước thải ra lòng đường, mương thoát nước;
b) đốt rác thải nhựa trong khu dân cư.

Điều 4. Tổng vệ sinh định kỳ
Sáng Chủ nhật cuối cùng của mỗi tháng, mỗi hộ cử ít nhất một người tham gia tổng vệ sinh đường phố, kiệt hẻm.

Mục 2. TRẬT TỰ VÀ NẾP SỐNG VĂN MINH

Điều 5. Giữ gìn trật tự công cộng
1. Không sử dụng loa, thiết bị âm thanh gây ồn sau 22 giờ và trước 6 giờ.
2. Việc tổ chức đám cưới, đám tang thực hiện theo nếp sống văn minh, không lấn chiếm lòng đường quá 24 giờ.

Điều 6. Đỗ xe và sử dụng vỉa hè
Các hộ kinh doanh chừa lại ít nhất 1,5 mét vỉa hè cho người đi bộ.

Chương III
TỔ CHỨC THỰC HIỆN

Điều 7. Khen thưởng và xử lý vi phạm
1. Hộ gia đình thực hiện tốt được biểu dương tại Hội nghị cư dân cuối năm.
2. Hộ vi phạm lần đầu bị nhắc nhở; tái phạm bị nêu tên tại cuộc họp khu phố.

Điều 8. Hiệu lực
Quy ước có hiệu lực sau khi được Ủy ban nhân dân thành phố công nhận.
";

const KE_HOACH: &str = "\
KẾ HOẠCH
Phát triển hạ tầng đô thị thành phố Đông Hà giai đoạn 2026 – 2030

Phần I
MỤC TIÊU

Điều 1. Mục tiêu chung
Xây dựng thành phố Đông Hà xanh, sạch, đáp ứng tiêu chí đô thị loại II.

Điều 2. Chỉ tiêu cụ thể
1. Tỷ lệ đường đô thị được chiếu sáng đạt 100%.
2. Tỷ lệ hộ dân được cấp nước sạch đạt 99%.
3. Diện tích cây xanh công cộng đạt ít nhất 7 m² mỗi người.

Phần II
NHIỆM VỤ VÀ GIẢI PHÁP

Điều 3. Giao thông
1. Nâng cấp các tuyến đường Lê Duẩn, Hùng Vương, Trần Hưng Đạo.
2. Xây dựng bến xe buýt nội thị tại các phường.

Điều 4. Thoát nước và chống ngập
Cải tạo hệ thống thoát nước khu vực phường 1, phường 5 và Đông Giang trước mùa mưa bão năm 2027.

Điều 5. Nguồn vốn
Vốn ngân sách thành phố, vốn hỗ trợ của tỉnh và vốn xã hội hóa.
";

const QUY_DINH: &str = "\
QUY ĐỊNH
Quản lý trật tự xây dựng trên địa bàn tỉnh Quảng Trị

Chương I. QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định trách nhiệm quản lý trật tự xây dựng của các cơ quan trên địa bàn tỉnh.
Điều 2. Nguyên tắc quản lý
1. Mọi công trình xây dựng phải có giấy phép, trừ trường hợp được miễn theo quy định.
2. Việc kiểm tra được công khai, minh bạch.

Chương II. TRÁCH NHIỆM
Điều 3. Trách nhiệm của Ủy ban nhân dân cấp xã
1. Kiểm tra, phát hiện kịp thời công trình vi phạm.
2. Công khai danh sách công trình được cấp phép tại trụ sở và trên cổng thông tin.
Điều 4. Trách nhiệm của chủ đầu tư
Treo biển báo công trình tại công trường trong suốt thời gian thi công.
";

struct Demo {
    title: &'static str,
    summary: &'static str,
    locality: i64,
    opens: i64,
    closes: i64,
    text: &'static str,
}

/// Adds the demo consultations unless some already exist. `local` runs
/// the Đông Hà ones, `provincial` the province's; `people` comment and vote.
pub async fn seed(
    state: &AppState,
    local: &UserView,
    provincial: &UserView,
    people: &[UserView],
) -> Result<usize, AppError> {
    if !repo::managed(&state.db.pool, None).await?.is_empty() {
        return Ok(0);
    }
    let now = now_ms();
    let demos = [
        (local, Demo {
            title: "Dự thảo Quy ước khu phố 3, Phường Đông Giang",
            summary: "Ủy ban nhân dân thành phố lấy ý kiến cư dân về dự thảo quy ước giữ gìn vệ sinh môi trường, trật tự và nếp sống văn minh của khu phố 3.",
            locality: 461006,
            opens: now - 3 * DAY,
            closes: now + 18 * DAY,
            text: QUY_UOC,
        }),
        (local, Demo {
            title: "Dự thảo Kế hoạch phát triển hạ tầng đô thị thành phố Đông Hà 2026 – 2030",
            summary: "Kế hoạch giao thông, chiếu sáng, thoát nước và cây xanh của thành phố trong 5 năm tới; người dân góp ý về thứ tự ưu tiên.",
            locality: 461,
            opens: now + 5 * DAY,
            closes: now + 35 * DAY,
            text: KE_HOACH,
        }),
        (provincial, Demo {
            title: "Dự thảo Quy định quản lý trật tự xây dựng trên địa bàn tỉnh",
            summary: "Sở Xây dựng đã lấy ý kiến về trách nhiệm kiểm tra, công khai giấy phép xây dựng của cấp xã và chủ đầu tư.",
            locality: 45,
            opens: now - 40 * DAY,
            closes: now - 10 * DAY,
            text: QUY_DINH,
        }),
    ];
    let mut codes = Vec::new();
    for (officer, d) in &demos {
        let input = DraftInput {
            title: d.title.into(),
            summary: d.summary.into(),
            agency: officer.agency_id.unwrap_or_default().to_string(),
            locality: d.locality.to_string(),
            opens_at: local_time_input(d.opens),
            closes_at: local_time_input(d.closes),
            draft: d.text.into(),
            form_key: String::new(),
        };
        let code = service::create(state, officer, input).await?;
        let poll = |question: &str, kind: &str, options: &str, max: &str, hidden: bool| PollInput {
            code: code.clone(),
            question: question.into(),
            kind: kind.into(),
            options: options.into(),
            max_choices: max.into(),
            results_hidden: hidden,
        };
        polls::add(
            state,
            officer,
            poll(
                "Bạn có đồng ý với dự thảo nói chung không?",
                "yes_no",
                "",
                "",
                false,
            ),
        )
        .await?;
        polls::add(
            state,
            officer,
            poll(
                "Những nội dung nào cần ưu tiên thực hiện?",
                "multiple",
                "Vệ sinh môi trường\nChiếu sáng đường phố\nTrật tự vỉa hè\nSân chơi cho trẻ em",
                "2",
                false,
            ),
        )
        .await?;
        polls::add(
            state,
            officer,
            poll(
                "Mức độ rõ ràng của dự thảo (1 = khó hiểu, 5 = rất rõ)",
                "scale",
                "",
                "",
                true,
            ),
        )
        .await?;
        service::publish(state, officer, &code).await?;
        codes.push(code);
    }
    // Comments, replies, marks and ballots on the open and the closed one
    // (written as they would have been while open).
    for code in [&codes[0], &codes[2]] {
        talk(state, code, people).await?;
    }
    // The open one is followed; the closed one has its report.
    let open = repo::find(&state.db.pool, &codes[0])
        .await?
        .ok_or(AppError::NotFound)?;
    for (i, person) in people.iter().take(FOLLOWERS).enumerate() {
        let c = super::subject::of(open.id);
        crate::subjects::follows::follow(&state.db.pool, c, person.id, i % 2 == 0, now).await?;
    }
    // Its second version answers a comment on article 3.
    let revised = QUY_UOC.replace(
        "rác hữu cơ, rác tái chế và rác khác.",
        "rác hữu cơ, rác tái chế và rác khác; rác cồng kềnh được thu gom theo lịch riêng của phường.",
    );
    super::versions::publish(state, local, &codes[0], &revised).await?;
    closing_report(state, provincial, &codes[2]).await?;
    // Their opinion groups, drawn now rather than at the server's next sweep.
    super::opinions::refresh(state).await?;
    Ok(codes.len())
}

/// The province's closing report on the closed draft: a response to every
/// article that was commented on.
async fn closing_report(state: &AppState, officer: &UserView, code: &str) -> Result<(), AppError> {
    let c = repo::find(&state.db.pool, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut commented = talk_repo::commented_articles(&state.db.pool, c.id).await?;
    commented.sort();
    let reasons = [
        ("partly", "Tiếp thu: bổ sung thời hạn công khai giấy phép tại trụ sở Ủy ban nhân dân cấp xã là 5 ngày làm việc. Không tiếp thu đề nghị bỏ trách nhiệm kiểm tra của cấp xã, vì Luật Xây dựng giao trách nhiệm này cho Ủy ban nhân dân cấp xã."),
        ("accepted", "Tiếp thu toàn bộ: đã sửa khoản 2 cho rõ chủ đầu tư phải treo biển báo công trình trước khi khởi công."),
        ("not_accepted", "Không tiếp thu: mức xử phạt do Nghị định của Chính phủ quy định, quy định của tỉnh không thể thay đổi."),
    ];
    let input = super::report::ReportInput {
        code: code.into(),
        summary: "Trong 30 ngày lấy ý kiến, Sở Xây dựng nhận được ý kiến của cư dân về trách nhiệm kiểm tra và công khai giấy phép xây dựng. Phần lớn ý kiến đồng tình với dự thảo; một số ý kiến đề nghị rút ngắn thời hạn công khai và làm rõ trách nhiệm của chủ đầu tư. Sở đã tiếp thu và chỉnh lý dự thảo như dưới đây.".into(),
        verdicts: (0..commented.len()).map(|i| reasons[i % 3].0.into()).collect(),
        reasons: (0..commented.len()).map(|i| reasons[i % 3].1.into()).collect(),
        articles: commented,
    };
    super::report::publish(state, officer, input).await
}

const COMMENTS: [(&str, &str); 5] = [
    (
        "3",
        "Đề nghị lùi giờ để rác đến 20 giờ, vì nhiều hộ đi làm về muộn.",
    ),
    ("3", "Cần bố trí thêm thùng rác công cộng ở đầu kiệt 12."),
    (
        "5",
        "Nên cho phép đám cưới dùng loa đến 22 giờ 30 vào cuối tuần.",
    ),
    (
        "6",
        "Quy định 1,5 mét vỉa hè là hợp lý, cần kiểm tra thường xuyên.",
    ),
    ("1", "Đồng ý với phạm vi của quy ước."),
];

/// Demo people who follow the open consultation.
const FOLLOWERS: usize = 4;

/// How the residents stand on each of [`COMMENTS`], in three camps: those
/// home late (later rubbish hours, music at weddings), those who want quiet
/// and clear pavements, and those in between. Every camp agrees on more
/// public bins and on the scope: the common ground.
const CAMPS: [[i64; 5]; 3] = [[1, 1, 1, -1, 1], [-1, 1, -1, 1, 1], [1, 1, -1, 1, 1]];

/// Person `p`'s mark on comment `n`: their camp's, now and then passed or
/// turned, as real people do.
fn demo_mark(p: usize, n: usize) -> i64 {
    let mark = CAMPS[p % CAMPS.len()][n];
    match (p * 7 + n * 3) % 13 {
        0 => -mark,
        1 => 0,
        _ => mark,
    }
}

async fn talk(state: &AppState, code: &str, people: &[UserView]) -> Result<(), AppError> {
    let pool = &state.db.pool;
    let c = repo::find(pool, code).await?.ok_or(AppError::NotFound)?;
    let at = c.opens_at + DAY;
    let mut tx = pool.begin().await?;
    let mut ids = Vec::new();
    for (i, (article, body)) in COMMENTS.iter().enumerate() {
        let article = if repo::has_article(pool, c.id, article).await? {
            *article
        } else {
            "1"
        };
        let author = &people[i % people.len()];
        talk_repo::insert(
            &mut tx,
            &talk_repo::NewComment {
                consultation_id: c.id,
                article,
                parent: None,
                author_id: author.id,
                body,
                form_key: None,
                now: at + i as i64 * 3_600_000,
            },
        )
        .await?;
        let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM consultation_comments")
            .fetch_one(&mut *tx)
            .await?;
        ids.push((id, author.id));
    }
    talk_repo::insert(
        &mut tx,
        &talk_repo::NewComment {
            consultation_id: c.id,
            article: COMMENTS[0].0,
            parent: Some(ids[0].0),
            author_id: people[1 % people.len()].id,
            body: "Tôi cũng đi làm về sau 19 giờ, ủng hộ ý kiến này.",
            form_key: None,
            now: at + 10 * 3_600_000,
        },
    )
    .await?;
    for (n, (comment, author)) in ids.iter().enumerate() {
        for (p, person) in people.iter().enumerate() {
            if person.id != *author {
                talk_repo::set_mark(&mut tx, *comment, person.id, demo_mark(p, n), at + DAY)
                    .await?;
            }
        }
    }
    let options = polls_repo::options(pool, c.id).await?;
    for (poll_index, poll) in polls_repo::polls(pool, c.id).await?.iter().enumerate() {
        let of_poll: Vec<i64> = options
            .iter()
            .filter(|o| o.1 == poll.id)
            .map(|o| o.0)
            .collect();
        for (p, person) in people.iter().enumerate() {
            let pick = of_poll[(p + poll_index) % of_poll.len()];
            polls_repo::cast(&mut tx, poll.id, person.id, &[pick], at + DAY).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
