//! Accounts: one's own password and API tokens, the users and every user's tokens managed by the admin, the audit
//! log.

pub(crate) mod account;
pub(crate) mod audit;
pub(crate) mod tokens;
pub(crate) mod users;
