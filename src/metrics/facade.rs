//! With the `metrics` feature, every count also goes to the `metrics` facade crate, so that
//! an application's own recorder (metrics-exporter-prometheus, an OpenTelemetry bridge) sees
//! the same series without our code. Without the feature these calls compile to nothing.

type Labels<'a> = &'a [(&'static str, &'a str)];

#[cfg(feature = "metrics")]
pub(crate) fn count(name: &'static str, labels: Labels, by: u64) {
    ::metrics::counter!(name, owned(labels)).increment(by);
}

#[cfg(feature = "metrics")]
pub(crate) fn observe(name: &'static str, labels: Labels, seconds: f64) {
    ::metrics::histogram!(name, owned(labels)).record(seconds);
}

#[cfg(feature = "metrics")]
fn owned(labels: Labels) -> Vec<::metrics::Label> {
    labels.iter().map(|(key, value)| ::metrics::Label::new(*key, (*value).to_owned())).collect()
}

#[cfg(not(feature = "metrics"))]
#[inline(always)]
pub(crate) fn count(_: &'static str, _: Labels, _: u64) {}

#[cfg(not(feature = "metrics"))]
#[inline(always)]
pub(crate) fn observe(_: &'static str, _: Labels, _: f64) {}
