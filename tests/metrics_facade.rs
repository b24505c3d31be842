//! With the `metrics` feature, the counts also reach the application's own recorder through
//! the `metrics` facade (here a recorder of the test's own, as metrics-exporter-prometheus
//! would be): the same names and labels as the built-in series.
//! Run by scripts/test.sh: `cargo test --features metrics --test metrics_facade`.
#![cfg(feature = "metrics")]

mod common;
use common::*;
use metrics::{Counter, Gauge, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder, SharedString, Unit};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Each series' count, by `name{label=value,…}` (labels sorted).
#[derive(Default)]
struct Counts(Mutex<HashMap<String, Arc<AtomicU64>>>);

struct Observations(Arc<AtomicU64>);

impl HistogramFn for Observations {
    fn record(&self, _: f64) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

impl Counts {
    fn cell(&self, key: &Key) -> Arc<AtomicU64> {
        let mut labels: Vec<String> = key.labels().map(|l| format!("{}={}", l.key(), l.value())).collect();
        labels.sort();
        let series = format!("{}{{{}}}", key.name(), labels.join(","));
        self.0.lock().unwrap().entry(series).or_default().clone()
    }

    fn get(&self, series: &str) -> u64 {
        self.0.lock().unwrap().get(series).map_or(0, |cell| cell.load(Ordering::Relaxed))
    }
}

struct TestRecorder(Arc<Counts>);

impl Recorder for TestRecorder {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        Counter::from_arc(self.0.cell(key))
    }
    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }
    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::from_arc(Arc::new(Observations(self.0.cell(key))))
    }
}

#[tokio::test]
async fn the_applications_recorder_sees_the_same_series() {
    let counts = Arc::new(Counts::default());
    metrics::set_global_recorder(TestRecorder(counts.clone())).expect("the first recorder of this process");
    let emulator = emulator();
    let tokens = manager(&emulator);
    emulator.inject(Fault::status(STANDARD, 503, 2));
    let shop = merchant().with_metrics_name("shop-eu").unwrap();
    tokens.access_token(&shop).await.unwrap();
    tokens.access_token(&shop).await.unwrap();
    assert!(browser_login(&login_client(&emulator), "name").await.is_ok());

    assert_eq!(counts.get("vipps_auth_requests_total{endpoint=access_token,outcome=5xx}"), 2);
    assert_eq!(counts.get("vipps_auth_requests_total{endpoint=access_token,outcome=2xx}"), 1);
    assert_eq!(counts.get("vipps_auth_request_duration_seconds{endpoint=access_token}"), 3);
    assert_eq!(counts.get("vipps_auth_retries_total{endpoint=access_token}"), 2);
    assert_eq!(counts.get("vipps_auth_token_gets_total{level=fetched}"), 1);
    assert_eq!(counts.get("vipps_auth_token_gets_total{level=cached}"), 1);
    assert_eq!(counts.get("vipps_auth_credential_token_requests_total{credential=shop-eu,outcome=ok}"), 1);
    assert_eq!(counts.get("vipps_auth_logins_total{event=started}"), 1);
    assert_eq!(counts.get("vipps_auth_logins_total{event=completed}"), 1);
    // The built-in series agree.
    let snapshot = vipps_auth::metrics();
    assert_eq!(snapshot.value("vipps_auth_retries_total", &[("endpoint", "access_token")]), 2.0);
}
