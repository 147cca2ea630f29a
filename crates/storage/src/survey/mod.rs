//! The IKM survey (PermenPANRB 14/2017, domain.md §5) in typed tables rather than in `record`, because responses
//! come from the public in large numbers (migration 0004 documents every column):
//!
//! - `survey_service`: the services (jenis layanan) a unit surveys. Each has a random public code, the last part
//!   of its survey address `/survei/{code}`; an optional population (service users a year, for the
//!   Krejcie–Morgan sample size); whether a respondent needs a one-time visit code; whether it is active (an
//!   inactive service takes no responses; those it has stay). Created and changed by staff, audited.
//! - `survey_visit_code`: one-time codes a unit prints on queue tickets, per service.
//! - `survey_response`: one row per respondent, a column per answer, read back as [`StoredResponse`] with its
//!   answers as domain [`Scores`].
//!
//! Responses are written only through a [`SurveyWriter`]: one task per application server takes submissions from
//! a channel and commits whatever has queued up in one transaction (group commit), on a connection of its own
//! that on SQLite syncs every commit to disk. A submitter hears back only after its batch is committed, so nothing
//! acknowledged is lost; a failed commit fails every submission of its batch. Inside the batch each submission is
//! checked against its service (exists, active), its visit code (each used once) and recent submissions (the
//! same client with the same answers within the duplicate window). Submissions are not in the audit log: they
//! change nothing that was there, and the log would be mostly them.

mod import;
mod responses;
mod services;
mod tally;
mod visit_codes;
mod writer;

pub use responses::{ResponseQuery, Saran, StoredResponse, MAX_SARAN_CHARS};
pub use services::{Service, ServiceSpec, MAX_SERVICE_NAME_CHARS};
pub use visit_codes::{VisitCode, MAX_VISIT_CODES};
pub use writer::{NewResponse, Submitted, SurveyWriter};

use crate::error::StoreError;
use crate::store::Store;
use kinerja_domain::model::Response;
use kinerja_domain::survey_results::ServiceResponses;

/// Services, visit codes and the reading of responses. Responses are written through [`SurveyWriter`].
#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Survey {
    /// Adds a service to a unit with a fresh public code. Refuses an unknown unit, an empty or overlong name, a
    /// name the unit already uses, a population below 1.
    async fn create_service(
        &self,
        unit: &str,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError>;
    /// Changes a service of the unit, with the checks of creation; its code stays.
    async fn update_service(
        &self,
        unit: &str,
        id: i64,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError>;
    /// A unit's services, by name.
    async fn services(&self, unit: &str) -> Result<Vec<Service>, StoreError>;
    /// A service of the unit; `None` for another unit's.
    async fn service(&self, unit: &str, id: i64) -> Result<Option<Service>, StoreError>;
    /// The service a public code belongs to, active or not.
    async fn service_by_code(&self, code: &str) -> Result<Option<Service>, StoreError>;
    /// Makes `count` (1 to [`MAX_VISIT_CODES`]) fresh visit codes for a service of the unit and returns them.
    async fn create_visit_codes(
        &self,
        unit: &str,
        service: i64,
        count: usize,
        actor: &str,
    ) -> Result<Vec<String>, StoreError>;
    /// The visit codes of a service of the unit, newest first.
    async fn visit_codes(&self, unit: &str, service: i64) -> Result<Vec<VisitCode>, StoreError>;
    async fn count_responses(&self, query: &ResponseQuery) -> Result<i64, StoreError>;
    /// The responses, in the order they were stored.
    async fn responses(&self, query: &ResponseQuery) -> Result<Vec<StoredResponse>, StoreError>;
    /// At most `limit` of the responses stored after the response `after` (0: from the first), in the order they
    /// were stored: an export of a million responses reads them batch by batch.
    async fn responses_after(
        &self,
        query: &ResponseQuery,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredResponse>, StoreError>;
    /// A unit's services with their respondents of a year, as the results analysis
    /// ([`kinerja_domain::survey_results::analyse`]) reads them: only the columns it counts, the month cut from the
    /// date by the database, the codes read without keeping them.
    async fn survey_year(&self, unit: &str, year: i32)
        -> Result<Vec<ServiceResponses>, StoreError>;
    /// The responses of the query that carry a saran, newest first.
    async fn sarans(&self, query: &ResponseQuery) -> Result<Vec<Saran>, StoreError>;
    /// Stores responses read from a file (paper forms, another survey application) for the unit's services, named
    /// by `service`, all in one transaction or none, with one audit entry counting them per service; `progress`
    /// hears (stored, total). Refuses a response of another unit, an unknown service, an answer outside 1–4 and a
    /// saran over [`MAX_SARAN_CHARS`]. Identical responses are all stored: each is a form. Returns how many.
    async fn import_responses(
        &self,
        unit: &str,
        responses: &[Response],
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<usize, StoreError>;
    /// Writes the unit's follow-up of a saran (empty clears it), audited. Refuses a response of another unit's
    /// service and a follow-up longer than [`MAX_SARAN_CHARS`].
    async fn set_follow_up(
        &self,
        unit: &str,
        response: i64,
        text: &str,
        actor: &str,
    ) -> Result<(), StoreError>;
}

impl Survey for Store {
    async fn create_service(
        &self,
        unit: &str,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError> {
        services::create(self, unit, spec, actor).await
    }

    async fn update_service(
        &self,
        unit: &str,
        id: i64,
        spec: &ServiceSpec,
        actor: &str,
    ) -> Result<Service, StoreError> {
        services::update(self, unit, id, spec, actor).await
    }

    async fn services(&self, unit: &str) -> Result<Vec<Service>, StoreError> {
        services::list(self, unit).await
    }

    async fn service(&self, unit: &str, id: i64) -> Result<Option<Service>, StoreError> {
        services::one(self, unit, id).await
    }

    async fn service_by_code(&self, code: &str) -> Result<Option<Service>, StoreError> {
        services::by_code(self, code).await
    }

    async fn create_visit_codes(
        &self,
        unit: &str,
        service: i64,
        count: usize,
        actor: &str,
    ) -> Result<Vec<String>, StoreError> {
        visit_codes::create(self, unit, service, count, actor).await
    }

    async fn visit_codes(&self, unit: &str, service: i64) -> Result<Vec<VisitCode>, StoreError> {
        visit_codes::list(self, unit, service).await
    }

    async fn count_responses(&self, query: &ResponseQuery) -> Result<i64, StoreError> {
        responses::count(self, query).await
    }

    async fn responses(&self, query: &ResponseQuery) -> Result<Vec<StoredResponse>, StoreError> {
        responses::read(self, query, 0, None).await
    }

    async fn responses_after(
        &self,
        query: &ResponseQuery,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredResponse>, StoreError> {
        responses::read(self, query, after, Some(limit)).await
    }

    async fn survey_year(
        &self,
        unit: &str,
        year: i32,
    ) -> Result<Vec<ServiceResponses>, StoreError> {
        responses::survey_year(self, unit, year).await
    }

    async fn sarans(&self, query: &ResponseQuery) -> Result<Vec<Saran>, StoreError> {
        responses::sarans(self, query).await
    }

    async fn import_responses(
        &self,
        unit: &str,
        responses: &[Response],
        actor: &str,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<usize, StoreError> {
        import::import(self, unit, responses, actor, progress).await
    }

    async fn set_follow_up(
        &self,
        unit: &str,
        response: i64,
        text: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        responses::set_follow_up(self, unit, response, text, actor).await
    }
}
