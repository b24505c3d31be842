//! HTTP: one runtime, shared clients, retries with backoff, capped bodies, typed refusals.

mod backoff;
mod call;
mod client;
pub(crate) mod client_auth;
mod clock_offset;
mod refusal;
pub(crate) mod runtime;

#[cfg(fuzzing)]
pub(crate) use backoff::parse_retry_after;
#[cfg(fuzzing)]
pub(crate) use call::parse_max_age;
pub(crate) use call::{secret_header, Http, Replay, Reply, Request, Target};
pub(crate) use refusal::refusal;
