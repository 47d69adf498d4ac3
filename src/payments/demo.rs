//! Demo data for `grassroots demo-seed`: the fee catalogue of a ward
//! (commune level) and of a city (district level) one-stop shop in Quảng
//! Trị, their counters, a staff member at each, and each agency's
//! beneficiary account. Seeding twice changes nothing.

use super::catalogue_repo::{self as repo, NewProcedure};
use crate::accounts::model::{DisplayName, Email, NewPassword, Role};
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// (code, Vietnamese, English, Korean, fee in đồng or free)
type Fee = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
);

/// A one-stop shop: its agency, counters, bank account, staff and fees.
struct Shop {
    agency: &'static str,
    /// (name, location)
    counters: &'static [(&'static str, &'static str)],
    /// (BIN, account number, account name)
    bank: (&'static str, &'static str, &'static str),
    /// (e-mail, name) of the staff member at the first counter.
    staff: (&'static str, &'static str),
    fees: &'static [Fee],
}

const WARD: Shop = Shop {
    agency: "UBND Phường 1, thành phố Đông Hà",
    counters: &[(
        "Quầy tiếp nhận",
        "Bộ phận Một cửa, tầng 1, trụ sở UBND Phường 1",
    )],
    bank: ("970405", "3900201012345", "UBND PHUONG 1 TP DONG HA"),
    staff: ("staff.phuong1@demo.grassroots.vn", "Đặng Văn Hùng"),
    fees: &[
        (
            "P1-CT01",
            "Chứng thực bản sao từ bản chính (1 trang)",
            "Certified copy from the original (one page)",
            "원본 대조 사본 인증 (1쪽)",
            Some(2_000),
        ),
        (
            "P1-CT02",
            "Chứng thực chữ ký",
            "Authentication of a signature",
            "서명 인증",
            Some(10_000),
        ),
        (
            "P1-CT03",
            "Chứng thực hợp đồng, giao dịch",
            "Authentication of a contract or transaction",
            "계약·거래 인증",
            Some(50_000),
        ),
        (
            "P1-HT01",
            "Đăng ký khai sinh",
            "Birth registration",
            "출생 등록",
            None,
        ),
        (
            "P1-HT02",
            "Đăng ký kết hôn",
            "Marriage registration",
            "혼인 등록",
            None,
        ),
        (
            "P1-HT03",
            "Cấp bản sao trích lục hộ tịch",
            "Copy of a civil status extract",
            "호적 발췌 사본 발급",
            Some(8_000),
        ),
        (
            "P1-HT04",
            "Cấp giấy xác nhận tình trạng hôn nhân",
            "Certificate of marital status",
            "혼인 상태 확인서 발급",
            Some(10_000),
        ),
        (
            "P1-HT05",
            "Đăng ký khai tử",
            "Death registration",
            "사망 등록",
            None,
        ),
    ],
};

const CITY: Shop = Shop {
    agency: "UBND thành phố Đông Hà",
    counters: &[
        (
            "Quầy số 1",
            "Bộ phận Tiếp nhận và Trả kết quả, tầng 1, trụ sở UBND thành phố Đông Hà",
        ),
        (
            "Quầy số 2",
            "Bộ phận Tiếp nhận và Trả kết quả, tầng 1, trụ sở UBND thành phố Đông Hà",
        ),
    ],
    bank: ("970415", "113000123456", "UBND THANH PHO DONG HA"),
    staff: ("staff.dongha@demo.grassroots.vn", "Võ Thị Thu"),
    fees: &[
        (
            "DH-KD01",
            "Đăng ký thành lập hộ kinh doanh",
            "Registration of a household business",
            "개인사업자 설립 등록",
            Some(100_000),
        ),
        (
            "DH-KD02",
            "Đăng ký thay đổi nội dung hộ kinh doanh",
            "Change of a household business registration",
            "개인사업자 등록 사항 변경",
            Some(50_000),
        ),
        (
            "DH-XD01",
            "Cấp giấy phép xây dựng nhà ở riêng lẻ",
            "Building permit for a detached house",
            "단독주택 건축 허가",
            Some(75_000),
        ),
        (
            "DH-HT01",
            "Đăng ký kết hôn có yếu tố nước ngoài",
            "Marriage registration with a foreign party",
            "외국인과의 혼인 등록",
            Some(1_500_000),
        ),
        (
            "DH-HT02",
            "Đăng ký khai sinh có yếu tố nước ngoài",
            "Birth registration with a foreign party",
            "외국인 관련 출생 등록",
            Some(100_000),
        ),
        (
            "DH-CT01",
            "Chứng thực bản sao giấy tờ tiếng nước ngoài (1 trang)",
            "Certified copy of a foreign-language document (one page)",
            "외국어 문서 사본 인증 (1쪽)",
            Some(2_000),
        ),
        (
            "DH-RU01",
            "Cấp giấy phép bán lẻ rượu",
            "Licence to retail alcohol",
            "주류 소매 허가",
            Some(1_200_000),
        ),
        (
            "DH-TT01",
            "Xác nhận thông tin về cư trú",
            "Confirmation of residence",
            "거주 정보 확인",
            None,
        ),
    ],
};

/// Adds the demo catalogue, counters, staff (with `password`) and bank
/// accounts; returns how many procedures the catalogue holds for them.
pub async fn seed(state: &AppState, password: &str) -> Result<usize, AppError> {
    let pool = &state.db.pool;
    let now = now_ms();
    let mut procedures = 0;
    for shop in [WARD, CITY] {
        let agency = crate::accounts::repo::upsert_agency(pool, shop.agency, now).await?;
        for &(code, vi, en, ko, fee) in shop.fees {
            let p = NewProcedure {
                code,
                agency_id: agency,
                name_vi: vi,
                name_en: en,
                name_ko: ko,
                fee_dong: fee,
            };
            repo::upsert_procedure(pool, &p, now).await?;
            procedures += 1;
        }
        let (bin, account, name) = shop.bank;
        repo::set_bank_account(pool, agency, bin, account, name, now).await?;
        let mut first = None;
        for &(name, location) in shop.counters {
            let token = super::service::random_key();
            let id = repo::upsert_counter(pool, agency, name, location, &token, now).await?;
            first.get_or_insert(id);
        }
        let (email, name) = shop.staff;
        let staff = staff_account(state, email, name, password, agency).await?;
        if let Some(counter) = first {
            repo::assign_staff(pool, counter, staff, now).await?;
        }
    }
    Ok(procedures)
}

/// The demo staff account `email` (created on first seed); its id.
async fn staff_account(
    state: &AppState,
    email: &str,
    name: &str,
    password: &str,
    agency: i64,
) -> Result<i64, AppError> {
    let pool = &state.db.pool;
    if let Some(u) = crate::accounts::repo::user_with_hash_by_email(pool, email).await? {
        return Ok(u.user.id);
    }
    crate::accounts::service::create_user(
        &state.db,
        &Email::parse(email)?,
        &NewPassword::parse("password", password)?,
        &DisplayName::parse(name)?,
        Some(461001),
        Role::Staff,
        Some(agency),
    )
    .await
}
