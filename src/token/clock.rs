//! A monotonic clock in nanoseconds, cheap enough to read on every cache hit.
//!
//! Deadlines are set from the precise clock; the hot path compares them with the coarse
//! one (Linux `CLOCK_MONOTONIC_COARSE`: same clock, a few ms behind, a third of the cost).
//! Token margins are seconds, so a few ms of lag changes nothing.
//!
//! Ticks start far above zero, so that an instant before boot (when a token from the shared
//! store was sent, on a host that just started) still has a tick.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Tick(u64);

/// The tick of boot: 2^62 ns, about 146 years of room before it.
const BOOT: u64 = 1 << 62;

impl Tick {
    pub(crate) fn after(self, duration: Duration) -> Tick {
        Tick(self.0.saturating_add(u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)))
    }

    pub(crate) fn before(self, duration: Duration) -> Tick {
        Tick(self.0.saturating_sub(u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)))
    }

    /// How long after `earlier` this is; zero when it is not after.
    pub(crate) fn since(self, earlier: Tick) -> Duration {
        Duration::from_nanos(self.0.saturating_sub(earlier.0))
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
mod source {
    use super::{Tick, BOOT};

    fn read(clock: libc::clockid_t) -> Tick {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid clock id and a valid out pointer; these clocks cannot fail.
        unsafe { libc::clock_gettime(clock, &mut ts) };
        Tick(BOOT + ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
    }

    pub(crate) fn precise() -> Tick {
        read(libc::CLOCK_MONOTONIC)
    }

    pub(crate) fn coarse() -> Tick {
        read(libc::CLOCK_MONOTONIC_COARSE)
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
mod source {
    use super::{Tick, BOOT};
    use std::sync::OnceLock;
    use std::time::Instant;

    pub(crate) fn precise() -> Tick {
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        Tick(BOOT + ORIGIN.get_or_init(Instant::now).elapsed().as_nanos() as u64)
    }

    pub(crate) fn coarse() -> Tick {
        precise()
    }
}

/// For setting deadlines.
pub(crate) fn now() -> Tick {
    source::precise()
}

/// For checking deadlines on the hot path.
pub(crate) fn now_coarse() -> Tick {
    source::coarse()
}

/// A [`Tick`] that can be read and written without a lock.
#[derive(Default)]
pub(crate) struct AtomicTick(AtomicU64);

impl AtomicTick {
    pub(crate) fn get(&self) -> Tick {
        Tick(self.0.load(Ordering::Relaxed))
    }

    pub(crate) fn set(&self, tick: Tick) {
        self.0.store(tick.0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarse_lags_precise_by_milliseconds_at_most() {
        let coarse = now_coarse();
        let precise = now();
        assert!(precise.since(coarse) < Duration::from_millis(50));
        assert!(now().after(Duration::from_secs(1)) > now());
    }
}
