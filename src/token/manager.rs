//! The public face of machine tokens: ask for a token, get a cached one when it is good.

use super::access_token::AccessToken;
use super::cache::TokenCache;
use super::clock;
use super::endpoint::fetch;
use super::slot::Lookup;
use crate::config::{Config, Credentials};
use crate::error::Result;
use crate::http::{runtime, Http};

/// Distinct credentials (client_id, MSN, endpoint kind) cached at most, by default.
pub const DEFAULT_CAPACITY: usize = 1024;

/// Fetches and caches machine access tokens for one environment.
///
/// Cheap to clone; clones share the cache. Share one manager across the whole process:
/// concurrent callers on a cold or expired cache share one request, and a token due for
/// refresh is still served while one caller fetches the next.
#[derive(Clone)]
pub struct TokenManager {
    http: Http,
    cache: std::sync::Arc<TokenCache>,
}

impl TokenManager {
    pub fn new(config: Config) -> Result<Self> {
        Self::with_capacity(config, DEFAULT_CAPACITY)
    }

    pub fn with_capacity(config: Config, capacity: usize) -> Result<Self> {
        Ok(TokenManager { http: Http::new(&config)?, cache: std::sync::Arc::new(TokenCache::new(capacity)) })
    }

    /// A valid token for these credentials, from the cache when possible.
    pub async fn access_token(&self, credentials: &Credentials) -> Result<AccessToken> {
        if let Some(token) = self.cached_token(credentials) {
            return Ok(token);
        }
        let slot = self.cache.slot(credentials);
        slot.wait(self.fetcher(credentials)).await
    }

    /// The same as [`access_token`](Self::access_token) for plain threads. From inside an
    /// async runtime it returns a configuration error instead of blocking the runtime.
    pub fn access_token_blocking(&self, credentials: &Credentials) -> Result<AccessToken> {
        if let Some(token) = self.cached_token(credentials) {
            return Ok(token);
        }
        runtime::block_on(self.access_token(credentials))?
    }

    /// Forgets the cached token, as after Vipps refused it with 401; the next call fetches.
    pub fn invalidate(&self, credentials: &Credentials) {
        self.cache.with(credentials, |slot| slot.invalidate());
    }

    /// Forgets the cached token and fetches a new one.
    pub async fn refresh(&self, credentials: &Credentials) -> Result<AccessToken> {
        self.invalidate(credentials);
        self.access_token(credentials).await
    }

    /// The base URL this manager talks to.
    pub fn base_url(&self) -> &str {
        self.http.base_url().as_str()
    }

    /// How many credentials have a cache entry.
    pub fn cached_entries(&self) -> usize {
        self.cache.len()
    }

    /// A fresh or stale token without waiting; a stale one triggers a background refresh.
    /// `None` when a call would have to wait for Vipps.
    pub fn cached_token(&self, credentials: &Credentials) -> Option<AccessToken> {
        self.cache.with(credentials, |slot| match slot.lookup(clock::now_coarse()) {
            Lookup::Fresh(token) => Some(token),
            Lookup::Stale(token) => {
                slot.refresh_in_background(self.fetcher(credentials));
                Some(token)
            }
            Lookup::Missing => None,
        })?
    }

    fn fetcher(
        &self,
        credentials: &Credentials,
    ) -> impl std::future::Future<Output = Result<super::Grant>> + Send + 'static {
        let http = self.http.clone();
        let credentials = credentials.clone();
        async move { fetch(&http, &credentials).await }
    }
}

impl std::fmt::Debug for TokenManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenManager")
            .field("base_url", &self.base_url())
            .field("cached_entries", &self.cached_entries())
            .finish()
    }
}
