//! The bounded map from credentials to [`Slot`]s. Reads take no lock and write nothing
//! shared; the map is copied on the rare insert.
//!
//! Entries are filed under the credentials' keyed digest, which covers the secrets: keys that
//! share a client_id and MSN but not the secret never see each other's token.

use super::clock;
use super::slot::Slot;
use crate::config::{Credentials, CredentialsDigest};
use arc_swap::ArcSwap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

type Slots = HashMap<CredentialsDigest, Arc<Slot>, BuildHasherDefault<Prehashed>>;

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

pub(crate) struct TokenCache {
    slots: ArcSwap<Slots>,
    writer: Mutex<()>,
    capacity: usize,
}

impl TokenCache {
    pub(crate) fn new(capacity: usize) -> Self {
        TokenCache { slots: ArcSwap::default(), writer: Mutex::new(()), capacity: capacity.max(1) }
    }

    /// Runs `f` on the slot for these credentials, if there is one, without cloning it.
    pub(crate) fn with<R>(&self, credentials: &Credentials, f: impl FnOnce(&Arc<Slot>) -> R) -> Option<R> {
        self.slots.load().get(&credentials.digest()).map(f)
    }

    /// The slot for these credentials, made if need be. Making one drops the entries whose
    /// token has expired unused, and the one that expires first if the cache is still full.
    pub(crate) fn slot(&self, credentials: &Credentials) -> Arc<Slot> {
        if let Some(slot) = self.with(credentials, Arc::clone) {
            return slot;
        }
        let _writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let current = self.slots.load_full();
        if let Some(slot) = current.get(&credentials.digest()) {
            return Arc::clone(slot);
        }
        let now = clock::now();
        let mut next: Slots =
            current.iter().filter(|(_, slot)| !slot.is_spent(now)).map(|(k, v)| (*k, v.clone())).collect();
        if next.len() >= self.capacity {
            evict_one(&mut next);
        }
        let slot = Arc::new(Slot::default());
        next.insert(credentials.digest(), Arc::clone(&slot));
        self.slots.store(Arc::new(next));
        slot
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.load().len()
    }
}

/// Drops the entry whose token is gone or expires first. No LRU: that would need a write
/// on every read.
fn evict_one(slots: &mut Slots) {
    let victim = slots.iter().min_by_key(|(_, slot)| slot.usable_until().unwrap_or_default()).map(|(key, _)| *key);
    if let Some(key) = victim {
        slots.remove(&key);
    }
}
