//! Storage of kinerja data: embedded SQLite (the default, nothing to install) or PostgreSQL (a kabupaten or a
//! province), chosen by URL. One implementation serves both through sqlx's `Any` driver with the same SQL; each
//! backend has its own embedded migrations. Every change is written in a transaction together with its
//! append-only audit record.

mod accounts;
mod cache;
mod clock;
mod copy;
mod editing;
mod error;
mod files;
mod migrate;
mod records;
mod sql;
mod store;
mod survey;

pub use accounts::{
    generate_password, random_token, Accounts, ApiToken, NewApiToken, NewSession, NewUser, Role,
    Session, User, UserChange, LAST_USED_STEP, MAX_TOKEN_DAYS, MIN_PASSWORD_CHARS, SESSION_SECONDS,
};
pub use clock::{timestamp, Clock, FixedClock, SystemClock};
pub use copy::CopiedTable;
pub use editing::{Edit, Editing, Keyed};
pub use error::StoreError;
pub use files::{file_id, Files, NewFile, StoredFile, MAX_TITLE_CHARS};
pub use kinerja_domain::write_rules::{Right, Writer};
pub use sql::{Backend, Versioned};
pub use store::{AuditEntry, AuditScope, ImportSummary, OpenOptions, Repository, Store};
pub use survey::{
    NewResponse, ResponseQuery, Saran, Service, ServiceSpec, StoredResponse, Submitted, Survey,
    SurveyWriter, VisitCode, MAX_SARAN_CHARS, MAX_SERVICE_NAME_CHARS, MAX_VISIT_CODES,
};
