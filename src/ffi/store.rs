//! The shared store for Kotlin, Swift and Python: a Redis URL, handed to a token manager or
//! a login client. The phone builds (no `redis` feature) have the same API, so that one set
//! of bindings serves both; there making a store is a configuration error.

use super::config::Config;
use super::error::VippsAuthError;
use super::token_manager::TokenManager;
use crate::{store, token};
use std::sync::Arc;
use std::time::Duration;

/// Redis (6 or later) or Valkey, shared by every process of a fleet.
#[derive(uniffi::Object)]
pub struct RedisStore {
    pub(crate) inner: Arc<dyn store::Store>,
}

#[uniffi::export]
impl RedisStore {
    /// `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS). Nothing is connected
    /// until first use; `timeout_ms` bounds each command (50 ms by default).
    #[uniffi::constructor(default(timeout_ms = None))]
    pub fn new(url: String, timeout_ms: Option<i64>) -> Result<Arc<Self>, VippsAuthError> {
        let timeout = match timeout_ms {
            Some(millis) => u64::try_from(millis)
                .ok()
                .filter(|m| *m > 0)
                .map(Duration::from_millis)
                .ok_or_else(|| crate::Error::config("timeout_ms", "a store timeout of at least 1 ms"))?,
            None => DEFAULT_TIMEOUT,
        };
        Ok(Arc::new(RedisStore { inner: redis(&url, timeout)? }))
    }
}

#[cfg(feature = "redis")]
const DEFAULT_TIMEOUT: Duration = store::DEFAULT_STORE_TIMEOUT;
#[cfg(not(feature = "redis"))]
const DEFAULT_TIMEOUT: Duration = Duration::from_millis(50);

#[cfg(feature = "redis")]
fn redis(url: &str, timeout: Duration) -> crate::Result<Arc<dyn store::Store>> {
    Ok(Arc::new(store::RedisStore::new(url)?.with_timeout(timeout)))
}

#[cfg(not(feature = "redis"))]
fn redis(_url: &str, _timeout: Duration) -> crate::Result<Arc<dyn store::Store>> {
    Err(crate::Error::config("store", "this build has no Redis store (the phone builds leave it out)"))
}

#[uniffi::export]
impl TokenManager {
    /// A manager sharing tokens through `store` with every process of the fleet that uses the
    /// same keys: one token request per credential per refresh, fleet-wide. Keys in the
    /// store start with `prefix`.
    #[uniffi::constructor(default(prefix = "vipps-auth:"))]
    pub fn with_store(
        config: Arc<Config>,
        store: Arc<RedisStore>,
        prefix: String,
    ) -> Result<Arc<Self>, VippsAuthError> {
        let inner = token::TokenManager::new(config.inner.clone())?.with_store(store.inner.clone(), &prefix);
        Ok(Arc::new(TokenManager { inner }))
    }
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedisStore")
    }
}
