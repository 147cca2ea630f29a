//! Who may do what, decided on the server for every route: the role, and the units a user acts on.
//!
//! An admin pemda acts on every unit. Operators and pimpinan act on their units only. An evaluator or a read-only
//! user reads the units given to them, or the whole pemda when given none. Only admins and the operators of a
//! unit change its data; only admins and evaluators read the audit log, each the entries of the units they read
//! (account and sign-in events: admins only); only admins manage users. Every user
//! manages their own password and API tokens. Evaluation recommendations are written by the evaluators (the
//! Inspektorat) of the units they read and by admins; their follow-up by the unit's operators.

use kinerja_storage::{AuditScope, Right, Role, User};

// The unit rights are the write rules' (`kinerja_domain::write_rules`), the same for forms, imports and the API.

pub(crate) fn reads_all(user: &User) -> bool {
    user.writer().reads_all()
}

pub(crate) fn may_read(user: &User, unit: &str) -> bool {
    user.writer().may(Right::Read, unit)
}

/// Entering realisations and other unit data.
pub(crate) fn may_enter(user: &User, unit: &str) -> bool {
    user.writer().may(Right::Enter, unit)
}

/// Approving, sending back and locking a unit's Perjanjian Kinerja: its own pimpinan only — the head who signs it,
/// not the admin or the operator who drafted it.
pub(crate) fn may_approve(user: &User, unit: &str) -> bool {
    user.writer().may(Right::Approve, unit)
}

/// Writing a unit's evaluation recommendations (LHE AKIP, IPP, PATEN, internal): the Inspektorat's evaluators, for
/// the units they read, and admins. Not the unit itself: it plans the follow-up (`may_enter`).
pub(crate) fn may_recommend(user: &User, unit: &str) -> bool {
    user.writer().may(Right::Recommend, unit)
}

pub(crate) fn sees_audit(user: &User) -> bool {
    matches!(user.role, Role::AdminPemda | Role::Evaluator)
}

/// The part of the audit log a user reads: as much as of the data itself. Account and sign-in events (users,
/// their roles, sessions, API tokens) are the admins'.
pub(crate) fn audit_scope(user: &User) -> AuditScope {
    match user.role {
        Role::AdminPemda => AuditScope::Everything,
        _ if reads_all(user) => AuditScope::AllData,
        _ => AuditScope::Units(user.units.clone()),
    }
}

/// Creating users, changing their roles and units, deactivating them, setting their passwords.
pub(crate) fn manages_users(user: &User) -> bool {
    user.role == Role::AdminPemda
}

/// A right on a unit, as a type: a route names the one it needs through its extractor (`http::guard`).
pub(crate) trait UnitRight {
    fn allows(user: &User, unit: &str) -> bool;
}

/// A right that is not a unit's, as a type.
pub(crate) trait UserRight {
    fn allows(user: &User) -> bool;
}

/// [`may_read`]: the unit's pages, documents and files.
pub(crate) enum Read {}
/// [`may_enter`]: the unit's data.
pub(crate) enum Enter {}
/// [`may_recommend`]: the unit's evaluation.
pub(crate) enum Recommend {}
/// [`may_approve`]: the unit's Perjanjian Kinerja.
pub(crate) enum Approve {}
/// [`reads_all`]: the pemda roll-up.
pub(crate) enum ReadAll {}
/// [`sees_audit`]: the audit log.
pub(crate) enum SeeAudit {}
/// [`manages_users`]: the users.
pub(crate) enum ManageUsers {}

impl UnitRight for Read {
    fn allows(user: &User, unit: &str) -> bool {
        may_read(user, unit)
    }
}

impl UnitRight for Enter {
    fn allows(user: &User, unit: &str) -> bool {
        may_enter(user, unit)
    }
}

impl UnitRight for Recommend {
    fn allows(user: &User, unit: &str) -> bool {
        may_recommend(user, unit)
    }
}

impl UnitRight for Approve {
    fn allows(user: &User, unit: &str) -> bool {
        may_approve(user, unit)
    }
}

impl UserRight for ReadAll {
    fn allows(user: &User) -> bool {
        reads_all(user)
    }
}

impl UserRight for SeeAudit {
    fn allows(user: &User) -> bool {
        sees_audit(user)
    }
}

impl UserRight for ManageUsers {
    fn allows(user: &User) -> bool {
        manages_users(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, units: &[&str]) -> User {
        User {
            username: "u".into(),
            display_name: "U".into(),
            role,
            units: units.iter().map(|u| u.to_string()).collect(),
            active: true,
        }
    }

    #[test]
    fn each_role_reads_and_enters_what_it_should() {
        // (role, units, reads A, reads B, enters A, enters B, audit, users)
        let table = [
            (
                Role::AdminPemda,
                &[][..],
                true,
                true,
                true,
                true,
                true,
                true,
            ),
            (
                Role::Operator,
                &["a"][..],
                true,
                false,
                true,
                false,
                false,
                false,
            ),
            (
                Role::Pimpinan,
                &["a"][..],
                true,
                false,
                false,
                false,
                false,
                false,
            ),
            (
                Role::Evaluator,
                &[][..],
                true,
                true,
                false,
                false,
                true,
                false,
            ),
            (
                Role::Evaluator,
                &["a"][..],
                true,
                false,
                false,
                false,
                true,
                false,
            ),
            (
                Role::ReadOnly,
                &[][..],
                true,
                true,
                false,
                false,
                false,
                false,
            ),
            (
                Role::ReadOnly,
                &["a"][..],
                true,
                false,
                false,
                false,
                false,
                false,
            ),
        ];
        for (role, units, read_a, read_b, enter_a, enter_b, audit, users) in table {
            let u = user(role, units);
            assert_eq!(
                (
                    may_read(&u, "a"),
                    may_read(&u, "b"),
                    may_enter(&u, "a"),
                    may_enter(&u, "b"),
                    sees_audit(&u),
                    manages_users(&u)
                ),
                (read_a, read_b, enter_a, enter_b, audit, users),
                "{role:?} {units:?}"
            );
        }
    }

    #[test]
    fn the_audit_log_is_read_as_narrowly_as_the_data() {
        let a = || vec!["a".to_string()];
        let cases = [
            (user(Role::AdminPemda, &[]), AuditScope::Everything),
            // An admin's units do not narrow what an admin reads.
            (user(Role::AdminPemda, &["a"]), AuditScope::Everything),
            (user(Role::Evaluator, &[]), AuditScope::AllData),
            (user(Role::Evaluator, &["a"]), AuditScope::Units(a())),
            (user(Role::ReadOnly, &[]), AuditScope::AllData),
            (user(Role::Operator, &["a"]), AuditScope::Units(a())),
        ];
        for (u, scope) in cases {
            assert_eq!(audit_scope(&u), scope, "{:?} {:?}", u.role, u.units);
        }
    }

    #[test]
    fn recommendations_are_written_by_evaluators_of_the_unit_and_admins() {
        let cases = [
            (user(Role::AdminPemda, &[]), true, true),
            (user(Role::Evaluator, &[]), true, true),
            (user(Role::Evaluator, &["a"]), true, false),
            (user(Role::Operator, &["a"]), false, false),
            (user(Role::Pimpinan, &["a"]), false, false),
            (user(Role::ReadOnly, &[]), false, false),
        ];
        for (u, a, b) in cases {
            assert_eq!(
                (may_recommend(&u, "a"), may_recommend(&u, "b")),
                (a, b),
                "{:?} {:?}",
                u.role,
                u.units
            );
        }
    }
}
