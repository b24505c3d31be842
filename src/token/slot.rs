//! One credentials' entry: the cell holding its current token, and its single flight —
//! however many callers find the token missing or expired, one request is made and all of
//! them share its outcome. The flight writes this cell and nothing else, so no flight needs a
//! way back to the map that files the slot, and a token lands in O(1).

use super::access_token::AccessToken;
use super::clock::{self, AtomicTick, Tick};
use super::freshness::{CachedToken, Freshness};
use super::grant::Grant;
use crate::error::Result;
use crate::shared_work::{caught, spawn_shared};
use arc_swap::ArcSwapOption;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// A refresh in progress; every waiter holds a clone.
type Flight = crate::shared_work::Flight<Arc<CachedToken>>;

/// What a caller found without waiting: what it read from the token, and for a fresh one,
/// until when it stays fresh.
pub(crate) enum Lookup<R> {
    Fresh(R, Tick),
    /// Still good, but due for a refresh.
    Stale(R),
    Missing,
}

/// How much an entry is worth keeping, least first: what a full cache drops to admit a
/// newcomer. `InUse` is never dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Worth {
    /// No usable token and nothing fetching one: keys nobody uses any more.
    Spent,
    /// Its token expired, but a fetch is running.
    Expired,
    /// Nobody asked for it since it became due for a refresh.
    Stale,
    /// Fresh, but nobody asked for it since the last sweep.
    Idle,
    InUse,
}

#[derive(Default)]
pub(crate) struct Slot {
    token: ArcSwapOption<CachedToken>,
    /// Set by a read, cleared by a sweep: an entry read since the last sweep is in use. A read
    /// writes it only when it is clear, so a hit writes no shared memory between sweeps.
    used: AtomicBool,
    flight: Mutex<Option<Flight>>,
    /// Read on the hot path to skip the lock while a refresh runs.
    refreshing: AtomicBool,
    /// After a failed refresh, no background refresh before this instant.
    paused_until: AtomicTick,
}

impl Slot {
    pub(crate) fn new() -> Self {
        Slot { used: AtomicBool::new(true), ..Slot::default() }
    }

    /// The hot path: a load, a clock comparison, and `read` on the token where it lies (no
    /// copy unless `read` makes one).
    pub(crate) fn lookup<R>(&self, now: Tick, read: impl FnOnce(&AccessToken) -> R) -> Lookup<R> {
        if !self.used.load(Ordering::Relaxed) {
            self.used.store(true, Ordering::Relaxed);
        }
        lookup(self.token.load().as_deref(), now, read)
    }

    /// Forgets the token, as after Vipps refused it.
    pub(crate) fn forget(&self) {
        self.token.store(None);
    }

    /// What this entry is worth keeping at `now`; clears the mark of use, so an entry nobody
    /// reads before the next sweep counts as idle there.
    pub(crate) fn sweep(&self, now: Tick) -> Worth {
        let used = self.used.swap(false, Ordering::Relaxed);
        let freshness = self.token.load().as_ref().map(|cached| cached.freshness(now));
        match (freshness, self.is_refreshing()) {
            (None | Some(Freshness::Expired), false) => Worth::Spent,
            (None | Some(Freshness::Expired), true) => Worth::Expired,
            (Some(Freshness::Stale), _) => Worth::Stale,
            (Some(Freshness::Fresh), _) if used => Worth::InUse,
            (Some(Freshness::Fresh), _) => Worth::Idle,
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
            match self.lookup(clock::now(), AccessToken::clone) {
                Lookup::Fresh(token, until) => return Ok((token, Some(until))),
                Lookup::Stale(token) => return Ok((token, None)),
                Lookup::Missing => {}
            }
            match &*flight {
                Some(running) => {
                    crate::metrics::once(
                        &crate::metrics::METRICS.single_flight_waiters,
                        "vipps_auth_single_flight_waiters_total",
                    );
                    running.clone()
                }
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
        if self.is_refreshing() || clock::now_coarse() < self.paused_until.get() {
            return;
        }
        let mut flight = self.lock_flight();
        // The caller saw a stale token, but a refresh may have landed since: only a token
        // still not fresh under the lock needs one.
        let due = self.token.load().as_ref().is_some_and(|c| !matches!(c.freshness(clock::now()), Freshness::Fresh));
        if flight.is_none() && due {
            crate::metrics::once(
                &crate::metrics::METRICS.background_refreshes,
                "vipps_auth_background_refreshes_total",
            );
            drop(self.launch(&mut flight, fetch));
        }
    }

    fn is_refreshing(&self) -> bool {
        self.refreshing.load(Ordering::Relaxed)
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
    fn land(&self, outcome: &Result<Arc<CachedToken>>) {
        let mut flight = self.lock_flight();
        match outcome {
            Ok(cached) => self.token.store(Some(Arc::clone(cached))),
            Err(error) => match self.token.load_full() {
                Some(current) => {
                    log::warn!(
                        "token refresh failed ({}); serving the current token until it expires",
                        error.code().name()
                    );
                    // Stale reads would otherwise hammer a failing server.
                    self.paused_until.set(clock::now().after(current.retry_pause));
                }
                None => log::warn!("token request failed ({}); there is no token yet", error.code().name()),
            },
        }
        self.refreshing.store(false, Ordering::Relaxed);
        *flight = None;
    }

    fn lock_flight(&self) -> MutexGuard<'_, Option<Flight>> {
        self.flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A slot holding a 900 s token fetched `age` ago.
    #[cfg(test)]
    pub(crate) fn holding(age: std::time::Duration) -> Arc<Slot> {
        let grant = Grant {
            access_token: crate::secret::Secret::new("t"),
            token_type: "Bearer",
            lifetime: std::time::Duration::from_secs(900),
            sent_at: std::time::SystemTime::now() - age,
        };
        let slot = Arc::new(Slot::new());
        slot.land(&Ok(Arc::new(CachedToken::new(grant))));
        slot
    }
}

/// What the token (if any) is worth at `now`, and `read` on it when it is usable.
fn lookup<R>(token: Option<&CachedToken>, now: Tick, read: impl FnOnce(&AccessToken) -> R) -> Lookup<R> {
    match token {
        Some(cached) => match cached.freshness(now) {
            Freshness::Fresh => Lookup::Fresh(read(&cached.token), cached.refresh_at),
            Freshness::Stale => Lookup::Stale(read(&cached.token)),
            Freshness::Expired => Lookup::Missing,
        },
        None => Lookup::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::http::runtime;
    use crate::secret::Secret;
    use std::time::{Duration, SystemTime};

    fn grant(value: &str, age: Duration) -> Grant {
        Grant {
            access_token: Secret::new(value),
            token_type: "Bearer",
            lifetime: Duration::from_secs(900),
            sent_at: SystemTime::now() - age,
        }
    }

    fn holding(age: Duration) -> Arc<Slot> {
        Slot::holding(age)
    }

    /// A request that never answers: a launched refresh stays in flight for the assertion.
    fn never_answered() -> impl Future<Output = Result<Grant>> + Send + 'static {
        futures_util::future::pending()
    }

    #[test]
    fn a_panic_in_a_fetch_fails_its_waiters_once_and_the_next_call_fetches_afresh() {
        let slot = Arc::new(Slot::new());
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
        let granted = async { Ok(grant("after the panic", Duration::ZERO)) };
        let (token, _) = runtime::block_on(slot.wait(granted)).unwrap().unwrap();
        assert_eq!(token.value(), "after the panic");
    }

    #[test]
    fn a_stale_token_starts_one_background_refresh() {
        let slot = holding(Duration::from_secs(800));
        slot.refresh_in_background(never_answered());
        assert!(slot.lock_flight().is_some() && slot.is_refreshing());
    }

    #[test]
    fn a_caller_that_saw_the_token_stale_starts_nothing_once_a_refresh_has_landed() {
        // What such a caller finds under the lock: the fresh token the refresh stored.
        let slot = holding(Duration::ZERO);
        slot.refresh_in_background(never_answered());
        assert!(slot.lock_flight().is_none() && !slot.is_refreshing());
    }

    #[test]
    fn a_forgotten_token_is_missing() {
        let slot = holding(Duration::ZERO);
        assert!(matches!(slot.lookup(clock::now(), |_| ()), Lookup::Fresh(..)));
        slot.forget();
        assert!(matches!(slot.lookup(clock::now(), |_| ()), Lookup::Missing));
    }

    #[test]
    fn a_sweep_ranks_by_worth_and_a_read_between_sweeps_marks_use() {
        let now = clock::now();
        assert_eq!(Arc::new(Slot::new()).sweep(now), Worth::Spent);
        assert_eq!(holding(Duration::from_secs(890)).sweep(now), Worth::Spent);
        assert_eq!(holding(Duration::from_secs(800)).sweep(now), Worth::Stale);
        let fresh = holding(Duration::ZERO);
        assert_eq!(fresh.sweep(now), Worth::InUse, "a new entry counts as used");
        assert_eq!(fresh.sweep(now), Worth::Idle, "nobody read it since the last sweep");
        fresh.lookup(now, |_| ());
        assert_eq!(fresh.sweep(now), Worth::InUse);
        let expired = holding(Duration::from_secs(890));
        expired.refresh_in_background(never_answered());
        // A background refresh only starts on a stale token: start a waiting one instead.
        let _flight = runtime::block_on(async {
            let waiting = expired.wait(never_answered());
            futures_util::future::select(Box::pin(waiting), Box::pin(tokio::task::yield_now())).await;
        });
        assert_eq!(expired.sweep(now), Worth::Expired);
    }
}
