//! The HTTP plumbing every page stands on: the connections and their timeouts, sessions and CSRF-checked forms, rate limits, failures, the page
//! frame, the answers to writes and the formatting of figures.

pub(crate) mod attachment;
pub(crate) mod connections;
pub(crate) mod failure;
pub(crate) mod format;
pub(crate) mod guard;
pub(crate) mod layout;
pub(crate) mod limiter;
pub(crate) mod ratelimit;
pub(crate) mod session;
pub(crate) mod table;
pub(crate) mod writes;
