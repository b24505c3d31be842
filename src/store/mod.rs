//! A store that many processes and hosts share — Redis — behind one small trait, so that the
//! token layer never sees Redis itself. The store is an optimisation and a guard, never a
//! single point of failure: each operation has a short timeout, and an error means "do as a
//! single process would".

mod fleet_keys;
#[cfg(feature = "redis")]
mod redis;
mod sealing;
pub(crate) mod shared_token;
mod stored_logins;

pub use fleet_keys::FleetKeys;
#[cfg(feature = "redis")]
pub use redis::{RedisStore, DEFAULT_STORE_TIMEOUT};
pub(crate) use sealing::Sealing;
pub(crate) use stored_logins::{Kept, StoredLogins};

use futures_util::future::BoxFuture;
use std::time::Duration;

/// Why a store operation did not happen: down, refusing, or slower than its timeout. Callers
/// go on without the store.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("store unavailable: {0}")]
pub struct StoreError(pub String);

pub type StoreResult<T> = std::result::Result<T, StoreError>;

/// What the SDK asks of a shared store. Values are opaque bytes (sealed before they get here);
/// keys are opaque text (keyed hashes, never a client id).
pub trait Store: Send + Sync + 'static {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<Vec<u8>>>>;

    /// `key`'s value and how long it has left by the store's own clock, which every host
    /// shares: a shared token's age then does not depend on whose wall clock is right. The
    /// time left is `None` when the store cannot tell (this default, which only `get`s).
    fn get_with_ttl<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<(Vec<u8>, Option<Duration>)>>> {
        Box::pin(async move { Ok(self.get(key).await?.map(|value| (value, None))) })
    }

    /// Takes `key`'s value and deletes it, atomically: of many callers one gets it.
    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<Vec<u8>>>>;

    /// Stores `value` under `key` for `ttl`.
    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Duration) -> BoxFuture<'a, StoreResult<()>>;

    /// Takes `key` for `owner` for `ttl` if nobody holds it (`SET NX PX`): whether it did.
    fn lease<'a>(&'a self, key: &'a str, owner: &'a str, ttl: Duration) -> BoxFuture<'a, StoreResult<bool>>;

    /// Gives `key` back if `owner` still holds it (compare and delete).
    fn release<'a>(&'a self, key: &'a str, owner: &'a str) -> BoxFuture<'a, StoreResult<()>>;
}
