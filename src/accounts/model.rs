//! Account types shared by both halves: roles, the signed-in person, and
//! inputs that validate on construction (the permission check is in
//! `permissions`).

use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub use super::permissions::{can, Action, Scope};

/// What a person may do depends on their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A registered member of the public.
    Citizen,
    /// Counter staff at a one-stop service counter (belongs to an agency).
    Staff,
    /// An officer of an agency (belongs to an agency).
    Officer,
    /// Runs the deployment.
    Admin,
}

impl Role {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Staff => "staff",
            Role::Officer => "officer",
            Role::Admin => "admin",
        }
    }

    /// Parses a stored or typed role name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "citizen" => Some(Role::Citizen),
            "staff" => Some(Role::Staff),
            "officer" => Some(Role::Officer),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether accounts of this role must belong to an agency.
    pub fn needs_agency(self) -> bool {
        matches!(self, Role::Staff | Role::Officer)
    }

    /// The catalogue key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Citizen => "accounts.role_citizen",
            Role::Staff => "accounts.role_staff",
            Role::Officer => "accounts.role_officer",
            Role::Admin => "accounts.role_admin",
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(s: String) -> Result<Role, String> {
        Role::parse(&s).ok_or(s)
    }
}

/// The signed-in person, as both halves see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct UserView {
    /// Account id.
    pub id: i64,
    /// E-mail address (lower case).
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Role.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
    /// Home locality, if given.
    pub locality_id: Option<i64>,
    /// Agency of staff and officers.
    pub agency_id: Option<i64>,
    /// When the e-mail address was confirmed (ms); `None` until then.
    pub email_verified_at: Option<i64>,
}

/// One of the user's signed-in sessions, for the account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SessionView {
    /// Session id (not the token).
    pub id: i64,
    /// When it was created (ms since epoch).
    pub created_at: i64,
    /// When it was last used (ms since epoch).
    pub last_seen_at: i64,
    /// The browser's User-Agent, shortened.
    pub user_agent: String,
    /// Whether this is the session making the request.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub current: bool,
}

/// An agency, for pickers and filters (their names are public: they are on
/// every petition and consultation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyOption {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A locality from the seeded table, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalityOption {
    /// Locality id.
    pub id: i64,
    /// Full name, for example "Phường 1, Thành phố Đông Hà".
    pub label: String,
}

/// An e-mail address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Validates an address: one `@`, a dot in the domain, no spaces, at most 254 bytes.
    pub fn parse(s: &str) -> Result<Email, AppError> {
        let s = s.trim().to_lowercase();
        let invalid = || AppError::invalid("email", "accounts.email_invalid");
        if s.is_empty() {
            return Err(AppError::invalid("email", "accounts.email_required"));
        }
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = s.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(invalid());
        }
        Ok(Email(s))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 10 to 128 characters.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    /// Validates length only: long passphrases beat composition rules.
    pub fn parse(field: &str, s: &str) -> Result<NewPassword, AppError> {
        let n = s.chars().count();
        if n < 10 {
            return Err(AppError::invalid(field, "accounts.password_too_short"));
        }
        if n > 128 {
            return Err(AppError::invalid(field, "accounts.password_too_long"));
        }
        Ok(NewPassword(s.to_string()))
    }

    /// The password.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A display name: NFC-normalised, trimmed, 2 to 80 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Validates and normalises a display name.
    pub fn parse(s: &str) -> Result<DisplayName, AppError> {
        let rules = crate::text::Rules {
            min: 2,
            max: 80,
            lines: false,
        };
        let messages = crate::text::Messages {
            too_short: "accounts.name_too_short",
            too_long: "accounts.name_invalid",
            invalid: "accounts.name_invalid",
        };
        crate::text::check(s, "display_name", rules, messages).map(DisplayName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses an optional locality id from a form field ("" means none).
pub fn parse_locality(s: &str) -> Result<Option<i64>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<i64>()
        .map(Some)
        .map_err(|_| AppError::invalid("locality", "accounts.locality_invalid"))
}

/// A message in the outbox, for the admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OutboxMessage {
    /// Outbox id.
    pub id: i64,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Queued at (ms).
    pub created_at: i64,
    /// Delivered at (ms), if delivered.
    pub sent_at: Option<i64>,
    /// Delivery attempts so far.
    pub attempts: i64,
}

/// `body` with the value of every `token=` in it replaced by `[hidden]`
/// (reset and verification links), for showing mail to someone who must not
/// use its links.
pub fn mask_tokens(body: &str) -> String {
    const KEY: &str = "token=";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '&' | '#' | '"' | '\'' | '<' | '>'))
            .unwrap_or(after.len());
        if end > 0 {
            out.push_str("[hidden]");
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  An@Example.VN ").unwrap().as_str(),
            "an@example.vn"
        );
        for bad in [
            "", "no-at", "a@b", "a@.vn", "a b@c.vn", "@c.vn", "a@b..vn", "a@b@c.vn",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert_eq!(
            Email::parse("").unwrap_err().message_key(),
            "accounts.email_required"
        );
    }

    #[test]
    fn passwords_need_ten_to_128_characters() {
        assert!(NewPassword::parse("password", "short").is_err());
        assert!(NewPassword::parse("password", "mật khẩu dài đủ").is_ok());
        assert!(NewPassword::parse("password", &"x".repeat(129)).is_err());
        assert_eq!(
            format!("{:?}", NewPassword::parse("p", "0123456789").unwrap()),
            "NewPassword(***)"
        );
    }

    #[test]
    fn display_names_are_nfc() {
        // "Nguyễn" typed with combining marks becomes the precomposed form.
        let decomposed = "Nguye\u{0302}\u{0303}n Va\u{0306}n A";
        assert_eq!(
            DisplayName::parse(decomposed).unwrap().as_str(),
            "Nguyễn Văn A"
        );
        assert!(DisplayName::parse(" a ").is_err());
        assert!(DisplayName::parse("bad\u{0007}name").is_err());
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Citizen, Role::Staff, Role::Officer, Role::Admin] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::Staff.needs_agency() && !Role::Admin.needs_agency());
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn tokens_are_masked() {
        assert_eq!(
            mask_tokens("Open:\nhttp://x.vn/reset-password?token=abc-DEF_1\nBye"),
            "Open:\nhttp://x.vn/reset-password?token=[hidden]\nBye"
        );
        assert_eq!(
            mask_tokens("a /verify?token=t1&x=2 and /verify?token=t2"),
            "a /verify?token=[hidden]&x=2 and /verify?token=[hidden]"
        );
        assert_eq!(
            mask_tokens("no link, token= alone"),
            "no link, token= alone"
        );
        assert_eq!(
            mask_tokens("Đường dẫn: ?token=ẞ"),
            "Đường dẫn: ?token=[hidden]"
        );
    }

    #[test]
    fn locality_field() {
        assert_eq!(parse_locality("").unwrap(), None);
        assert_eq!(parse_locality("461001").unwrap(), Some(461001));
        assert!(parse_locality("abc").is_err());
    }
}
