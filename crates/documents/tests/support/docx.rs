//! The DOCX reader of kinerja-test-support, for the web tests that include this file by path; they move to that
//! crate and this file goes.

include!("../../../test-support/src/docx.rs");
