//! The token manager for Kotlin, Swift and Python: one instance per process, shared by every
//! thread and coroutine; concurrent callers on a cold cache share one request.

use super::access_token::AccessToken;
use super::config::Config;
use super::credentials::Credentials;
use super::error::VippsAuthError;
use super::fresh_token::FreshToken;
use crate::token;
use std::fmt;
use std::sync::Arc;

/// Fetches and caches machine access tokens for one environment.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct TokenManager {
    pub(super) inner: token::TokenManager,
}

#[uniffi::export]
impl TokenManager {
    /// An empty cache for the environment of `config`.
    #[uniffi::constructor]
    pub fn new(config: Arc<Config>) -> Result<Arc<Self>, VippsAuthError> {
        Ok(Arc::new(TokenManager { inner: token::TokenManager::new(config.inner.clone())? }))
    }

    /// A cache for at most `capacity` distinct credentials (200,000 by default). Past it,
    /// the entries least worth keeping make room and tokens in use stay; a newcomer that
    /// finds none fetches without being cached. A capacity below 1 is a configuration error.
    #[uniffi::constructor]
    pub fn with_capacity(config: Arc<Config>, capacity: i64) -> Result<Arc<Self>, VippsAuthError> {
        // Negative is refused as zero is, by the core.
        let capacity = usize::try_from(capacity).unwrap_or(0);
        Ok(Arc::new(TokenManager { inner: token::TokenManager::with_capacity(config.inner.clone(), capacity)? }))
    }

    /// A valid token for `credentials`, from the cache when possible (Kotlin `suspend`,
    /// Swift `async`, a Python coroutine).
    pub async fn access_token(&self, credentials: Arc<Credentials>) -> Result<AccessToken, VippsAuthError> {
        Ok(self.inner.access_token(&credentials.inner).await?.into())
    }

    /// The same, blocking the calling thread: for scripts and plain threads. Refused with a
    /// configuration error on one of the SDK's own runtime threads.
    pub fn access_token_blocking(&self, credentials: Arc<Credentials>) -> Result<AccessToken, VippsAuthError> {
        Ok(self.inner.access_token_blocking(&credentials.inner)?.into())
    }

    /// A token and how long it stays fresh: the core of the token sources, which remember
    /// it that long and ask again only after.
    pub async fn fresh_access_token(&self, credentials: Arc<Credentials>) -> Result<FreshToken, VippsAuthError> {
        Ok(self.inner.fresh_token(&credentials.inner).await?.into())
    }

    /// [`fresh_access_token`](Self::fresh_access_token), blocking the calling thread.
    pub fn fresh_access_token_blocking(&self, credentials: Arc<Credentials>) -> Result<FreshToken, VippsAuthError> {
        Ok(self.inner.fresh_token_blocking(&credentials.inner)?.into())
    }

    /// The cached token if there is a good one, without waiting or a request (a stale one
    /// starts a background refresh); `None` when a call would have to wait for Vipps.
    pub fn cached_access_token(&self, credentials: Arc<Credentials>) -> Option<AccessToken> {
        self.inner.cached_token(&credentials.inner).map(Into::into)
    }

    /// Forgets the cached token after Vipps refused it with 401; the next call fetches anew.
    pub fn invalidate(&self, credentials: Arc<Credentials>) {
        self.inner.invalidate(&credentials.inner);
    }

    /// The base URL this manager talks to.
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// How many credentials have a cache entry now.
    pub fn cached_entries(&self) -> i64 {
        i64::try_from(self.inner.cached_entries()).unwrap_or(i64::MAX)
    }

    /// How many credentials the cache holds at most.
    pub fn capacity(&self) -> i64 {
        i64::try_from(self.inner.capacity()).unwrap_or(i64::MAX)
    }
}

impl fmt::Display for TokenManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenManager({}, {} cached)", self.inner.base_url(), self.inner.cached_entries())
    }
}

impl fmt::Debug for TokenManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}
