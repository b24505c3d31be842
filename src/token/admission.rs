//! Who gets a place in the cache. A newcomer is filed when there is room; when there is none,
//! a sweep drops the entries least worth keeping (spent, then expired, then stale, then fresh
//! but unread since the last sweep) to free an eighth of the bound, so one O(n) sweep pays
//! for n/8 newcomers. Tokens in use are never dropped: when nothing else can go, the
//! newcomer is the overflow (it fetches without being filed), and the next sweep waits a
//! second, so a cache full of tokens in use costs O(1) per overflowing call. Below the bound,
//! spent entries (keys nobody uses any more, such as a rotated secret's) are dropped whenever
//! the cache has doubled since the last sweep: O(1) amortised, and they never pile up.

use super::cache::Entries;
use super::clock::{self, Tick};
use super::slot::Worth;
use crate::config::CredentialsDigest;
use std::time::Duration;

/// How long after a sweep that freed too little the next one waits.
const SWEEP_PAUSE: Duration = Duration::from_secs(1);

pub(crate) struct Admission {
    capacity: usize,
    next_sweep: Tick,
    /// How many entries the last sweep left.
    kept: usize,
    pub(crate) evictions: u64,
    pub(crate) overflows: u64,
}

impl Admission {
    pub(crate) fn new(capacity: usize) -> Self {
        Admission { capacity: capacity.max(1), next_sweep: Tick::default(), kept: 0, evictions: 0, overflows: 0 }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether a newcomer may be filed in `entries`, dropping others if need be.
    pub(crate) fn make_room(&mut self, entries: &Entries) -> bool {
        let now = clock::now();
        if entries.len() < self.capacity {
            if entries.len() >= (2 * self.kept).max(1) {
                self.sweep(entries, now, usize::MAX, Worth::Spent);
            }
            return true;
        }
        let wanted = (self.capacity / 8).max(1);
        let freed = if now < self.next_sweep { 0 } else { self.sweep(entries, now, wanted, Worth::Idle) };
        if freed < wanted {
            self.next_sweep = now.after(SWEEP_PAUSE);
        }
        if freed == 0 {
            self.overflowed();
        }
        freed > 0
    }

    /// Drops up to `wanted` entries worth `worst` or less, least worth keeping first; how many
    /// went.
    fn sweep(&mut self, entries: &Entries, now: Tick, wanted: usize, worst: Worth) -> usize {
        let entries = entries.pin();
        let mut victims: Vec<(Worth, CredentialsDigest)> =
            entries.iter().map(|(key, slot)| (slot.sweep(now), *key)).filter(|(worth, _)| *worth <= worst).collect();
        if victims.len() > wanted {
            victims.select_nth_unstable_by_key(wanted, |(worth, _)| *worth);
            victims.truncate(wanted);
        }
        for (_, key) in &victims {
            entries.remove(key);
        }
        self.evictions += victims.len() as u64;
        crate::metrics::evictions(victims.len() as u64);
        self.kept = entries.len();
        victims.len()
    }

    fn overflowed(&mut self) {
        if self.overflows == 0 {
            log::warn!(
                "the token cache holds {} tokens in use: credentials past that fetch a token on each call; \
                 raise the token manager's capacity",
                self.capacity
            );
        }
        self.overflows += 1;
        crate::metrics::once(&crate::metrics::METRICS.cache_overflows, "vipps_auth_token_cache_overflows_total");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::slot::Slot;
    use std::sync::Arc;

    fn digest(name: &str) -> CredentialsDigest {
        CredentialsDigest::of(&[name.as_bytes()])
    }

    fn file(entries: &Entries, name: &str, slot: Arc<Slot>) {
        entries.pin().insert(digest(name), slot);
    }

    fn read(entries: &Entries, names: &[&str]) {
        for name in names {
            entries.pin().get(&digest(name)).unwrap().lookup(clock::now(), |_| ());
        }
    }

    fn filed(entries: &Entries, name: &str) -> bool {
        entries.pin().contains_key(&digest(name))
    }

    #[test]
    fn a_full_cache_drops_spent_then_stale_then_unread_entries_and_never_one_in_use() {
        let entries = Entries::default();
        let mut admission = Admission::new(4); // frees one entry per sweep
        file(&entries, "spent", Arc::new(Slot::new()));
        file(&entries, "stale", Slot::holding(Duration::from_secs(800)));
        file(&entries, "unread", Slot::holding(Duration::ZERO));
        file(&entries, "in use", Slot::holding(Duration::ZERO));
        let mut in_use = vec!["in use"];
        for (gone, newcomer) in [("spent", "first"), ("stale", "second"), ("unread", "third")] {
            read(&entries, &in_use);
            assert!(admission.make_room(&entries));
            assert!(!filed(&entries, gone), "{gone} was kept");
            file(&entries, newcomer, Slot::holding(Duration::ZERO));
            in_use.push(newcomer);
        }
        read(&entries, &in_use);
        assert!(!admission.make_room(&entries), "a token in use was dropped");
        assert_eq!((entries.len(), admission.evictions, admission.overflows), (4, 3, 1));
        // Unread now, but the sweep that found nothing to drop pauses the next one.
        assert!(!admission.make_room(&entries));
        assert_eq!((entries.len(), admission.overflows), (4, 2));
    }
}
