//! The one permission check: what each role may do, scoped to the agency
//! (or the owner) a subject belongs to.

use super::model::{Role, UserView};

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
    /// Follow subjects (petitions, consultations) and read the inbox of their steps.
    Follow,
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
    /// Read a counter's accounts (the daily reconciliation): the agency's
    /// staff and officers (its finance office), and admins.
    ReadCounterAccounts,
    /// Approve or decline a refund of a paid fee: the agency's officers,
    /// and admins.
    ApproveRefunds,
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
        | Action::Follow
        | Action::ReportAbuse
        | Action::TakePartInConsultations => true,
        Action::HandlePetitions
        | Action::ModeratePetitions
        | Action::ManageConsultations
        | Action::ApproveRefunds => agency_work(),
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
        Action::ReadCounterAccounts => {
            let agency_people = matches!(user.role, Role::Staff | Role::Officer);
            match scope.agency() {
                None => admin || agency_people,
                Some(agency) => {
                    admin || (agency_people && agency.is_some() && agency == user.agency_id)
                }
            }
        }
        Action::ViewOutbox | Action::ManageUsers => admin,
    }
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
        // The accounts: the agency's staff and officers, nobody elsewhere.
        let accounts = Action::ReadCounterAccounts;
        assert!(can(Some(&staff), accounts, Scope::Agency(Some(3))));
        assert!(can(Some(&officer), accounts, Scope::Agency(Some(3))));
        assert!(!can(Some(&officer), accounts, Scope::Agency(Some(4))));
        assert!(!can(Some(&staff), accounts, Scope::Agency(Some(4))));
        assert!(!can(Some(&citizen()), accounts, Scope::Agency(Some(3))));
        let mut admin = staff.clone();
        admin.role = Role::Admin;
        assert!(can(
            Some(&admin),
            Action::WorkCounter,
            Scope::Agency(Some(4))
        ));
        assert!(!can(None, Action::WorkCounter, Scope::Site));
    }
}
