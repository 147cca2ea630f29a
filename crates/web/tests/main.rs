//! The web application's integration tests, one binary: the router driven in-process (tower `oneshot`) over a
//! fresh SQLite database holding the reference data (Kecamatan Ngoro 2024) and one user per role.

mod common;
// The documents crate's readings of a DOCX's and a PDF's text, the ones its own tests use.
#[path = "../../documents/tests/support/docx.rs"]
mod docx;
#[path = "../../documents/tests/support/pdf.rs"]
mod pdf;

mod accounts;
mod api;
mod audit;
mod authorisation;
mod dashboard;
mod documents;
mod evaluation_life;
mod ikm;
mod import_rules;
mod ipp_paten;
mod lke;
mod narratives;
mod pemda;
mod pk;
mod planning;
mod realisation;
mod recommendations;
mod review;
mod routes_matrix;
mod security;
mod service_qr;
mod services;
mod sessions;
mod strict_input;
mod survey;
mod survey_import;
mod tokens;
