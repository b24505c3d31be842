//! Machine tokens shared through a real Redis: what one "process" (a token manager of its
//! own) fetched, another gets with no request; a cold fleet sends one request; what sits in
//! Redis is sealed and bound to its key, and anything else there is ignored and replaced;
//! Redis down means a single process's behaviour.

mod common;
#[path = "common/redis_server.rs"]
mod redis_server;

use common::*;
use futures_util::future::BoxFuture;
use redis_server::RedisServer;
use std::sync::Arc;
use std::time::Duration;
use vipps_auth::store::{RedisStore, Store, StoreResult};
use vipps_auth::{Credentials, MerchantCredentials, TokenManager};

const PREFIX: &str = "test:";

fn process(emulator: &Emulator, store: &Arc<dyn Store>) -> TokenManager {
    manager(emulator).with_store(Arc::clone(store), PREFIX)
}

/// A generous timeout: on a loaded test machine a slow store rightly means fetching alone.
fn store_at(url: &str) -> Arc<dyn Store> {
    Arc::new(RedisStore::new(url).unwrap().with_timeout(Duration::from_secs(2)))
}

fn unit(msn: u32) -> Credentials {
    MerchantCredentials::new(
        format!("emu-client-id-{msn}"),
        format!("emu-client-secret-{msn}"),
        DEFAULT_SUBSCRIPTION_KEY,
        Some(msn.to_string()),
    )
    .unwrap()
    .into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_fetched_by_one_process_is_served_to_another_sealed() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let token = process(&emulator, &store).access_token(&merchant()).await.unwrap();
    let again = process(&emulator, &store).access_token(&merchant()).await.unwrap();
    assert_eq!((token.value(), emulator.count(STANDARD)), (again.value(), 1));
    let entries = redis.entries("*");
    assert_eq!(
        entries.len(),
        1,
        "the value, and no lease left behind: {:?}",
        entries.iter().map(|e| &e.0).collect::<Vec<_>>()
    );
    let (key, value) = &entries[0];
    assert!(key.starts_with("test:token:") && !key.contains("emu-client-id") && !key.contains(DEFAULT_MSN));
    let text = String::from_utf8_lossy(value);
    assert!(!text.contains(token.value()) && !text.contains(&token.value()[..40]), "the token in clear");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_tokens_age_comes_from_the_stores_clock_not_a_hosts() {
    // A writer whose wall clock ran ahead stamps its token as sent later than it was; a reader
    // that trusted the stamp would hand the token out past its refresh point, even past its
    // expiry. The value's time to live in Redis ages it instead: cut to 5 s here, which is
    // what such a token has left.
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let token = process(&emulator, &store).access_token(&merchant()).await.unwrap();
    let lifetime = token.expires_in().as_secs_f64();
    let (key, value) = redis.entries("test:token:*").remove(0);
    redis.set_for(&key, &value, 5_000);
    let read = process(&emulator, &store).access_token(&merchant()).await.unwrap();
    assert_eq!((read.value(), emulator.count(STANDARD)), (token.value(), 1));
    // Fresh for 5 s more, then the last fifth of its lifetime.
    let expected = 5.0 + 0.2 * lifetime;
    let expires_in = read.expires_in().as_secs_f64();
    assert!(
        (expires_in - expected).abs() < 3.0,
        "expires in {expires_in:.0} s, not {expected:.0} s (of {lifetime:.0})"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_processes_of_thirty_two_callers_on_a_cold_fleet_send_one_request() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let fleet: Vec<TokenManager> = (0..8).map(|_| process(&emulator, &store)).collect();
    let keys = merchant();
    let calls = fleet.iter().flat_map(|tokens| (0..32).map(|_| tokens.access_token(&keys)));
    let tokens = futures_util::future::join_all(calls).await;
    assert!(tokens.iter().all(Result::is_ok));
    assert_eq!(emulator.count(STANDARD), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_or_another_credentials_value_is_ignored_and_replaced() {
    let redis = RedisServer::start();
    let emulator = emulator_with(EmulatorConfig { merchants: 2, ..Default::default() });
    let store = store_at(&redis.url());
    process(&emulator, &store).access_token(&unit(100001)).await.unwrap();
    process(&emulator, &store).access_token(&unit(100002)).await.unwrap();
    let entries = redis.entries("test:token:*");
    let (first, second) = (&entries[0], &entries[1]);
    // A value moved to another credential's key does not open there (it is bound to its key
    // and sealed under its own secret), nor does garbage.
    redis.set(&second.0, &first.1);
    redis.set(&first.0, b"garbage");
    for msn in [100001, 100002] {
        process(&emulator, &store).access_token(&unit(msn)).await.unwrap();
    }
    assert_eq!(emulator.count(STANDARD), 4, "both refetched");
    let replaced = redis.entries("test:token:*");
    assert!(replaced.iter().all(|(key, value)| value != b"garbage" && (key != &second.0 || value != &first.1)));
    let before = emulator.count(STANDARD);
    process(&emulator, &store).access_token(&unit(100001)).await.unwrap();
    assert_eq!(emulator.count(STANDARD), before, "the replaced value serves the fleet");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_down_a_process_fetches_for_itself() {
    let emulator = emulator();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let store = store_at(&format!("redis://127.0.0.1:{port}"));
    let tokens = process(&emulator, &store);
    tokens.access_token(&merchant()).await.unwrap();
    tokens.access_token(&merchant()).await.unwrap();
    assert_eq!(emulator.count(STANDARD), 1, "the process's own cache still serves");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_whose_holder_died_frees_itself_and_another_process_fetches() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    // Learn the lease's name from one fetch, then play a holder that died mid-fetch: its
    // lease stays for 1.5 s and no value comes.
    let mut config = config_for(&emulator);
    config.http.total_timeout = Duration::from_secs(1);
    let tokens = || TokenManager::new(config.clone()).unwrap().with_store(Arc::clone(&store), PREFIX);
    tokens().access_token(&merchant()).await.unwrap();
    let (value_key, _) = redis.entries("test:token:*").remove(0);
    redis.delete(&value_key);
    let lease_key = value_key.replace("test:token:", "test:lease:");
    redis.set_for(&lease_key, b"a process that died", 1500);
    let began = std::time::Instant::now();
    tokens().access_token(&merchant()).await.unwrap();
    assert!(began.elapsed() >= Duration::from_millis(1400), "fetched while the lease was held");
    assert_eq!(emulator.count(STANDARD), 2, "one fetch once the lease expired");
}

/// A real store whose first empty read is held until the test lets it go: the moment between
/// a process missing the fleet's value and its asking for the lease.
struct HeldFirstMiss {
    store: Arc<dyn Store>,
    held: std::sync::atomic::AtomicBool,
    go: tokio::sync::Notify,
}

impl Store for HeldFirstMiss {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<Vec<u8>>>> {
        Box::pin(async move {
            let value = self.store.get(key).await?;
            if value.is_none() && !self.held.swap(true, std::sync::atomic::Ordering::SeqCst) {
                self.go.notified().await;
            }
            Ok(value)
        })
    }
    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, StoreResult<Option<Vec<u8>>>> {
        self.store.take(key)
    }
    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Duration) -> BoxFuture<'a, StoreResult<()>> {
        self.store.put(key, value, ttl)
    }
    fn lease<'a>(&'a self, key: &'a str, owner: &'a str, ttl: Duration) -> BoxFuture<'a, StoreResult<bool>> {
        self.store.lease(key, owner, ttl)
    }
    fn release<'a>(&'a self, key: &'a str, owner: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        self.store.release(key, owner)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_that_missed_before_the_holder_wrote_reads_again_once_it_has_the_lease() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let late = Arc::new(HeldFirstMiss { store: store_at(&redis.url()), held: false.into(), go: Default::default() });
    let late_process = process(&emulator, &(Arc::clone(&late) as Arc<dyn Store>));
    let missed = tokio::spawn(async move { late_process.access_token(&merchant()).await });
    while !late.held.load(std::sync::atomic::Ordering::SeqCst) {
        tokio::task::yield_now().await;
    }
    // Another process fetches, writes and frees the lease while the late one is held.
    let token = process(&emulator, &store_at(&redis.url())).access_token(&merchant()).await.unwrap();
    late.go.notify_one();
    assert_eq!(missed.await.unwrap().unwrap().value(), token.value());
    assert_eq!(emulator.count(STANDARD), 1, "the late process fetched a second token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_mid_run_and_started_again_no_caller_sees_an_error() {
    let mut redis = RedisServer::start();
    // Tokens fresh for 2.4 s: the fleet refreshes a few times while Redis is away.
    let emulator = emulator_with(EmulatorConfig { standard_lifetime: Duration::from_secs(3), ..Default::default() });
    let store = store_at(&redis.url());
    let fleet: Arc<Vec<TokenManager>> = Arc::new((0..4).map(|_| process(&emulator, &store)).collect());
    let callers: Vec<_> = (0..4)
        .map(|i| {
            let fleet = Arc::clone(&fleet);
            tokio::spawn(async move {
                let until = std::time::Instant::now() + Duration::from_secs(7);
                while std::time::Instant::now() < until {
                    let token = fleet[i].access_token(&merchant()).await.expect("a caller saw an error");
                    assert!(token.expires_at() > std::time::SystemTime::now(), "an expired token");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    redis.stop();
    tokio::time::sleep(Duration::from_secs(2)).await;
    redis.start_again();
    for caller in callers {
        caller.await.unwrap();
    }
    // Alone, each of 4 processes refreshes about 7 / 2.4 times: the count stays within that.
    let requests = emulator.count(STANDARD);
    assert!((2..=16).contains(&requests), "{requests} token requests");
    // The store reconnected by itself: what the fleet fetched since serves a new process.
    fleet[0].access_token(&merchant()).await.unwrap();
    let before = emulator.count(STANDARD);
    process(&emulator, &store).access_token(&merchant()).await.unwrap();
    assert_eq!(emulator.count(STANDARD), before, "a new process asked Vipps: the store is not back");
}
