//! A machine token shared by a fleet through the store (L2 behind each process's cache, L1).
//! A process that misses L1 reads the store before it asks Vipps; at most one process per
//! credential fetches at a time — it holds a lease (`SET NX PX`, a random owner, released by
//! compare-and-delete, freed by its TTL if the holder dies) — and the others wait for the
//! value it writes, up to a bound, then fetch themselves. Only a token still fresh counts:
//! refresh-ahead holds fleet-wide. Any store trouble means "fetch as one process would".

use super::{FleetKeys, Store, StoreResult};
use crate::error::Result;
use crate::metrics::{self, StoreEvent};
use crate::secret::Secret;
use crate::token::{Grant, FRESH_SHARE};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long the others wait for a lease holder's token before fetching themselves.
const WAIT_FOR_HOLDER: Duration = Duration::from_secs(5);
/// Their first look again; doubled up to 200 ms.
const FIRST_LOOK: Duration = Duration::from_millis(10);

/// How waiting for another process's fetch ended.
enum Waited {
    Token(Grant),
    /// The lease came free: fetch as its holder.
    Leased,
    GaveUp,
}

/// What the store holds for a token, sealed.
#[derive(Serialize, Deserialize)]
struct Stored {
    token: String,
    /// Milliseconds since the epoch when the request was sent, on the writer's clock (read
    /// only from a store that cannot tell a value's time to live), and the lifetime from then.
    sent_ms: u64,
    lifetime_ms: u64,
}

/// The store, and whether it failed last time (one warning per change of state).
pub(crate) struct SharedTokens {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) prefix: String,
    failing: AtomicBool,
}

impl SharedTokens {
    pub(crate) fn new(store: Arc<dyn Store>, prefix: String) -> Self {
        SharedTokens { store, prefix, failing: AtomicBool::new(false) }
    }

    /// A token from the fleet when one is fresh there; otherwise `fetch`'s, shared with the
    /// fleet — by this process when it gets the lease.
    pub(crate) async fn fetch_through(
        &self,
        keys: &FleetKeys,
        lease_ttl: Duration,
        fetch: impl Future<Output = Result<Grant>>,
    ) -> Result<Grant> {
        if let Some(grant) = self.read(keys).await {
            metrics::store(StoreEvent::Hit);
            return Ok(grant);
        }
        metrics::store(StoreEvent::Miss);
        let owner = crate::login::random::url_safe(16).map(|owner| owner.expose().to_owned());
        let leased = match &owner {
            Ok(owner) => self.checked(self.store.lease(&keys.lease_key, owner, lease_ttl).await),
            Err(_) => None,
        };
        match (leased, owner) {
            (Some(true), Ok(owner)) => self.fetch_leased(keys, &owner, fetch).await,
            (Some(false), Ok(owner)) => match self.wait_for_holder(keys, &owner, lease_ttl).await {
                Waited::Token(grant) => {
                    metrics::store(StoreEvent::Hit);
                    Ok(grant)
                }
                Waited::Leased => self.fetch_leased(keys, &owner, fetch).await,
                Waited::GaveUp => fetch.await,
            },
            _ => fetch.await,
        }
    }

    /// Fetches as the lease holder: writes the token for the fleet, then gives the lease back.
    /// It looks once more first: the previous holder may have written and let go between this
    /// process's miss and its lease.
    async fn fetch_leased(
        &self,
        keys: &FleetKeys,
        owner: &str,
        fetch: impl Future<Output = Result<Grant>>,
    ) -> Result<Grant> {
        let grant = match self.read(keys).await {
            Some(grant) => Ok(grant),
            None => {
                let grant = fetch.await;
                if let Ok(grant) = &grant {
                    self.write(keys, grant).await;
                }
                grant
            }
        };
        let _ = self.checked(self.store.release(&keys.lease_key, owner).await);
        grant
    }

    /// The fleet's token while it is still fresh; a value that does not open is ignored
    /// (logged) and replaced by the next write.
    async fn read(&self, keys: &FleetKeys) -> Option<Grant> {
        let (sealed, left) = self.checked(self.store.get_with_ttl(&keys.value_key).await)??;
        let Some(plain) = keys.open(&sealed) else {
            log::warn!("the shared store holds a token value that does not open under these keys; ignoring it");
            metrics::store(StoreEvent::Rejected);
            return None;
        };
        let plain = Secret::new(String::from_utf8(plain).ok()?);
        let stored: Stored = serde_json::from_str(plain.expose()).ok()?;
        let lifetime = Duration::from_millis(stored.lifetime_ms);
        let sent_at = match left {
            Some(left) => sent_by_store_clock(left, lifetime),
            None => UNIX_EPOCH + Duration::from_millis(stored.sent_ms), // the writer's wall clock
        };
        let grant = Grant { access_token: Secret::new(stored.token), token_type: "Bearer", lifetime, sent_at };
        fresh_for(&grant).map(|_| grant)
    }

    async fn write(&self, keys: &FleetKeys, grant: &Grant) {
        let Some(ttl) = fresh_for(grant) else { return };
        let stored = Stored {
            token: grant.access_token.expose().to_owned(),
            sent_ms: grant.sent_at.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64,
            lifetime_ms: grant.lifetime.as_millis() as u64,
        };
        let plain = Secret::new(serde_json::to_string(&stored).expect("plain data serialises"));
        let _ = self.checked(self.store.put(&keys.value_key, &keys.seal(plain.expose().as_bytes()), ttl).await);
    }

    /// Looks again, backing off, until the holder's token is there, or the lease is free (its
    /// holder died or failed: this process takes it), or the bound passes.
    async fn wait_for_holder(&self, keys: &FleetKeys, owner: &str, lease_ttl: Duration) -> Waited {
        metrics::store(StoreEvent::LeaseWait);
        let (mut pause, mut waited) = (FIRST_LOOK, Duration::ZERO);
        while waited < WAIT_FOR_HOLDER {
            tokio::time::sleep(pause).await;
            waited += pause;
            if let Some(grant) = self.read(keys).await {
                return Waited::Token(grant);
            }
            match self.checked(self.store.lease(&keys.lease_key, owner, lease_ttl).await) {
                Some(true) => return Waited::Leased,
                Some(false) => {}
                None => return Waited::GaveUp,
            }
            pause = (pause * 2).min(Duration::from_millis(200));
        }
        log::warn!("no token from the fleet after {} s; fetching one here", WAIT_FOR_HOLDER.as_secs());
        Waited::GaveUp
    }

    /// The value, or `None` after store trouble — warned about once per change of state.
    fn checked<T>(&self, outcome: StoreResult<T>) -> Option<T> {
        match outcome {
            Ok(value) => {
                if self.failing.swap(false, Ordering::Relaxed) {
                    log::warn!("the shared store answers again");
                }
                Some(value)
            }
            Err(error) => {
                metrics::store(StoreEvent::Fallback);
                if !self.failing.swap(true, Ordering::Relaxed) {
                    log::warn!("{error}; going on as a single process");
                }
                None
            }
        }
    }
}

/// When a token was sent, on this host's clock, from how long its value has left in the store:
/// it was written to live until the token's refresh point, and the store's clock is the one
/// clock every host shares, so a writer's or a reader's wrong wall clock does not enter.
fn sent_by_store_clock(left: Duration, lifetime: Duration) -> SystemTime {
    let age = lifetime.mul_f64(FRESH_SHARE).saturating_sub(left);
    SystemTime::now().checked_sub(age).unwrap_or(UNIX_EPOCH)
}

/// How long the grant stays fresh, as the cache counts it.
fn fresh_for(grant: &Grant) -> Option<Duration> {
    let refresh_at = crate::bounds::system_after(grant.sent_at, grant.lifetime.mul_f64(FRESH_SHARE));
    refresh_at.duration_since(SystemTime::now()).ok().filter(|left| !left.is_zero())
}
