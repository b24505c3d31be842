//! The bounded map from credentials to their current token. A read is one atomic load of an
//! immutable snapshot, takes no lock and writes nothing another thread sees; every change (a
//! new entry, a token landing, an invalidation, an eviction) publishes a new snapshot. Tokens
//! change once per lifetime per credentials, so copying the map then costs nothing that
//! matters, and the hit does not pay for a second load.
//!
//! Entries are filed under the credentials' keyed digest, which covers the secrets: keys that
//! share a client_id and MSN but not the secret never see each other's token.

use super::access_token::AccessToken;
use super::clock::{self, Tick};
use super::freshness::{CachedToken, Freshness};
use super::slot::Slot;
use crate::config::{Credentials, CredentialsDigest};
use arc_swap::ArcSwap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, Weak};

type Entries = HashMap<CredentialsDigest, Entry, BuildHasherDefault<Prehashed>>;

/// The cache a slot publishes to; weak, so a slot in a spawned refresh does not keep a
/// dropped manager's cache alive.
pub(crate) type CacheRef = Weak<TokenCache>;

/// A digest is already uniformly random: its first 8 bytes are the hash.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("digests hash themselves with write_u64")
    }
    fn write_u64(&mut self, head: u64) {
        self.0 = head;
    }
}

/// One credentials' entry: its single flight, and the token it holds now.
#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) slot: Arc<Slot>,
    token: Option<Arc<CachedToken>>,
}

/// What a caller found without waiting: what it read from the token, and for a fresh one,
/// until when it stays fresh.
pub(crate) enum Lookup<R> {
    Fresh(R, Tick),
    /// Still good, but due for a refresh.
    Stale(R),
    Missing,
}

impl Entry {
    /// The hot path: a clock comparison, and `read` on the token where it lies (no copy
    /// unless `read` makes one).
    pub(crate) fn lookup<R>(&self, now: Tick, read: impl FnOnce(&AccessToken) -> R) -> Lookup<R> {
        lookup(self.token.as_deref(), now, read)
    }

    /// Holds only a token past its expiry and nothing is fetching a new one: an entry for
    /// keys nobody uses any more (a rotated secret, say), which the cache may drop.
    fn is_spent(&self, now: Tick) -> bool {
        !self.slot.is_refreshing() && self.usable_until().is_some_and(|until| until <= now)
    }

    /// When the token stops being usable, for eviction; `None` when there is none.
    fn usable_until(&self) -> Option<Tick> {
        self.token.as_ref().map(|c| c.usable_until)
    }
}

/// What the token (if any) is worth at `now`, and `read` on it when it is usable.
pub(crate) fn lookup<R>(token: Option<&CachedToken>, now: Tick, read: impl FnOnce(&AccessToken) -> R) -> Lookup<R> {
    match token {
        Some(cached) => match cached.freshness(now) {
            Freshness::Fresh => Lookup::Fresh(read(&cached.token), cached.refresh_at),
            Freshness::Stale => Lookup::Stale(read(&cached.token)),
            Freshness::Expired => Lookup::Missing,
        },
        None => Lookup::Missing,
    }
}

pub(crate) struct TokenCache {
    entries: ArcSwap<Entries>,
    writer: Mutex<()>,
    capacity: usize,
}

impl TokenCache {
    pub(crate) fn new(capacity: usize) -> Arc<Self> {
        Arc::new(TokenCache { entries: ArcSwap::default(), writer: Mutex::new(()), capacity: capacity.max(1) })
    }

    /// Runs `f` on the entry for these credentials, if there is one, without cloning it.
    pub(crate) fn with<R>(&self, credentials: &Credentials, f: impl FnOnce(&Entry) -> R) -> Option<R> {
        self.entries.load().get(&credentials.digest()).map(f)
    }

    /// The slot for these credentials, made if need be. Making one drops the entries whose
    /// token has expired unused, and the one that expires first if the cache is still full.
    pub(crate) fn slot(self: &Arc<Self>, credentials: &Credentials) -> Arc<Slot> {
        if let Some(slot) = self.with(credentials, |entry| Arc::clone(&entry.slot)) {
            return slot;
        }
        let key = credentials.digest();
        let _writer = self.lock_writer();
        let current = self.entries.load_full();
        if let Some(entry) = current.get(&key) {
            return Arc::clone(&entry.slot);
        }
        let now = clock::now();
        let mut next: Entries =
            current.iter().filter(|(_, entry)| !entry.is_spent(now)).map(|(k, v)| (*k, v.clone())).collect();
        if next.len() >= self.capacity {
            evict_one(&mut next);
        }
        let slot = Arc::new(Slot::new(key, Arc::downgrade(self)));
        next.insert(key, Entry { slot: Arc::clone(&slot), token: None });
        self.entries.store(Arc::new(next));
        slot
    }

    /// The token `slot`'s entry holds now, if the entry is still in the cache.
    pub(crate) fn token_of(&self, slot: &Slot) -> Option<Arc<CachedToken>> {
        self.entries.load().get(&slot.key).filter(|entry| std::ptr::eq(&*entry.slot, slot))?.token.clone()
    }

    /// Publishes `token` (`None`: forgets the current one) as `slot`'s. Nothing happens when
    /// the entry has been evicted meanwhile: its waiters still get the token from the flight.
    pub(crate) fn store(&self, slot: &Slot, token: Option<Arc<CachedToken>>) {
        let _writer = self.lock_writer();
        let current = self.entries.load_full();
        if !current.get(&slot.key).is_some_and(|entry| std::ptr::eq(&*entry.slot, slot)) {
            return;
        }
        let mut next = Entries::clone(&current);
        if let Some(entry) = next.get_mut(&slot.key) {
            entry.token = token;
        }
        self.entries.store(Arc::new(next));
    }

    /// Forgets the token of these credentials, as after Vipps refused it.
    pub(crate) fn invalidate(&self, credentials: &Credentials) {
        if let Some(slot) = self.with(credentials, |entry| Arc::clone(&entry.slot)) {
            self.store(&slot, None);
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.load().len()
    }

    fn lock_writer(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Drops the entry whose token is gone or expires first. No LRU: that would need a write
/// on every read.
fn evict_one(entries: &mut Entries) {
    let victim = entries.iter().min_by_key(|(_, entry)| entry.usable_until().unwrap_or_default()).map(|(key, _)| *key);
    if let Some(key) = victim {
        entries.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MerchantCredentials;
    use crate::secret::Secret;
    use crate::token::Grant;
    use std::time::{Duration, SystemTime};

    fn keys(client_id: &str) -> Credentials {
        MerchantCredentials::new(client_id, "secret", "subscription", None).unwrap().into()
    }

    fn token() -> Option<Arc<CachedToken>> {
        let grant = Grant {
            access_token: Secret::new("t"),
            token_type: "Bearer",
            lifetime: Duration::from_secs(900),
            sent_at: SystemTime::now(),
        };
        Some(Arc::new(CachedToken::new(grant)))
    }

    fn is_fresh(cache: &TokenCache, keys: &Credentials) -> bool {
        cache.with(keys, |entry| matches!(entry.lookup(clock::now(), |_| ()), Lookup::Fresh(..))).unwrap_or(false)
    }

    #[test]
    fn a_published_token_is_read_until_invalidated() {
        let cache = TokenCache::new(4);
        let a = keys("a");
        cache.store(&cache.slot(&a), token());
        assert!(is_fresh(&cache, &a));
        cache.invalidate(&a);
        assert!(!is_fresh(&cache, &a));
    }

    #[test]
    fn a_token_landing_for_an_evicted_slot_does_not_reach_its_successor() {
        let cache = TokenCache::new(1);
        let (a, b) = (keys("a"), keys("b"));
        let evicted = cache.slot(&a);
        cache.slot(&b); // full: a goes
        let successor = cache.slot(&a); // b goes; a new slot for a, with its own flight
        assert!(!Arc::ptr_eq(&evicted, &successor));
        cache.store(&evicted, token());
        assert!(!is_fresh(&cache, &a), "the old slot's token landed in the new entry");
        cache.store(&successor, token());
        assert!(is_fresh(&cache, &a));
    }
}
