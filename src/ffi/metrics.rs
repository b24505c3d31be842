//! The metrics for the bindings: a snapshot to read series from, and the Prometheus text.

use crate::metrics as core;
use std::collections::HashMap;

/// One series' value; a histogram has `_bucket`, `_sum` and `_count` series.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct MetricSample {
    pub name: String,
    pub labels: HashMap<String, String>,
    pub value: f64,
}

/// One metric: its name, what it means, its type (`counter`, `gauge`, `histogram`), its series.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct MetricFamily {
    pub name: String,
    pub help: String,
    pub kind: String,
    pub samples: Vec<MetricSample>,
}

/// Every series at one moment: the same list in every process, zeros included.
#[derive(uniffi::Object)]
pub struct MetricsSnapshot {
    inner: core::MetricsSnapshot,
}

#[uniffi::export]
impl MetricsSnapshot {
    /// The sum of the series named `name` whose labels include all of `labels`.
    pub fn value(&self, name: String, labels: HashMap<String, String>) -> f64 {
        let labels: Vec<(&str, &str)> = labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.inner.value(&name, &labels)
    }

    pub fn families(&self) -> Vec<MetricFamily> {
        self.inner.families.iter().map(family).collect()
    }

    /// How many series there are (histogram buckets each count).
    pub fn series(&self) -> u64 {
        self.inner.series() as u64
    }

    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The Prometheus text exposition format.
    pub fn to_prometheus(&self) -> String {
        core::prometheus_text(&self.inner)
    }
}

/// Every series, now.
#[uniffi::export]
pub fn metrics() -> std::sync::Arc<MetricsSnapshot> {
    std::sync::Arc::new(MetricsSnapshot { inner: core::metrics() })
}

/// Every series in the Prometheus text exposition format, for a `/metrics` endpoint.
#[uniffi::export]
pub fn metrics_prometheus() -> String {
    core::metrics_prometheus()
}

/// Counts cached gets a token source answered on this language's side, so the totals stay
/// honest; the bindings call it, applications need not.
#[uniffi::export]
pub fn record_cached_gets(gets: u64) {
    core::record_cached_gets(gets);
}

fn family(family: &core::Family) -> MetricFamily {
    let kind = match family.kind {
        core::MetricKind::Counter => "counter",
        core::MetricKind::Gauge => "gauge",
        core::MetricKind::Histogram => "histogram",
    };
    let samples = family.samples.iter().map(|s| MetricSample {
        name: s.name.clone(),
        labels: s.labels.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
        value: s.value,
    });
    MetricFamily { name: family.name.into(), help: family.help.into(), kind: kind.into(), samples: samples.collect() }
}
