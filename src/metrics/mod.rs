//! What the SDK did, for operators: counters and histograms kept with atomics, read as a
//! snapshot ([`metrics`]) or as Prometheus text ([`metrics_prometheus`]). The series are the
//! same fixed list for a shop with one credential and a platform with 100,000 merchants:
//! labels come from small fixed sets (endpoint, outcome, level, event, rule, kind), never
//! from a client id, MSN, user or anything derived from them. A cache hit writes only a
//! counter its own thread owns.
//!
//! The counts are the process's, shared by every manager and client in it.

mod caches;
mod exposition;
mod facade;
mod histogram;
mod hits;
mod labels;
pub(crate) mod names;
mod registry;
mod snapshot;
pub(crate) mod spans;

pub(crate) use caches::track as track_cache;
pub use labels::{AppEvent, Endpoint, Level, LoginEvent, Outcome, PhoneEvent, StoreEvent};
pub(crate) use registry::*;
pub use snapshot::{Family, MetricKind, MetricsSnapshot, Sample};

/// Every series, now.
pub fn metrics() -> MetricsSnapshot {
    snapshot::take()
}

/// Every series in the Prometheus text exposition format, for a `/metrics` endpoint.
pub fn metrics_prometheus() -> String {
    prometheus_text(&metrics())
}

/// A snapshot in the Prometheus text exposition format.
pub fn prometheus_text(snapshot: &MetricsSnapshot) -> String {
    exposition::render(snapshot)
}

/// Counts `gets` cached token gets that a binding answered on its own side (its token
/// source), so that the totals stay honest.
pub fn record_cached_gets(gets: u64) {
    METRICS.token_gets.add(Level::Cached as usize, gets);
    facade::count("vipps_auth_token_gets_total", &[("level", "cached")], gets);
}
