//! Cache hits, counted on the hot path without a shared write: each thread owns its counter
//! (only it writes, so a plain load and store suffice), and a reader sums them. A thread's
//! count moves to `RETIRED` when the thread ends.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

static LIVE: Mutex<Vec<Arc<AtomicU64>>> = Mutex::new(Vec::new());
static RETIRED: AtomicU64 = AtomicU64::new(0);

struct ThreadHits(Arc<AtomicU64>);

thread_local! {
    static HITS: ThreadHits = ThreadHits::register();
}

impl ThreadHits {
    /// Once per thread, on its first hit.
    fn register() -> Self {
        let counter = Arc::new(AtomicU64::new(0));
        lock().push(Arc::clone(&counter));
        ThreadHits(counter)
    }
}

impl Drop for ThreadHits {
    fn drop(&mut self) {
        // Under the lock, so that a reader counts it once, here or there.
        let mut live = lock();
        RETIRED.fetch_add(self.0.load(Relaxed), Relaxed);
        live.retain(|counter| !Arc::ptr_eq(counter, &self.0));
    }
}

/// One more hit on this thread. A thread being torn down does not count.
pub(crate) fn count(hits: u64) {
    let _ = HITS.try_with(|own| own.0.store(own.0.load(Relaxed) + hits, Relaxed));
}

/// Hits so far, in every thread.
pub(crate) fn total() -> u64 {
    let live = lock();
    RETIRED.load(Relaxed) + live.iter().map(|counter| counter.load(Relaxed)).sum::<u64>()
}

fn lock() -> std::sync::MutexGuard<'static, Vec<Arc<AtomicU64>>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
