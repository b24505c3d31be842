//! An `Instant` that can be read and written without a lock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Nanoseconds after a process-wide origin; 0 means "long ago".
#[derive(Default)]
pub(crate) struct AtomicInstant(AtomicU64);

fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

impl AtomicInstant {
    pub(crate) fn get(&self) -> Instant {
        origin() + Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }

    pub(crate) fn set(&self, at: Instant) {
        let nanos = at.saturating_duration_since(origin()).as_nanos();
        self.0.store(u64::try_from(nanos).unwrap_or(u64::MAX), Ordering::Relaxed);
    }
}
