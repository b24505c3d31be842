//! A latency histogram of fixed buckets, kept with atomics.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Upper bounds in seconds: from a loopback answer to a slow Vipps near the default timeout.
pub(crate) const BOUNDS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

pub(crate) struct Histogram {
    /// Observations per bucket, not cumulative; the last one is above every bound.
    buckets: [AtomicU64; BOUNDS.len() + 1],
    sum_micros: AtomicU64,
}

impl Histogram {
    pub(crate) const fn new() -> Self {
        Histogram { buckets: [const { AtomicU64::new(0) }; BOUNDS.len() + 1], sum_micros: AtomicU64::new(0) }
    }

    pub(crate) fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let bucket = BOUNDS.iter().position(|bound| seconds <= *bound).unwrap_or(BOUNDS.len());
        self.buckets[bucket].fetch_add(1, Relaxed);
        self.sum_micros.fetch_add(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), Relaxed);
    }

    /// Cumulative counts per bound (then +Inf), and the sum in seconds.
    pub(crate) fn read(&self) -> (Vec<u64>, f64) {
        let mut total = 0;
        let cumulative = self.buckets.iter().map(|b| {
            total += b.load(Relaxed);
            total
        });
        (cumulative.collect(), self.sum_micros.load(Relaxed) as f64 / 1e6)
    }
}
