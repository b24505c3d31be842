//! When to try again: jittered exponential backoff, `Retry-After`, and a total deadline.

use crate::bounds;
use std::time::{Duration, SystemTime};

const BASE: Duration = Duration::from_millis(100);
const CAP: Duration = Duration::from_secs(5);

/// Delay before retry number `retry` (0-based): half fixed, half random, so that many
/// clients failing together do not come back together.
pub(crate) fn delay(retry: u32) -> Duration {
    let ceiling = BASE.saturating_mul(1u32 << retry.min(16)).min(CAP);
    let half = ceiling / 2;
    half + half.mul_f64(fastrand::f64())
}

/// Parses `Retry-After` as delta-seconds or an HTTP date, clamped to
/// [`bounds::RETRY_AFTER`]; anything else (negative, fractional, words) is no advice.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Longer than u64: still a wait far past any budget.
        return Some(bounds::RETRY_AFTER.clamp_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(bounds::RETRY_AFTER.clamp(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_and_is_capped() {
        for retry in 0..30 {
            let d = delay(retry);
            let ceiling = BASE.saturating_mul(1u32 << retry.min(16)).min(CAP);
            assert!(d >= ceiling / 2 && d <= ceiling, "retry {retry}: {d:?}");
        }
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        let later = SystemTime::now() + Duration::from_secs(120);
        let parsed = parse_retry_after(&httpdate::fmt_http_date(later)).unwrap();
        assert!(parsed > Duration::from_secs(110) && parsed <= Duration::from_secs(120));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn hostile_retry_after_is_clamped_or_ignored() {
        let day = Some(bounds::RETRY_AFTER.max);
        assert_eq!(parse_retry_after("18446744073709551615"), day);
        assert_eq!(parse_retry_after("99999999999999999999999999"), day);
        assert_eq!(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT"), day);
        for ignored in ["-5", "1e309", "NaN", "1.5", "", "+3"] {
            assert_eq!(parse_retry_after(ignored), None, "{ignored}");
        }
    }
}
