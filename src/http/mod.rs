//! HTTP: one runtime, shared clients, retries with backoff, capped bodies, typed refusals.

mod backoff;
mod call;
mod client;
mod refusal;
pub(crate) mod runtime;

pub(crate) use call::{secret_header, Http, Post, Replay, Reply};
pub(crate) use refusal::refusal;
