//! The bounded map from credentials to their slot, sized for a platform acting for 100,000
//! merchants.
//!
//! Why a concurrent map of slots (papaya), each slot owning its token cell: a hit is a
//! lock-free lookup plus one load of the cell, and writes nothing between sweeps; a new entry
//! is one insert and a landing token one store, both O(1). The snapshot this replaced (one
//! immutable map swapped whole) read in one load but copied every entry for each new merchant
//! and each landing token: warming 30,000 merchants took 108 s, and 100,000 about 20 minutes.
//! A sharded `RwLock<HashMap>` would write the lock's counter on every hit, which two threads
//! reading the same entry pay for in cache-line traffic.
//!
//! Entries are filed under the credentials' keyed digest, which covers the secrets: keys that
//! share a client_id and MSN but not the secret never see each other's token.

use super::admission::Admission;
use super::slot::Slot;
use crate::config::{Credentials, CredentialsDigest};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

pub(crate) type Entries = papaya::HashMap<CredentialsDigest, Arc<Slot>, BuildHasherDefault<Prehashed>>;

/// A digest is already uniformly random: its first 8 bytes are the hash.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

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

pub(crate) struct TokenCache {
    entries: Entries,
    /// Taken only to add an entry: once per credentials per lifetime of their entry.
    admission: Mutex<Admission>,
}

impl TokenCache {
    pub(crate) fn new(capacity: usize) -> Self {
        TokenCache { entries: Entries::default(), admission: Mutex::new(Admission::new(capacity)) }
    }

    /// Runs `f` on the slot for these credentials, if there is one, without cloning it.
    pub(crate) fn with<R>(&self, credentials: &Credentials, f: impl FnOnce(&Arc<Slot>) -> R) -> Option<R> {
        self.entries.pin().get(&credentials.digest()).map(f)
    }

    /// The slot for these credentials, filed if need be. When the cache is full of tokens in
    /// use, the slot is not filed: this caller fetches a token of its own (the overflow).
    pub(crate) fn slot(&self, credentials: &Credentials) -> Arc<Slot> {
        if let Some(slot) = self.with(credentials, Arc::clone) {
            return slot;
        }
        let mut admission = self.admission.lock().unwrap_or_else(|p| p.into_inner());
        let entries = self.entries.pin();
        if let Some(slot) = entries.get(&credentials.digest()) {
            return Arc::clone(slot);
        }
        let slot = Arc::new(Slot::new());
        if admission.make_room(&self.entries) {
            entries.insert(credentials.digest(), Arc::clone(&slot));
        }
        slot
    }

    /// Forgets the token of these credentials, as after Vipps refused it.
    pub(crate) fn invalidate(&self, credentials: &Credentials) {
        self.with(credentials, |slot| slot.forget());
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn capacity(&self) -> usize {
        self.admission.lock().unwrap_or_else(|p| p.into_inner()).capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MerchantCredentials;
    use crate::secret::Secret;
    use crate::token::clock;
    use crate::token::slot::Lookup;
    use crate::token::Grant;
    use std::time::{Duration, SystemTime};

    fn keys(client_id: &str) -> Credentials {
        MerchantCredentials::new(client_id, "secret", "subscription", None).unwrap().into()
    }

    async fn granted() -> crate::Result<Grant> {
        Ok(Grant {
            access_token: Secret::new("t"),
            token_type: "Bearer",
            lifetime: Duration::from_secs(900),
            sent_at: SystemTime::now(),
        })
    }

    fn fetch(cache: &TokenCache, keys: &Credentials) -> Arc<Slot> {
        let slot = cache.slot(keys);
        crate::http::runtime::block_on(slot.wait(granted())).unwrap().unwrap();
        slot
    }

    fn is_fresh(cache: &TokenCache, keys: &Credentials) -> bool {
        cache.with(keys, |slot| matches!(slot.lookup(clock::now(), |_| ()), Lookup::Fresh(..))).unwrap_or(false)
    }

    #[test]
    fn a_landed_token_is_read_until_invalidated() {
        let cache = TokenCache::new(4);
        let a = keys("a");
        fetch(&cache, &a);
        assert!(is_fresh(&cache, &a));
        cache.invalidate(&a);
        assert!(!is_fresh(&cache, &a));
    }

    #[test]
    fn a_full_cache_of_tokens_in_use_files_no_newcomer() {
        let cache = TokenCache::new(2);
        let (a, b, c) = (keys("a"), keys("b"), keys("c"));
        fetch(&cache, &a);
        fetch(&cache, &b);
        assert!(is_fresh(&cache, &a) && is_fresh(&cache, &b)); // both read: in use
        let overflow = fetch(&cache, &c);
        assert!(is_fresh(&cache, &a) && is_fresh(&cache, &b), "a token in use was dropped");
        assert!(cache.with(&c, |_| ()).is_none(), "the newcomer was filed");
        assert!(matches!(overflow.lookup(clock::now(), |_| ()), Lookup::Fresh(..)), "the overflow got no token");
        assert_eq!(cache.len(), 2);
    }
}
