//! Account types shared by both halves: roles, the permission check, and
//! inputs that validate on construction.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

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

/// Things a person may or may not do; checked by [`can`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Change their own profile, password, sessions; delete the account.
    ManageOwnAccount,
    /// Read the mail outbox (admin page).
    ViewOutbox,
    /// Create agencies and staff/officer accounts.
    ManageUsers,
    /// Submit a petition or feedback report.
    SubmitPetition,
    /// Support a public petition.
    SupportPetition,
    /// Follow petitions and read the inbox of their steps.
    FollowPetitions,
    /// Work an agency's petition queue: accept, reject, assign, answer, close.
    HandlePetitions,
    /// Report a public petition as abusive.
    ReportAbuse,
    /// Hide and restore petitions, mark duplicates, work the moderation queue.
    ModeratePetitions,
    /// Read what a private subject's author wrote, and what officers noted on it.
    ReadPrivate,
    /// Prepare, edit, review and publish an agency's consultations and their polls.
    ManageConsultations,
    /// Comment on a consultation's articles, mark comments, answer its polls.
    TakePartInConsultations,
    /// Work a one-stop counter of an agency: open cases, issue and show
    /// invoices (staff of that agency, and admins).
    WorkCounter,
}

/// What a permission is asked about: the site as a whole (may this person
/// work any queue at all?), or one subject with the agency that handles it
/// and, where it has one, the account that owns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// No subject in particular.
    Site,
    /// A subject handled by this agency (`None`: no agency handles it yet).
    Agency(Option<i64>),
    /// A subject written by `owner` and handled by `agency`.
    Owned {
        /// The account that wrote it.
        owner: i64,
        /// The agency handling it, if any.
        agency: Option<i64>,
    },
}

impl Scope {
    fn agency(self) -> Option<Option<i64>> {
        match self {
            Scope::Site => None,
            Scope::Agency(agency) | Scope::Owned { agency, .. } => Some(agency),
        }
    }
}

/// The one permission check, used by every server function, route and page
/// (and by the UI to hide what the user may not do). Agency work on a subject
/// is for admins and the officers of the agency handling it; a subject no
/// agency handles yet is for admins only.
pub fn can(user: Option<&UserView>, action: Action, scope: Scope) -> bool {
    let Some(user) = user else {
        return false;
    };
    let admin = user.role == Role::Admin;
    let agency_work = || match scope.agency() {
        None => admin || user.role == Role::Officer,
        Some(agency) => {
            admin || (user.role == Role::Officer && agency.is_some() && agency == user.agency_id)
        }
    };
    match action {
        Action::ManageOwnAccount
        | Action::SubmitPetition
        | Action::SupportPetition
        | Action::FollowPetitions
        | Action::ReportAbuse
        | Action::TakePartInConsultations => true,
        Action::HandlePetitions | Action::ModeratePetitions | Action::ManageConsultations => {
            agency_work()
        }
        Action::ReadPrivate => match scope {
            Scope::Owned { owner, .. } if owner == user.id => true,
            Scope::Site => admin,
            _ => agency_work(),
        },
        Action::WorkCounter => match scope.agency() {
            None => admin || user.role == Role::Staff,
            Some(agency) => {
                admin || (user.role == Role::Staff && agency.is_some() && agency == user.agency_id)
            }
        },
        Action::ViewOutbox | Action::ManageUsers => admin,
    }
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

    fn citizen() -> UserView {
        UserView {
            id: 1,
            email: "a@b.vn".into(),
            display_name: "An".into(),
            role: Role::Citizen,
            locality_id: None,
            agency_id: None,
            email_verified_at: None,
        }
    }

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
    fn permissions() {
        let mut user = citizen();
        assert!(!can(None, Action::ManageOwnAccount, Scope::Site));
        assert!(can(Some(&user), Action::ManageOwnAccount, Scope::Site));
        assert!(!can(Some(&user), Action::ViewOutbox, Scope::Site));
        assert!(can(Some(&user), Action::SupportPetition, Scope::Site));
        assert!(!can(Some(&user), Action::HandlePetitions, Scope::Site));
        assert!(can(Some(&user), Action::ReportAbuse, Scope::Site));
        assert!(!can(Some(&user), Action::ModeratePetitions, Scope::Site));
        assert!(!can(None, Action::ReportAbuse, Scope::Site));
        assert!(!can(None, Action::SubmitPetition, Scope::Site));
        user.role = Role::Staff;
        assert!(!can(Some(&user), Action::HandlePetitions, Scope::Site));
        user.role = Role::Officer;
        assert!(can(Some(&user), Action::HandlePetitions, Scope::Site));
        assert!(can(Some(&user), Action::ModeratePetitions, Scope::Site));
        assert!(!can(Some(&user), Action::ManageUsers, Scope::Site));
        user.role = Role::Admin;
        assert!(can(Some(&user), Action::ViewOutbox, Scope::Site));
        assert!(can(Some(&user), Action::ManageUsers, Scope::Site));
    }

    #[test]
    fn agency_work_is_scoped_to_the_handling_agency() {
        let mut officer = citizen();
        officer.role = Role::Officer;
        officer.agency_id = Some(7);
        let own = Scope::Agency(Some(7));
        let other = Scope::Agency(Some(8));
        let unrouted = Scope::Agency(None);
        for action in [
            Action::HandlePetitions,
            Action::ModeratePetitions,
            Action::ReadPrivate,
        ] {
            assert!(can(Some(&officer), action, own));
            assert!(
                !can(Some(&officer), action, other),
                "{action:?} on another agency's"
            );
            assert!(
                !can(Some(&officer), action, unrouted),
                "{action:?} on an unrouted one"
            );
        }
        let mut admin = officer.clone();
        admin.role = Role::Admin;
        assert!(can(Some(&admin), Action::HandlePetitions, unrouted));
        assert!(can(Some(&admin), Action::ReadPrivate, other));
        // the author reads their own private text; another citizen does not
        let author = citizen();
        let owned = Scope::Owned {
            owner: author.id,
            agency: Some(8),
        };
        assert!(can(Some(&author), Action::ReadPrivate, owned));
        let mut stranger = citizen();
        stranger.id += 1;
        assert!(!can(Some(&stranger), Action::ReadPrivate, owned));
        assert!(!can(None, Action::ReadPrivate, owned));
        assert!(!can(Some(&author), Action::HandlePetitions, owned));
        // an officer without an agency works no queue's subjects
        officer.agency_id = None;
        assert!(!can(Some(&officer), Action::HandlePetitions, unrouted));
    }

    #[test]
    fn counter_work_is_for_the_agency_s_staff() {
        let mut staff = citizen();
        assert!(!can(Some(&staff), Action::WorkCounter, Scope::Site));
        staff.role = Role::Staff;
        staff.agency_id = Some(3);
        assert!(can(Some(&staff), Action::WorkCounter, Scope::Site));
        assert!(can(
            Some(&staff),
            Action::WorkCounter,
            Scope::Agency(Some(3))
        ));
        assert!(!can(
            Some(&staff),
            Action::WorkCounter,
            Scope::Agency(Some(4))
        ));
        assert!(!can(Some(&staff), Action::WorkCounter, Scope::Agency(None)));
        assert!(!can(
            Some(&staff),
            Action::HandlePetitions,
            Scope::Agency(Some(3))
        ));
        let mut officer = staff.clone();
        officer.role = Role::Officer;
        assert!(!can(
            Some(&officer),
            Action::WorkCounter,
            Scope::Agency(Some(3))
        ));
        let mut admin = staff.clone();
        admin.role = Role::Admin;
        assert!(can(
            Some(&admin),
            Action::WorkCounter,
            Scope::Agency(Some(4))
        ));
        assert!(!can(None, Action::WorkCounter, Scope::Site));
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
