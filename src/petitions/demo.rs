//! Demo petitions for `grassroots demo-seed`: realistic Vietnamese text in
//! every status, with timelines, answers, supports and followers; one petition hidden
//! by a moderator, one closed as a duplicate, and one reported by the demo
//! supporters, waiting in the moderation queue.

use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::petitions::model::Status;
use crate::petitions::service::{self, Submission};
use crate::server::state::AppState;

/// (category id, locality id, title, body, steps to walk, supporters)
type DemoPetition = (
    i64,
    i64,
    &'static str,
    &'static str,
    &'static [Status],
    usize,
);

const DEMO: [DemoPetition; 6] = [
    (1, 461001, "Sửa chữa mặt đường Lê Duẩn đoạn qua Phường 1",
     "Mặt đường Lê Duẩn đoạn từ ngã tư Đông Hà đến cầu Đông Hà xuất hiện nhiều ổ gà lớn, trời mưa đọng nước gây nguy hiểm cho người đi xe máy. Đề nghị sửa chữa sớm trước mùa mưa bão.",
     &[], 3),
    (2, 461006, "Thu gom rác thải tại chợ Đông Giang chưa đúng giờ",
     "Rác thải tại khu vực chợ Đông Giang thường được thu gom muộn, gây mùi hôi và mất vệ sinh cho các hộ dân xung quanh. Đề nghị bố trí thu gom trước 6 giờ sáng hằng ngày.",
     &[Status::Accepted], 2),
    (4, 465001, "Mất điện kéo dài tại thị trấn Khe Sanh",
     "Trong tháng qua, thị trấn Khe Sanh bị mất điện nhiều lần, mỗi lần kéo dài hơn 4 giờ mà không có thông báo trước. Đề nghị ngành điện thông báo lịch cắt điện và khắc phục sự cố.",
     &[Status::Accepted, Status::Assigned, Status::InProgress], 2),
    (6, 462001, "Bổ sung đèn chiếu sáng trước cổng trường tiểu học",
     "Đoạn đường trước cổng trường tiểu học Phường 1 thị xã Quảng Trị không có đèn chiếu sáng, học sinh học buổi chiều về muộn rất nguy hiểm. Đề nghị lắp bổ sung đèn đường.",
     &[Status::Accepted, Status::Assigned, Status::Answered], 1),
    (8, 461002, "Rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất",
     "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi đã nộp hơn 3 tháng nhưng chưa có kết quả. Đề nghị công khai tiến độ giải quyết hồ sơ trên cổng thông tin.",
     &[Status::Accepted, Status::Assigned, Status::Answered, Status::Closed], 0),
    (9, 470001, "Đề nghị tổ chức chợ phiên cuối tuần tại Diên Sanh",
     "Người dân mong muốn có chợ phiên cuối tuần để tiêu thụ nông sản địa phương. Nội dung này thuộc thẩm quyền của doanh nghiệp tư nhân nên gửi nhầm nơi.",
     &[Status::Rejected], 0),
];

/// Adds the demo petitions unless some already exist.
pub async fn seed(
    state: &AppState,
    citizen: &UserView,
    officer: &UserView,
    local_officer: &UserView,
    others: &[UserView],
) -> Result<usize, AppError> {
    if crate::petitions::repo::count_all(&state.db.pool).await? > 0 {
        return Ok(0);
    }
    let mut first = None;
    for (category, locality, title, body, steps, supporters) in DEMO {
        let code = service::submit(
            state,
            citizen,
            Submission {
                kind: "petition".into(),
                title: title.into(),
                body: body.into(),
                category: category.to_string(),
                locality: locality.to_string(),
                visibility: "public".into(),
                show_name: true,
            },
        )
        .await?;
        first.get_or_insert_with(|| code.clone());
        // Its supporters follow it from the start (in-app only, no e-mail to
        // demo addresses), so their inboxes show the steps below.
        for supporter in others.iter().take(supporters) {
            crate::petitions::follows::service::follow(state, supporter, code.as_str(), false)
                .await?;
        }
        for step in steps {
            let note = match step {
                Status::Rejected => "Nội dung không thuộc thẩm quyền giải quyết của cơ quan nhà nước.",
                Status::Answered => "Cơ quan đã kiểm tra thực tế và bố trí kinh phí khắc phục trong quý tới. Cảm ơn ý kiến của công dân.",
                Status::InProgress => "Đã giao đơn vị chuyên môn kiểm tra hiện trường.",
                _ => "",
            };
            service::change_status(state, officer, code.as_str(), step.as_str(), note).await?;
        }
        for supporter in others.iter().take(supporters) {
            service::set_support(state, supporter, code.as_str(), true).await?;
        }
    }
    if let Some(original) = first {
        let officers = [officer, local_officer];
        seed_moderation(state, citizen, officers, others, original.as_str()).await?;
    }
    Ok(DEMO.len() + 3)
}

/// A petition hidden by the officer, one closed as a duplicate of
/// `original` (a road in Đông Hà, so by that city's officer), and one
/// reported by `others`.
async fn seed_moderation(
    state: &AppState,
    citizen: &UserView,
    [officer, local_officer]: [&UserView; 2],
    others: &[UserView],
    original: &str,
) -> Result<(), AppError> {
    let submission = |category: &str, title: &str, body: &str| Submission {
        kind: "petition".into(),
        title: title.into(),
        body: body.into(),
        category: category.into(),
        locality: "461001".into(),
        visibility: "public".into(),
        show_name: true,
    };
    let hidden = service::submit(
        state,
        citizen,
        submission(
            "9",
            "Quảng cáo dịch vụ vay tiền nhanh không cần thế chấp",
            "Vay tiền nhanh trong ngày, lãi suất thấp, không cần thế chấp, liên hệ ngay số điện thoại của chúng tôi để được hỗ trợ.",
        ),
    )
    .await?;
    crate::petitions::moderation::service::hide(
        state,
        officer,
        hidden.as_str(),
        "Nội dung quảng cáo, không phải kiến nghị gửi cơ quan nhà nước.",
    )
    .await?;
    let duplicate = service::submit(
        state,
        citizen,
        submission(
            "1",
            "Đường Lê Duẩn nhiều ổ gà cần sửa gấp",
            "Đoạn đường Lê Duẩn gần cầu Đông Hà có nhiều ổ gà sâu, xe máy đi qua rất dễ ngã, nhất là khi trời mưa. Mong được sửa chữa sớm.",
        ),
    )
    .await?;
    crate::petitions::moderation::service::mark_duplicate(
        state,
        local_officer,
        duplicate.as_str(),
        original,
    )
    .await?;
    let reported = service::submit(
        state,
        citizen,
        submission(
            "3",
            "Bán đất nền giá rẻ ven biển Cửa Việt, sổ hồng trao tay",
            "Chính chủ cần bán gấp lô đất nền ven biển Cửa Việt, giá rẻ hơn thị trường, sổ hồng trao tay, liên hệ để xem đất.",
        ),
    )
    .await?;
    for reporter in others {
        let comment = "Tin rao bán đất, không phải kiến nghị.";
        crate::petitions::moderation::service::report(
            state,
            reporter,
            reported.as_str(),
            "spam",
            comment,
        )
        .await?;
    }
    Ok(())
}
