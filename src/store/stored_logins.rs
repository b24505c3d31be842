//! Logins kept in the fleet's store between their start and their completion, so that any
//! instance can complete them and only one does: each is sealed under the client's secrets,
//! named by a keyed hash of its state (or `auth_req_id`), lives as long as the login may be
//! completed, and is taken atomically — a second instance handed the same callback finds
//! nothing. Unlike a token, a login that cannot be kept or taken is an error
//! ([`Error::StoreUnavailable`]): losing one silently would be worse.

use super::{Sealing, Store};
use crate::error::{Error, Result};
use crate::secret::Secret;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// What a kept login is; part of its name, so that one kind is never read as another.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kept {
    /// A browser or app-to-app login's pending part, by its state.
    Pending,
    /// A phone login's redirect variant, by its state.
    PhoneRedirect,
    /// A phone login being polled, with its schedule, by its `auth_req_id`.
    PhoneLogin,
    /// The turn to poll a phone login: a lease, by its `auth_req_id`.
    PhoneTurn,
}

impl Kept {
    fn name(self) -> &'static str {
        match self {
            Kept::Pending => "login",
            Kept::PhoneRedirect => "phone-redirect",
            Kept::PhoneLogin => "phone-login",
            Kept::PhoneTurn => "phone-turn",
        }
    }
}

/// The store and the client's sealing keys.
pub(crate) struct StoredLogins {
    store: Arc<dyn Store>,
    sealing: Sealing,
    /// Who the client is, where: part of every name.
    whose: Vec<u8>,
}

impl StoredLogins {
    /// For a client proven by `secret` and named by `whose` (its client id and environment).
    pub(crate) fn new(store: Arc<dyn Store>, prefix: &str, secret: &[&[u8]], whose: Vec<u8>) -> Self {
        StoredLogins { store, sealing: Sealing::derive(secret, prefix), whose }
    }

    /// Keeps `value` under `id` until `until`.
    pub(crate) async fn keep(&self, kind: Kept, id: &str, value: &Secret, until: SystemTime) -> Result<()> {
        let name = self.name(kind, id);
        let ttl = until.duration_since(SystemTime::now()).unwrap_or_default().max(Duration::from_secs(1));
        let sealed = self.sealing.seal(&name, value.expose().as_bytes());
        self.store.put(&name, &sealed, ttl).await.map_err(|e| unavailable("kept", e))
    }

    /// Takes what is kept under `id`, once across the fleet: `None` when nothing is (already
    /// taken, expired, never kept here) or what is there was not sealed by these keys.
    pub(crate) async fn take(&self, kind: Kept, id: &str) -> Result<Option<Secret>> {
        let name = self.name(kind, id);
        let sealed = self.store.take(&name).await.map_err(|e| unavailable("read", e))?;
        Ok(sealed.and_then(|sealed| self.open(kind, &name, &sealed)))
    }

    /// What is kept under `id`, left there.
    pub(crate) async fn read(&self, kind: Kept, id: &str) -> Result<Option<Secret>> {
        let name = self.name(kind, id);
        let sealed = self.store.get(&name).await.map_err(|e| unavailable("read", e))?;
        Ok(sealed.and_then(|sealed| self.open(kind, &name, &sealed)))
    }

    /// Takes the lease `kind` names for `id`, if free: whether it did.
    pub(crate) async fn lease(&self, kind: Kept, id: &str, owner: &str, ttl: Duration) -> Result<bool> {
        self.store.lease(&self.name(kind, id), owner, ttl).await.map_err(|e| unavailable("leased", e))
    }

    /// Gives the lease back if `owner` still holds it; left to its TTL if the store is away.
    pub(crate) async fn release(&self, kind: Kept, id: &str, owner: &str) {
        let _ = self.store.release(&self.name(kind, id), owner).await;
    }

    fn open(&self, kind: Kept, name: &str, sealed: &[u8]) -> Option<Secret> {
        let opened = self.sealing.open(name, sealed).and_then(|plain| String::from_utf8(plain).ok());
        if opened.is_none() {
            log::warn!("the shared store held a {} that does not open under these keys; ignoring it", kind.name());
        }
        opened.map(Secret::new)
    }

    fn name(&self, kind: Kept, id: &str) -> String {
        self.sealing.name(kind.name(), &[&self.whose, id.as_bytes()])
    }
}

fn unavailable(verb: &str, error: super::StoreError) -> Error {
    Error::StoreUnavailable(format!("the login could not be {verb}: {}", error.0))
}
