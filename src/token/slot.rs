//! The writing side of one cache entry, its single flight: however many callers find the
//! token missing or expired, one request is made and all of them share its outcome, which
//! lands in the cache's snapshot.

use super::access_token::AccessToken;
use super::cache::{lookup, CacheRef, Lookup};
use super::clock::{self, AtomicTick, Tick};
use super::freshness::{CachedToken, Freshness};
use super::grant::Grant;
use crate::config::CredentialsDigest;
use crate::error::Result;
use crate::shared_work::{caught, spawn_shared};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// A refresh in progress; every waiter holds a clone.
type Flight = crate::shared_work::Flight<Arc<CachedToken>>;

/// Its token lives in the cache's snapshot, where readers find it with one load.
pub(crate) struct Slot {
    pub(crate) key: CredentialsDigest,
    cache: CacheRef,
    flight: Mutex<Option<Flight>>,
    /// Read on the hot path to skip the lock while a refresh runs.
    refreshing: AtomicBool,
    /// After a failed refresh, no background refresh before this instant.
    paused_until: AtomicTick,
}

impl Slot {
    pub(crate) fn new(key: CredentialsDigest, cache: CacheRef) -> Self {
        Slot {
            key,
            cache,
            flight: Mutex::default(),
            refreshing: AtomicBool::new(false),
            paused_until: AtomicTick::default(),
        }
    }

    /// Waits for a token: joins the running flight or starts one. With the token comes the
    /// instant it stops being fresh, when it still is.
    pub(crate) async fn wait<F>(self: &Arc<Self>, fetch: F) -> Result<(AccessToken, Option<Tick>)>
    where
        F: Future<Output = Result<Grant>> + Send + 'static,
    {
        let flight = {
            let mut flight = self.lock_flight();
            // Checked under the lock: a flight that just landed has stored its token.
            match lookup(self.current().as_deref(), clock::now(), AccessToken::clone) {
                Lookup::Fresh(token, until) => return Ok((token, Some(until))),
                Lookup::Stale(token) => return Ok((token, None)),
                Lookup::Missing => {}
            }
            match &*flight {
                Some(running) => running.clone(),
                None => self.launch(&mut flight, fetch),
            }
        };
        let cached = flight.await?;
        let fresh = clock::now() < cached.refresh_at;
        Ok((cached.token.clone(), fresh.then_some(cached.refresh_at)))
    }

    /// Starts a refresh unless one is running or one failed moments ago; never waits.
    pub(crate) fn refresh_in_background<F>(self: &Arc<Self>, fetch: F)
    where
        F: Future<Output = Result<Grant>> + Send + 'static,
    {
        if self.refreshing.load(Ordering::Relaxed) || clock::now_coarse() < self.paused_until.get() {
            return;
        }
        let mut flight = self.lock_flight();
        // The caller saw a stale token, but a refresh may have landed since: only a token
        // still not fresh under the lock needs one.
        let due = self.current().is_some_and(|c| !matches!(c.freshness(clock::now()), Freshness::Fresh));
        if flight.is_none() && due {
            drop(self.launch(&mut flight, fetch));
        }
    }

    pub(crate) fn is_refreshing(&self) -> bool {
        self.refreshing.load(Ordering::Relaxed)
    }

    /// The token the cache holds for this slot now.
    fn current(&self) -> Option<Arc<CachedToken>> {
        self.cache.upgrade()?.token_of(self)
    }

    fn launch<F>(self: &Arc<Self>, flight: &mut MutexGuard<'_, Option<Flight>>, fetch: F) -> Flight
    where
        F: Future<Output = Result<Grant>> + Send + 'static,
    {
        self.refreshing.store(true, Ordering::Relaxed);
        let slot = Arc::clone(self);
        // Spawned, so the request completes and lands even if every waiter gives up.
        let shared = spawn_shared("token refresh", async move {
            // A panic lands as an error, so the flight is released and the next call retries.
            let outcome = caught("token request", fetch).await.map(|grant| Arc::new(CachedToken::new(grant)));
            slot.land(&outcome);
            outcome
        });
        **flight = Some(shared.clone());
        shared
    }

    /// Stores a good token; after a failure keeps the old one and pauses background refresh.
    fn land(self: &Arc<Self>, outcome: &Result<Arc<CachedToken>>) {
        let mut flight = self.lock_flight();
        match outcome {
            Ok(cached) => {
                if let Some(cache) = self.cache.upgrade() {
                    cache.store(self, Some(Arc::clone(cached)));
                }
            }
            Err(error) => {
                match self.current() {
                    Some(current) => {
                        log::warn!(
                            "token refresh failed ({}); serving the current token until it expires",
                            error.code().name()
                        );
                        // Stale reads would otherwise hammer a failing server.
                        self.paused_until.set(clock::now().after(current.retry_pause));
                    }
                    None => log::warn!("token request failed ({}); there is no token yet", error.code().name()),
                }
            }
        }
        self.refreshing.store(false, Ordering::Relaxed);
        *flight = None;
    }

    fn lock_flight(&self) -> MutexGuard<'_, Option<Flight>> {
        self.flight.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MerchantCredentials;
    use crate::error::Error;
    use crate::http::runtime;
    use crate::secret::Secret;
    use crate::token::cache::TokenCache;
    use std::time::{Duration, SystemTime};

    /// A cache and the slot in it holding a 900 s token fetched `age` ago.
    fn holding(age: Duration) -> (Arc<TokenCache>, Arc<Slot>) {
        let cache = TokenCache::new(8);
        let keys = MerchantCredentials::new("id", "secret", "subscription", None).unwrap().into();
        let slot = cache.slot(&keys);
        let grant = Grant {
            access_token: Secret::new("t"),
            token_type: "Bearer",
            lifetime: Duration::from_secs(900),
            sent_at: SystemTime::now() - age,
        };
        slot.land(&Ok(Arc::new(CachedToken::new(grant))));
        (cache, slot)
    }

    /// A request that never answers: a launched refresh stays in flight for the assertion.
    fn never_answered() -> impl Future<Output = Result<Grant>> + Send + 'static {
        futures_util::future::pending()
    }

    async fn granted() -> Result<Grant> {
        Ok(Grant {
            access_token: Secret::new("after the panic"),
            token_type: "Bearer",
            lifetime: Duration::from_secs(900),
            sent_at: SystemTime::now(),
        })
    }

    #[test]
    fn a_panic_in_a_fetch_fails_its_waiters_once_and_the_next_call_fetches_afresh() {
        let cache = TokenCache::new(8);
        let keys = MerchantCredentials::new("id", "secret", "subscription", None).unwrap().into();
        let slot = cache.slot(&keys);
        let (gate, opened) = tokio::sync::oneshot::channel::<()>();
        let panicking = async move {
            let _ = opened.await;
            panic!("forced inside the fetch")
        };
        let outcomes = runtime::block_on(async {
            // The first launches the flight, the second joins it, and the gate opens only
            // once both have been polled: both wait on the one flight.
            let first = slot.wait(panicking);
            let second = slot.wait(never_answered());
            let open = async {
                tokio::task::yield_now().await;
                let _ = gate.send(());
            };
            futures_util::future::join3(first, second, open).await
        })
        .unwrap();
        for outcome in [outcomes.0, outcomes.1] {
            assert!(matches!(outcome, Err(Error::Internal(ref m)) if m.contains("panicked")), "{outcome:?}");
        }
        assert!(!slot.is_refreshing());
        let (token, _) = runtime::block_on(slot.wait(granted())).unwrap().unwrap();
        assert_eq!(token.value(), "after the panic");
    }

    #[test]
    fn a_stale_token_starts_one_background_refresh() {
        let (_cache, slot) = holding(Duration::from_secs(800));
        slot.refresh_in_background(never_answered());
        assert!(slot.lock_flight().is_some() && slot.refreshing.load(Ordering::Relaxed));
    }

    #[test]
    fn a_caller_that_saw_the_token_stale_starts_nothing_once_a_refresh_has_landed() {
        // What such a caller finds under the lock: the fresh token the refresh stored.
        let (_cache, slot) = holding(Duration::ZERO);
        slot.refresh_in_background(never_answered());
        assert!(slot.lock_flight().is_none() && !slot.refreshing.load(Ordering::Relaxed));
    }
}
