//! Reading generated documents back, shared by the document tests (the web tests include `docx.rs` too).

pub mod docx;
pub mod pdf;
