//! When a cached token is fresh, stale or expired. Windows scale with the lifetime: a
//! 15-minute token and a 24-hour token cannot share fixed margins.

use super::access_token::AccessToken;
use super::clock::{self, Tick};
use super::grant::Grant;
use std::time::{Duration, SystemTime};

/// The share of a token's lifetime during which it is fresh; after that one caller fetches
/// the next one (in the fleet too).
pub(crate) const FRESH_SHARE: f64 = 0.8;

/// A token in the cache, with the instants that decide what to do with it.
pub(crate) struct CachedToken {
    pub token: AccessToken,
    /// From here on, hand it out but have one caller fetch the next one.
    pub refresh_at: Tick,
    /// From here on, never hand it out: it could expire on its way to Vipps.
    pub usable_until: Tick,
    /// How long to wait after a failed background refresh before trying again.
    pub retry_pause: Duration,
}

pub(crate) enum Freshness {
    Fresh,
    Stale,
    Expired,
}

impl CachedToken {
    pub(crate) fn new(grant: Grant) -> Self {
        let lifetime = grant.lifetime;
        // Counted on the monotonic clock from when the request was sent.
        let age = SystemTime::now().duration_since(grant.sent_at).unwrap_or_default();
        let sent = clock::now().before(age);
        let margin = (lifetime / 20).min(Duration::from_secs(30));
        CachedToken {
            token: AccessToken {
                expires_at: grant.expires_at(),
                value: grant.access_token,
                token_type: grant.token_type,
            },
            refresh_at: sent.after(lifetime.mul_f64(FRESH_SHARE)),
            usable_until: sent.after(lifetime - margin),
            retry_pause: (lifetime / 50).clamp(Duration::from_millis(500), Duration::from_secs(60)),
        }
    }

    pub(crate) fn freshness(&self, now: Tick) -> Freshness {
        if now < self.refresh_at {
            Freshness::Fresh
        } else if now < self.usable_until {
            Freshness::Stale
        } else {
            Freshness::Expired
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn cached(lifetime_secs: u64) -> CachedToken {
        sent_ago(lifetime_secs, Duration::ZERO)
    }

    fn sent_ago(lifetime_secs: u64, age: Duration) -> CachedToken {
        CachedToken::new(Grant {
            access_token: Secret::new("t"),
            token_type: "Bearer",
            lifetime: Duration::from_secs(lifetime_secs),
            sent_at: SystemTime::now() - age,
        })
    }

    #[test]
    fn windows_scale_with_lifetime() {
        let short = cached(900);
        let long = cached(86_400);
        let window = |c: &CachedToken| c.usable_until.since(c.refresh_at);
        assert!(window(&short) > Duration::from_secs(120) && window(&short) < Duration::from_secs(180));
        assert!(window(&long) > Duration::from_secs(4 * 3600));
    }

    #[test]
    fn a_five_second_token_is_fresh_then_stale_then_expired() {
        let c = cached(5);
        let now = clock::now();
        assert!(matches!(c.freshness(now), Freshness::Fresh));
        assert!(matches!(c.freshness(now.after(Duration::from_millis(4100))), Freshness::Stale));
        assert!(matches!(c.freshness(now.after(Duration::from_millis(4800))), Freshness::Expired));
    }

    #[test]
    fn a_token_older_than_the_monotonic_clock_is_aged_all_the_same() {
        // The clock counts from boot: a token from the store can be older than the host's uptime.
        const YEAR: u64 = 365 * 24 * 3600;
        let (stale, expired) =
            (sent_ago(21 * YEAR, Duration::from_secs(20 * YEAR)), sent_ago(900, Duration::from_secs(YEAR)));
        let now = clock::now();
        assert!(matches!(stale.freshness(now), Freshness::Stale));
        assert!(matches!(expired.freshness(now), Freshness::Expired));
    }
}
