//! Numbers the other side chooses, clamped to a documented range before any arithmetic.
//!
//! A server (or a proxy, or a stored string) can send `Retry-After: 18446744073709551615`;
//! `Instant::now() + that` panics. So every such number passes through here first, and
//! instants and system times are only ever moved by a checked or saturating operation.
//!
//! | what | range | outside the range |
//! |---|---|---|
//! | `Retry-After` (seconds or date) | 0 s – 1 day | clamped; past the call's budget the call ends with the retry-after in its error |
//! | `Cache-Control: max-age` (discovery, JWKS) | 1 min – 1 day | clamped: a zero max-age does not turn every login into a fetch |
//! | token `expires_in` / `expires_on` | 1 s – 30 days | refused as a protocol error |
//! | CIBA `interval` | 1 s – 1 min | clamped (5 s when absent) |
//! | CIBA `expires_in` | 1 s – 1 hour | clamped |
//! | `Date` (clock offset) | ± 1 day | clamped |
//! | JWKS | 64 keys, 8192-bit RSA moduli | further keys, larger keys skipped |

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// An inclusive range of durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bound {
    pub(crate) min: Duration,
    pub(crate) max: Duration,
}

impl Bound {
    const fn secs(min: u64, max: u64) -> Bound {
        Bound { min: Duration::from_secs(min), max: Duration::from_secs(max) }
    }

    pub(crate) fn clamp(self, value: Duration) -> Duration {
        value.clamp(self.min, self.max)
    }

    pub(crate) fn clamp_secs(self, seconds: u64) -> Duration {
        self.clamp(Duration::from_secs(seconds.min(self.max.as_secs())))
    }
}

const DAY: u64 = 24 * 3600;

pub(crate) const RETRY_AFTER: Bound = Bound::secs(0, DAY);
pub(crate) const MAX_AGE: Bound = Bound::secs(60, DAY);
pub(crate) const TOKEN_LIFETIME: Bound = Bound::secs(1, 30 * DAY);
pub(crate) const CIBA_INTERVAL: Bound = Bound::secs(1, 60);
pub(crate) const CIBA_EXPIRES_IN: Bound = Bound::secs(1, 3600);
pub(crate) const CLOCK_OFFSET: Bound = Bound::secs(0, DAY);
pub(crate) const JWKS_KEYS: usize = 64;
pub(crate) const RSA_MODULUS_BYTES: usize = 8192 / 8;

/// `now + duration`, or a century from now when that cannot be represented.
pub(crate) fn instant_after(now: Instant, duration: Duration) -> Instant {
    now.checked_add(duration).or_else(|| now.checked_add(Duration::from_secs(100 * 365 * DAY))).unwrap_or(now)
}

/// `UNIX_EPOCH + duration`, saturating at the latest time this platform can hold a century
/// ahead (stored strings can say anything).
pub(crate) fn epoch_plus(duration: Duration) -> SystemTime {
    UNIX_EPOCH.checked_add(duration).unwrap_or_else(far_future)
}

/// `at + duration`, saturating likewise.
pub(crate) fn system_after(at: SystemTime, duration: Duration) -> SystemTime {
    at.checked_add(duration).unwrap_or_else(far_future)
}

fn far_future() -> SystemTime {
    let now = SystemTime::now();
    now.checked_add(Duration::from_secs(100 * 365 * DAY)).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamping_never_overflows() {
        assert_eq!(RETRY_AFTER.clamp_secs(u64::MAX), Duration::from_secs(DAY));
        assert_eq!(MAX_AGE.clamp_secs(0), Duration::from_secs(60));
        assert_eq!(CIBA_INTERVAL.clamp_secs(0), Duration::from_secs(1));
        assert_eq!(CIBA_INTERVAL.clamp(Duration::MAX), Duration::from_secs(60));
        let now = Instant::now();
        assert!(instant_after(now, Duration::MAX) > now);
        assert!(epoch_plus(Duration::MAX) > SystemTime::now());
        assert!(system_after(SystemTime::now(), Duration::MAX) > SystemTime::now());
    }
}
