//! The shared store for Kotlin, Swift and Python: a Redis URL, handed to a token manager.

use super::config::Config;
use super::error::VippsAuthError;
use super::token_manager::TokenManager;
use crate::{store, token};
use std::sync::Arc;
use std::time::Duration;

/// Redis (6 or later) or Valkey, shared by every process of a fleet.
#[derive(Debug, uniffi::Object)]
pub struct RedisStore {
    pub(crate) inner: Arc<store::RedisStore>,
}

#[uniffi::export]
impl RedisStore {
    /// `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS). Nothing is connected
    /// until first use; `timeout_ms` bounds each command (50 ms by default).
    #[uniffi::constructor(default(timeout_ms = None))]
    pub fn new(url: String, timeout_ms: Option<i64>) -> Result<Arc<Self>, VippsAuthError> {
        let mut redis = store::RedisStore::new(&url)?;
        if let Some(millis) = timeout_ms {
            let millis = u64::try_from(millis)
                .ok()
                .filter(|m| *m > 0)
                .ok_or_else(|| crate::Error::config("timeout_ms", "a store timeout of at least 1 ms"))?;
            redis = redis.with_timeout(Duration::from_millis(millis));
        }
        Ok(Arc::new(RedisStore { inner: Arc::new(redis) }))
    }
}

// Its own block: UniFFI does not carry a `cfg` on a single method of an exported block.
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
