//! How far Vipps' clock is from this machine's, read from the `Date` header of every answer.
//! Time rules of ID tokens that fail say it, because a wrong local clock is the usual cause.

use crate::bounds;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

/// Seconds Vipps is ahead of this machine (negative: behind); `i64::MIN` until measured.
#[derive(Debug)]
pub(crate) struct ClockOffset(AtomicI64);

impl Default for ClockOffset {
    fn default() -> Self {
        ClockOffset(AtomicI64::new(i64::MIN))
    }
}

impl ClockOffset {
    /// Clamped to [`bounds::CLOCK_OFFSET`]: a `Date` in year 9999 says "a day ahead".
    pub(crate) fn observe(&self, server: SystemTime, local: SystemTime) {
        let seconds =
            |d: Duration| bounds::CLOCK_OFFSET.clamp(d.saturating_add(Duration::from_millis(500))).as_secs() as i64;
        let offset = match server.duration_since(local) {
            Ok(ahead) => seconds(ahead),
            Err(behind) => -seconds(behind.duration()),
        };
        self.0.store(offset, Ordering::Relaxed);
    }

    /// The last measured offset in seconds: positive when Vipps is ahead.
    pub(crate) fn seconds(&self) -> Option<i64> {
        Some(self.0.load(Ordering::Relaxed)).filter(|&s| s != i64::MIN)
    }

    /// A sentence for error messages, when the offset is large enough to matter (≥ 5 s; the
    /// `Date` header has whole seconds).
    pub(crate) fn explain(&self) -> Option<String> {
        let seconds = self.seconds().filter(|s| s.abs() >= 5)?;
        let direction = if seconds > 0 { "behind" } else { "ahead of" };
        Some(format!("this machine's clock is {} s {direction} Vipps", seconds.abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_which_way_and_how_far() {
        let clock = ClockOffset::default();
        assert_eq!(clock.explain(), None);
        let now = SystemTime::now();
        clock.observe(now + Duration::from_secs(94), now);
        assert_eq!(clock.explain().unwrap(), "this machine's clock is 94 s behind Vipps");
        clock.observe(now - Duration::from_secs(30), now);
        assert_eq!(clock.explain().unwrap(), "this machine's clock is 30 s ahead of Vipps");
        clock.observe(now + Duration::from_secs(2), now);
        assert_eq!(clock.explain(), None);
        assert_eq!(clock.seconds(), Some(2));
        clock.observe(SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_799), now);
        assert_eq!(clock.seconds(), Some(24 * 3600), "year 9999 is a day ahead, not an overflow");
    }
}
