//! The public face of machine tokens: ask for a token, get a cached one when it is good.

use super::access_token::AccessToken;
use super::cache::TokenCache;
use super::clock::{self, Tick};
use super::endpoint::fetch;
use super::slot::Lookup;
use crate::config::{Config, Credentials};
use crate::error::Result;
use crate::http::{runtime, Http};
use crate::metrics::{self, Level};
use crate::store::shared_token::SharedTokens;
use crate::store::{FleetKeys, Store};
use std::sync::Arc;
use std::time::Duration;

/// A token and how long it stays fresh, from [`TokenManager::fresh_token`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreshToken {
    pub token: AccessToken,
    /// Until then the cache would return this same token without a request.
    pub fresh_for: Duration,
}

impl FreshToken {
    fn new(token: AccessToken, fresh_until: Option<Tick>) -> Self {
        FreshToken { token, fresh_for: fresh_until.map_or(Duration::ZERO, |until| until.since(clock::now())) }
    }
}

/// Distinct credentials (keys, MSN, endpoint kind) cached at most, by default: a platform
/// acting for 100,000 merchants, each with both kinds of token, fits. The bound is not
/// allocated up front; an entry holding a JWT-sized token costs about 1 KiB.
pub const DEFAULT_CAPACITY: usize = 200_000;

/// Fetches and caches machine access tokens for one environment.
///
/// Cheap to clone; clones share the cache. Share one manager across the whole process:
/// concurrent callers on a cold or expired cache share one request, and a token due for
/// refresh is still served while one caller fetches the next.
#[derive(Clone)]
pub struct TokenManager {
    http: Http,
    cache: Arc<TokenCache>,
    /// The fleet's store behind the cache, when the application gave one.
    shared: Option<Arc<SharedTokens>>,
}

impl TokenManager {
    pub fn new(config: Config) -> Result<Self> {
        Self::with_capacity(config, DEFAULT_CAPACITY)
    }

    /// A manager caching tokens for at most `capacity` distinct credentials. Past that, the
    /// entries least worth keeping make room (spent, then expired, then stale, then unread);
    /// tokens in use are never dropped for a newcomer, which then fetches without being
    /// cached, and a warning is logged once. A capacity of 0 is a configuration error.
    pub fn with_capacity(config: Config, capacity: usize) -> Result<Self> {
        if capacity == 0 {
            return Err(crate::Error::config("capacity", "a token cache holds at least 1 entry"));
        }
        let cache = Arc::new(TokenCache::new(capacity));
        metrics::track_cache(&cache);
        Ok(TokenManager { http: Http::new(&config)?, cache, shared: None })
    }

    /// The same manager sharing tokens with every process that uses `store` (Redis) with
    /// the same keys: on a miss of this process's cache the store is read before Vipps is
    /// asked, and one process per credential fetches at a time. Keys in the store are
    /// prefixed with `prefix` (say `"vipps-auth:"`); values are sealed under the keys' secrets.
    pub fn with_store(mut self, store: Arc<dyn Store>, prefix: &str) -> Self {
        self.shared = Some(Arc::new(SharedTokens::new(store, prefix.to_owned())));
        self
    }

    /// A valid token for these credentials, from the cache when possible.
    pub async fn access_token(&self, credentials: &Credentials) -> Result<AccessToken> {
        Ok(self.fresh_token(credentials).await?.token)
    }

    /// The same as [`access_token`](Self::access_token) for plain threads. From inside an
    /// async runtime it returns a configuration error instead of blocking the runtime.
    pub fn access_token_blocking(&self, credentials: &Credentials) -> Result<AccessToken> {
        if let Some(token) = self.cached_token(credentials) {
            return Ok(token);
        }
        runtime::block_on(self.access_token(credentials))?
    }

    /// A valid token and how long it stays fresh: until then, asking again would return the
    /// same token without a request, so a caller may keep it that long (the bindings' token
    /// sources do). Zero for a stale token: ask again each time, which lets the cache refresh.
    pub async fn fresh_token(&self, credentials: &Credentials) -> Result<FreshToken> {
        let (token, until) = match self.cached(credentials, AccessToken::clone) {
            Some(hit) => hit,
            None => {
                metrics::token_get(Level::Fetched);
                self.cache.slot(credentials).wait(self.fetcher(credentials)).await?
            }
        };
        Ok(FreshToken::new(token, until))
    }

    /// [`fresh_token`](Self::fresh_token) for plain threads; a cached token is served even
    /// from inside an async runtime.
    pub fn fresh_token_blocking(&self, credentials: &Credentials) -> Result<FreshToken> {
        if let Some((token, until)) = self.cached(credentials, AccessToken::clone) {
            return Ok(FreshToken::new(token, until));
        }
        runtime::block_on(self.fresh_token(credentials))?
    }

    /// Runs `read` on the cached token where it lies — no copy, no allocation, no shared
    /// write — when there is a fresh or stale one (a stale one starts a background refresh).
    /// `None` when a call would have to wait for Vipps: then use
    /// [`access_token`](Self::access_token).
    pub fn with_cached_token<R>(&self, credentials: &Credentials, read: impl FnOnce(&AccessToken) -> R) -> Option<R> {
        self.cached(credentials, read).map(|(read, _)| read)
    }

    /// Forgets the cached token, as after Vipps refused it with 401; the next call fetches.
    pub fn invalidate(&self, credentials: &Credentials) {
        self.cache.invalidate(credentials);
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

    /// How many credentials the cache holds at most.
    pub fn capacity(&self) -> usize {
        self.cache.capacity()
    }

    /// A fresh or stale token without waiting; a stale one triggers a background refresh.
    /// `None` when a call would have to wait for Vipps.
    pub fn cached_token(&self, credentials: &Credentials) -> Option<AccessToken> {
        self.with_cached_token(credentials, AccessToken::clone)
    }

    /// `read` on the cached token, and until when it stays fresh (`None`: stale).
    fn cached<R>(&self, credentials: &Credentials, read: impl FnOnce(&AccessToken) -> R) -> Option<(R, Option<Tick>)> {
        self.cache.with(credentials, |slot| match slot.lookup(clock::now_coarse(), read) {
            Lookup::Fresh(read, until) => {
                metrics::token_get(Level::Cached);
                Some((read, Some(until)))
            }
            Lookup::Stale(read) => {
                metrics::token_get(Level::Stale);
                slot.refresh_in_background(self.fetcher(credentials));
                Some((read, None))
            }
            Lookup::Missing => None,
        })?
    }

    fn fetcher(
        &self,
        credentials: &Credentials,
    ) -> impl std::future::Future<Output = Result<super::Grant>> + Send + 'static {
        let (http, credentials, shared) = (self.http.clone(), credentials.clone(), self.shared.clone());
        let named = credentials.metrics_slot();
        let fetched = async move {
            let Some(shared) = shared else { return fetch(&http, &credentials).await };
            let keys = FleetKeys::for_token(&credentials, http.base_url().as_str(), &shared.prefix);
            // The lease outlives the fetch it guards: the call's whole budget and a second.
            let lease = http.options.total_timeout + Duration::from_secs(1);
            shared.fetch_through(&keys, lease, fetch(&http, &credentials)).await
        };
        async move {
            let grant = fetched.await;
            metrics::credential_fetch(named, grant.is_ok());
            if let Err(error) = &grant {
                metrics::token_error(error.code());
            }
            grant
        }
    }
}

impl std::fmt::Debug for TokenManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenManager")
            .field("base_url", &self.base_url())
            .field("cached_entries", &self.cached_entries())
            .field("capacity", &self.capacity())
            .finish()
    }
}
