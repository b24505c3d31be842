//! With the `tracing` feature, each request attempt to Vipps and each login step is a span of
//! the `tracing` crate, so `tracing-opentelemetry` shows a slow Vipps in a trace without our
//! code. Fields are endpoints, statuses, attempts and durations: never a secret, code,
//! state, token, client id or user. Without the feature these compile to the bare work.

use super::labels::{Endpoint, Outcome};
use std::future::Future;
use std::time::Duration;

/// `work` inside a span named after the SDK, with `step` naming what it does
/// ("login.complete", "phone_login.wait").
#[cfg(feature = "tracing")]
pub(crate) fn step<F: Future>(step: &'static str, work: F) -> impl Future<Output = F::Output> {
    tracing::Instrument::instrument(work, tracing::info_span!("vipps_auth", step))
}

#[cfg(not(feature = "tracing"))]
#[inline(always)]
pub(crate) fn step<F: Future>(_: &'static str, work: F) -> F {
    work
}

/// `work` keeps the caller's current span, wherever it is polled: a blocking call runs its
/// work on a thread of the SDK's own.
#[cfg(feature = "tracing")]
pub(crate) fn in_caller_span<F: Future>(work: F) -> impl Future<Output = F::Output> {
    tracing::Instrument::in_current_span(work)
}

#[cfg(not(feature = "tracing"))]
#[inline(always)]
pub(crate) fn in_caller_span<F: Future>(work: F) -> F {
    work
}

/// One attempt of a request: a span entered while `work` runs, then given its outcome and
/// duration.
#[cfg(feature = "tracing")]
pub(crate) async fn attempt<F, T>(
    endpoint: Endpoint,
    attempt: u32,
    work: F,
    outcome: impl Fn(&T) -> Outcome,
) -> (T, Duration)
where
    F: Future<Output = T>,
{
    let span = tracing::info_span!(
        "vipps_auth.request",
        endpoint = endpoint.value(),
        attempt,
        outcome = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    let started = std::time::Instant::now();
    let done = tracing::Instrument::instrument(work, span.clone()).await;
    let elapsed = started.elapsed();
    span.record("outcome", outcome(&done).value());
    span.record("duration_ms", elapsed.as_secs_f64() * 1000.0);
    (done, elapsed)
}

#[cfg(not(feature = "tracing"))]
pub(crate) async fn attempt<F, T>(_: Endpoint, _: u32, work: F, _: impl Fn(&T) -> Outcome) -> (T, Duration)
where
    F: Future<Output = T>,
{
    let started = std::time::Instant::now();
    let done = work.await;
    (done, started.elapsed())
}
