//! The bounded map from credentials to [`Slot`]s. Reads take no lock and write nothing
//! shared; the map is copied on the rare insert.

use super::slot::Slot;
use crate::config::Credentials;
use arc_swap::ArcSwap;
use rustc_hash::FxHasher;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// What a token is cached under. A cache belongs to one manager, and a manager to one base
/// URL, so the base URL is implied.
#[derive(Clone, PartialEq, Eq)]
struct Key {
    specialized: bool,
    client_id: String,
    msn: Option<String>,
}

impl Key {
    fn of(credentials: &Credentials) -> Self {
        Key {
            specialized: matches!(credentials, Credentials::Specialized(_)),
            client_id: credentials.client_id().to_owned(),
            msn: credentials.msn().map(str::to_owned),
        }
    }

    fn matches(&self, credentials: &Credentials) -> bool {
        self.specialized == matches!(credentials, Credentials::Specialized(_))
            && self.client_id == credentials.client_id()
            && self.msn.as_deref() == credentials.msn()
    }
}

/// Hashes the borrowed parts, so a lookup allocates nothing.
fn fingerprint(credentials: &Credentials) -> u64 {
    let mut hasher = FxHasher::default();
    matches!(credentials, Credentials::Specialized(_)).hash(&mut hasher);
    credentials.client_id().hash(&mut hasher);
    credentials.msn().hash(&mut hasher);
    hasher.finish()
}

type Slots = HashMap<u64, Vec<(Key, Arc<Slot>)>, BuildHasherDefault<Fingerprinted>>;

/// The keys are already fingerprints: hashing them again would be wasted work.
#[derive(Default)]
struct Fingerprinted(u64);

impl Hasher for Fingerprinted {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 fingerprints are hashed")
    }
    fn write_u64(&mut self, fingerprint: u64) {
        self.0 = fingerprint;
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
        let slots = self.slots.load();
        find(&slots, credentials).map(f)
    }

    /// The slot for these credentials, made (and an old one evicted) if need be.
    pub(crate) fn slot(&self, credentials: &Credentials) -> Arc<Slot> {
        if let Some(slot) = self.with(credentials, Arc::clone) {
            return slot;
        }
        let _writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let current = self.slots.load_full();
        if let Some(slot) = find(&current, credentials) {
            return Arc::clone(slot);
        }
        let mut next = (*current).clone();
        if next.values().map(Vec::len).sum::<usize>() >= self.capacity {
            evict_one(&mut next);
        }
        let slot = Arc::new(Slot::default());
        next.entry(fingerprint(credentials)).or_default().push((Key::of(credentials), Arc::clone(&slot)));
        self.slots.store(Arc::new(next));
        slot
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.load().values().map(Vec::len).sum()
    }
}

fn find<'a>(slots: &'a Slots, credentials: &Credentials) -> Option<&'a Arc<Slot>> {
    slots.get(&fingerprint(credentials))?.iter().find(|(key, _)| key.matches(credentials)).map(|(_, slot)| slot)
}

/// Drops the entry whose token is gone or expires first. No LRU: that would need a write
/// on every read.
fn evict_one(slots: &mut Slots) {
    let victim = slots
        .iter()
        .flat_map(|(hash, entries)| {
            entries.iter().enumerate().map(move |(i, (_, slot))| (*hash, i, slot.usable_until()))
        })
        .min_by_key(|(_, _, until)| until.unwrap_or_default())
        .map(|(hash, i, _)| (hash, i));
    if let Some((hash, i)) = victim {
        let entries = slots.get_mut(&hash).expect("victim's bucket exists");
        entries.remove(i);
        if entries.is_empty() {
            slots.remove(&hash);
        }
    }
}
