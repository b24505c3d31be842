//! A snapshot of every series: the same fixed list each time, zeros included, so that the
//! number of series never depends on what the process has seen.

use super::histogram::{self, Histogram};
use super::labels::{AppEvent, Endpoint, Level, LoginEvent, Outcome, PhoneEvent, StoreEvent};
use super::registry::{Counters, METRICS};
use crate::error::{ErrorCode, IdTokenRule};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    Counter,
    Gauge,
    Histogram,
}

/// One metric and all its series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Family {
    pub name: &'static str,
    pub help: &'static str,
    #[serde(rename = "type")]
    pub kind: MetricKind,
    pub samples: Vec<Sample>,
}

/// One series' value: `name` is the family's, or for a histogram its `_bucket`, `_sum` or
/// `_count` series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sample {
    pub name: String,
    #[serde(serialize_with = "as_map")]
    pub labels: Vec<(&'static str, String)>,
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricsSnapshot {
    pub families: Vec<Family>,
}

impl MetricsSnapshot {
    /// The sum of the series named `name` whose labels include every one of `labels`:
    /// `value("vipps_auth_requests_total", &[("endpoint", "access_token")])` counts every
    /// outcome.
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let samples = self.families.iter().flat_map(|family| &family.samples);
        let matching = samples.filter(|sample| {
            sample.name == name && labels.iter().all(|(k, v)| sample.labels.iter().any(|(l, w)| l == k && w == v))
        });
        matching.map(|sample| sample.value).sum()
    }

    /// How many series there are (histogram buckets each count).
    pub fn series(&self) -> usize {
        self.families.iter().map(|family| family.samples.len()).sum()
    }

    /// `{"families": [{"name", "help", "type", "samples": [{"name", "labels": {…}, "value"}]}]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }
}

pub(crate) fn take() -> MetricsSnapshot {
    let m = &METRICS;
    let gets = |level: Level| match level {
        Level::Cached => super::hits::total() + m.token_gets.get(level as usize),
        _ => m.token_gets.get(level as usize),
    };
    let kinds = ErrorCode::ALL.map(ErrorCode::name);
    let rules = IdTokenRule::ALL.map(IdTokenRule::name);
    let families = vec![
        by(
            "vipps_auth_token_gets_total",
            "Token gets by their answer: the cache (fresh), a stale token while a refresh runs, or a fetch.",
            "level",
            Level::VALUES,
            |i| gets(LEVELS[i]),
        ),
        counters(
            "vipps_auth_token_errors_total",
            "Token fetches that failed, by error kind.",
            "kind",
            &kinds,
            &m.token_errors,
        ),
        requests(),
        durations(),
        counters(
            "vipps_auth_retries_total",
            "Requests sent again after a 429, a 5xx or a network failure.",
            "endpoint",
            Endpoint::VALUES,
            &m.retries,
        ),
        counters(
            "vipps_auth_retry_after_waits_total",
            "Retries that waited as the server's Retry-After said.",
            "endpoint",
            Endpoint::VALUES,
            &m.retry_after_waits,
        ),
        counter(
            "vipps_auth_background_refreshes_total",
            "Refreshes started in the background for a token due for one.",
            m.background_refreshes.get(0),
        ),
        counter(
            "vipps_auth_single_flight_waiters_total",
            "Token gets that joined a fetch already running instead of sending their own.",
            m.single_flight_waiters.get(0),
        ),
        single(
            "vipps_auth_token_cache_entries",
            "Credentials with an entry in the token caches of this process.",
            MetricKind::Gauge,
            super::caches::entries(),
        ),
        counter(
            "vipps_auth_token_cache_evictions_total",
            "Entries dropped from a full token cache (never one in use).",
            m.cache_evictions.get(0),
        ),
        counter(
            "vipps_auth_token_cache_overflows_total",
            "Entries kept over capacity because every entry was in use.",
            m.cache_overflows.get(0),
        ),
        counters(
            "vipps_auth_logins_total",
            "Browser and app-to-app logins: authorize URLs made, and completions by outcome.",
            "event",
            LoginEvent::VALUES,
            &m.logins,
        ),
        counters(
            "vipps_auth_id_token_refusals_total",
            "ID tokens refused, by the rule they broke.",
            "rule",
            &rules,
            &m.id_token_refusals,
        ),
        counter(
            "vipps_auth_jwks_refetches_total",
            "JWKS fetched again for a key id it did not have (key rotation).",
            m.jwks_refetches.get(0),
        ),
        counters(
            "vipps_auth_phone_logins_total",
            "Logins from phone number, started and ended.",
            "event",
            PhoneEvent::VALUES,
            &m.phone_logins,
        ),
        counter(
            "vipps_auth_phone_slow_downs_total",
            "slow_down answers to phone-login polls.",
            m.phone_slow_downs.get(0),
        ),
        counters(
            "vipps_auth_app_urls_total",
            "URLs an app was opened with, by what they were.",
            "outcome",
            AppEvent::VALUES,
            &m.app_urls,
        ),
        credential_fetches(),
        counters(
            "vipps_auth_store_events_total",
            "The shared store: hits, misses, waits for another's fetch, fallbacks to fetching alone, values refused.",
            "event",
            StoreEvent::VALUES,
            &m.store,
        ),
    ];
    MetricsSnapshot { families }
}

const LEVELS: [Level; 3] = [Level::Cached, Level::Stale, Level::Fetched];

fn by(
    name: &'static str,
    help: &'static str,
    label: &'static str,
    values: &[&'static str],
    value: impl Fn(usize) -> u64,
) -> Family {
    let samples = values
        .iter()
        .enumerate()
        .map(|(i, v)| Sample { name: name.into(), labels: vec![(label, (*v).into())], value: value(i) as f64 })
        .collect();
    Family { name, help, kind: MetricKind::Counter, samples }
}

fn counters<const N: usize>(
    name: &'static str,
    help: &'static str,
    label: &'static str,
    values: &[&'static str],
    counters: &Counters<N>,
) -> Family {
    by(name, help, label, values, |i| counters.get(i))
}

fn counter(name: &'static str, help: &'static str, value: u64) -> Family {
    single(name, help, MetricKind::Counter, value)
}

fn single(name: &'static str, help: &'static str, kind: MetricKind, value: u64) -> Family {
    Family { name, help, kind, samples: vec![Sample { name: name.into(), labels: vec![], value: value as f64 }] }
}

fn requests() -> Family {
    let name = "vipps_auth_requests_total";
    let mut samples = vec![];
    for (e, endpoint) in Endpoint::VALUES.iter().enumerate() {
        for (o, outcome) in Outcome::VALUES.iter().enumerate() {
            let labels = vec![("endpoint", (*endpoint).into()), ("outcome", (*outcome).into())];
            samples.push(Sample { name: name.into(), labels, value: METRICS.requests[e].get(o) as f64 });
        }
    }
    let help = "Request attempts to Vipps by endpoint and outcome (status class, network, timeout).";
    Family { name, help, kind: MetricKind::Counter, samples }
}

/// Opt-in: one pair of series per name the application gave credentials, and `other`.
fn credential_fetches() -> Family {
    let name = "vipps_auth_credential_token_requests_total";
    let mut samples = vec![];
    for (slot, credential) in super::names::in_use() {
        for (o, outcome) in ["ok", "error"].iter().enumerate() {
            let labels = vec![("credential", credential.clone()), ("outcome", (*outcome).into())];
            samples.push(Sample { name: name.into(), labels, value: METRICS.credential_fetches[slot].get(o) as f64 });
        }
    }
    let help = "Token requests (after retries) of credentials the application named (metrics_name), by outcome.";
    Family { name, help, kind: MetricKind::Counter, samples }
}

fn durations() -> Family {
    let name = "vipps_auth_request_duration_seconds";
    let samples = Endpoint::VALUES.iter().zip(&METRICS.durations).flat_map(|(e, h)| histogram_samples(name, e, h));
    let help = "How long each request attempt to Vipps took, by endpoint.";
    Family { name, help, kind: MetricKind::Histogram, samples: samples.collect() }
}

fn histogram_samples(name: &'static str, endpoint: &'static str, histogram: &Histogram) -> Vec<Sample> {
    let (cumulative, sum) = histogram.read();
    let bounds = histogram::BOUNDS.iter().map(|b| b.to_string()).chain(["+Inf".to_owned()]);
    let labels = |extra: Option<String>| {
        let mut labels = vec![("endpoint", endpoint.to_owned())];
        labels.extend(extra.map(|le| ("le", le)));
        labels
    };
    let count = *cumulative.last().expect("at least the +Inf bucket");
    let mut samples: Vec<Sample> = bounds
        .zip(&cumulative)
        .map(|(le, n)| Sample { name: format!("{name}_bucket"), labels: labels(Some(le)), value: *n as f64 })
        .collect();
    samples.push(Sample { name: format!("{name}_sum"), labels: labels(None), value: sum });
    samples.push(Sample { name: format!("{name}_count"), labels: labels(None), value: count as f64 });
    samples
}

fn as_map<S: serde::Serializer>(labels: &[(&'static str, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(labels.iter().map(|(k, v)| (k, v)))
}
