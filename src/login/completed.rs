//! The record of logins being completed, so that each completes once: a replayed callback, a
//! second tab or a repeated webhook is refused. An entry lives until its pending login
//! expires. Expired entries are swept when the record has doubled since the last sweep, so
//! marking stays O(1) amortised however many logins a busy backend has open, and the record
//! never holds more than about twice the unexpired ones.

use std::collections::HashMap;

/// No sweep below this many entries: a small map costs nothing to keep.
const FIRST_SWEEP: usize = 64;
/// The most logins remembered at once (a few MB). Past it the half that expires soonest is
/// forgotten: a replay of one of those reaches Vipps, which refuses a code it has redeemed,
/// while a flood of forged completions cannot grow the record without end.
pub(crate) const CAPACITY: usize = 100_000;

/// No `Debug`: the keys include `auth_req_id`s, which complete a phone login.
pub(crate) struct CompletedLogins {
    expiries: HashMap<String, u64>,
    sweep_at: usize,
}

impl Default for CompletedLogins {
    fn default() -> Self {
        CompletedLogins { expiries: HashMap::new(), sweep_at: FIRST_SWEEP }
    }
}

impl CompletedLogins {
    /// Records `key` until `expires_at` (both in Unix seconds, like `now`); false when the
    /// key is already recorded and has not expired.
    pub(crate) fn mark(&mut self, key: &str, expires_at: u64, now: u64) -> bool {
        if self.expiries.len() >= self.sweep_at {
            self.expiries.retain(|_, expires| *expires > now);
            if self.expiries.len() >= CAPACITY {
                self.forget_soonest_half();
            }
            self.sweep_at = (self.expiries.len() * 2).clamp(FIRST_SWEEP, CAPACITY);
        }
        match self.expiries.get_mut(key) {
            Some(expires) if *expires > now => false,
            Some(expires) => {
                *expires = expires_at;
                true
            }
            None => {
                self.expiries.insert(key.to_owned(), expires_at);
                true
            }
        }
    }

    fn forget_soonest_half(&mut self) {
        let mut expiries: Vec<u64> = self.expiries.values().copied().collect();
        let middle = expiries.len() / 2;
        let (_, &mut cut, _) = expiries.select_nth_unstable(middle);
        log::warn!("{} logins being completed at once: forgetting those that expire soonest", self.expiries.len());
        self.expiries.retain(|_, expires| *expires > cut);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.expiries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_marked_once_until_it_expires() {
        let mut completed = CompletedLogins::default();
        assert!(completed.mark("state-1", 100, 10));
        assert!(!completed.mark("state-1", 100, 99), "a replay before expiry is refused");
        assert!(completed.mark("state-2", 100, 10));
        assert!(completed.mark("state-1", 200, 100), "an expired entry no longer counts");
    }

    #[test]
    fn expired_entries_are_swept_as_the_record_grows() {
        let mut completed = CompletedLogins::default();
        for i in 0..10_000 {
            assert!(completed.mark(&format!("old-{i}"), 50, 10));
        }
        // All of those expired at 50; ten thousand new logins must not pile on top of them.
        for i in 0..10_000 {
            assert!(completed.mark(&format!("new-{i}"), 500, 60));
        }
        assert!(completed.len() < 20_000, "the expired logins were never dropped");
        assert!(!completed.mark("new-9999", 500, 61), "unexpired entries survive the sweeps");
        assert!(!completed.mark("new-0", 500, 61));
    }

    #[test]
    fn a_flood_of_unexpired_logins_stays_bounded() {
        let mut completed = CompletedLogins::default();
        for i in 0..(3 * CAPACITY as u64) {
            assert!(completed.mark(&format!("forged-{i}"), 1_000 + i, 10));
        }
        assert!(completed.len() <= CAPACITY, "{} entries", completed.len());
        assert!(!completed.mark(&format!("forged-{}", 3 * CAPACITY - 1), 9_999_999, 11), "the newest are kept");
    }
}
