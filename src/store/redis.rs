//! The store on Redis (6 or later) or Valkey: `redis://` and `rediss://` (TLS) URLs with
//! user and password (ACL) and a database number, as Redis users write them. One connection
//! manager, made on first use and remade after a failure (at most once a second); every
//! command has a timeout (50 ms by default), past which the caller goes on without the store.

use super::{Store, StoreError, StoreResult};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use redis::aio::ConnectionManager;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a store command may take before the caller goes on without it.
pub const DEFAULT_STORE_TIMEOUT: Duration = Duration::from_millis(50);

/// Get and delete in one step (GETDEL, which Redis 6.0 lacks, as a script).
const TAKE: &str =
    "local value = redis.call('get', KEYS[1]); if value then redis.call('del', KEYS[1]) end; return value";

/// A value and its time to live (PTTL, in ms; negative when it has none), in one step.
const GET_WITH_TTL: &str = "return {redis.call('get', KEYS[1]), redis.call('pttl', KEYS[1])}";

/// Compare and delete: gives a lease back only if its owner still holds it.
const RELEASE: &str =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

pub struct RedisStore {
    client: redis::Client,
    timeout: Duration,
    connection: tokio::sync::Mutex<Option<ConnectionManager>>,
    /// No new connection attempt before this instant after one failed.
    next_attempt: Mutex<Option<Instant>>,
}

impl RedisStore {
    /// A store for `url` (`redis://[user:password@]host[:port][/db]`, or `rediss://`). Nothing
    /// is connected until first use, so a Redis that is down now is no error here.
    pub fn new(url: &str) -> crate::Result<Self> {
        let client = redis::Client::open(url)
            .map_err(|e| crate::Error::config("store", format!("not a Redis URL ({})", e.category())))?;
        Ok(RedisStore {
            client,
            timeout: DEFAULT_STORE_TIMEOUT,
            connection: tokio::sync::Mutex::default(),
            next_attempt: Mutex::default(),
        })
    }

    /// The same store with another command timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs `command` within the timeout on the shared connection, made if need be.
    async fn run<T: redis::FromRedisValue>(&self, command: redis::Cmd) -> StoreResult<T> {
        let connection = self.connection().await?;
        let mut connection = connection;
        match tokio::time::timeout(self.timeout, command.query_async::<T>(&mut connection)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(StoreError(format!("Redis refused ({})", e.category()))),
            Err(_) => Err(StoreError(format!("Redis took longer than {} ms", self.timeout.as_millis()))),
        }
    }

    /// The connection manager (it reconnects by itself once made); made on first use.
    async fn connection(&self) -> StoreResult<ConnectionManager> {
        let mut connection = self.connection.lock().await;
        if let Some(made) = &*connection {
            return Ok(made.clone());
        }
        let now = Instant::now();
        if self.next_attempt.lock().unwrap_or_else(|p| p.into_inner()).is_some_and(|at| now < at) {
            return Err(StoreError("Redis was unreachable moments ago".into()));
        }
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.timeout.max(Duration::from_millis(500))))
            .set_response_timeout(Some(self.timeout))
            .set_number_of_retries(1);
        match self.client.get_connection_manager_with_config(config).await {
            Ok(made) => Ok(connection.insert(made).clone()),
            Err(e) => {
                *self.next_attempt.lock().unwrap_or_else(|p| p.into_inner()) = Some(now + Duration::from_secs(1));
                Err(StoreError(format!("cannot reach Redis ({})", e.category())))
            }
        }
    }
}

impl Store for RedisStore {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<Vec<u8>>>> {
        self.run(redis::cmd("GET").arg(key).clone()).boxed()
    }

    fn get_with_ttl<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<(Vec<u8>, Option<Duration>)>>> {
        let command = redis::cmd("EVAL").arg(GET_WITH_TTL).arg(1).arg(key).clone();
        async move {
            let (value, millis) = self.run::<(Option<Vec<u8>>, i64)>(command).await?;
            Ok(value.map(|value| (value, u64::try_from(millis).ok().map(Duration::from_millis))))
        }
        .boxed()
    }

    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<Vec<u8>>>> {
        self.run(redis::cmd("EVAL").arg(TAKE).arg(1).arg(key).clone()).boxed()
    }

    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Duration) -> BoxFuture<'a, StoreResult<()>> {
        let millis = ttl.as_millis().max(1) as u64;
        self.run(redis::cmd("SET").arg(key).arg(value).arg("PX").arg(millis).clone()).boxed()
    }

    fn lease<'a>(&'a self, key: &'a str, owner: &'a str, ttl: Duration) -> BoxFuture<'a, StoreResult<bool>> {
        let millis = ttl.as_millis().max(1) as u64;
        let command = redis::cmd("SET").arg(key).arg(owner).arg("NX").arg("PX").arg(millis).clone();
        async move { self.run::<Option<String>>(command).await.map(|set| set.is_some()) }.boxed()
    }

    fn release<'a>(&'a self, key: &'a str, owner: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        let command = redis::cmd("EVAL").arg(RELEASE).arg(1).arg(key).arg(owner).clone();
        async move { self.run::<i64>(command).await.map(drop) }.boxed()
    }
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry a password: only where it points.
        let info = self.client.get_connection_info();
        f.debug_struct("RedisStore").field("address", &info.addr().to_string()).field("timeout", &self.timeout).finish()
    }
}
