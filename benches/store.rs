//! The shared store's costs and gains, against a real `redis-server` and the in-process
//! emulator: the cached get with and without a store behind the cache (a hit must not touch
//! Redis); the first token of a fresh manager (a new process's first call, with its own new
//! Redis connection) from a warm Redis, beside a fetch from the emulator and beside a bare
//! Redis GET on a new connection (the floor); the token requests of a cold fleet of 8
//! managers × 32 callers; and a cache miss while Redis is down, beside the same miss without
//! a store. Prints figures; asserts nothing about time. `cargo bench --bench store`.

#[path = "../tests/common/redis_server.rs"]
mod redis_server;

use redis_server::RedisServer;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};
use vipps_auth::store::{RedisStore, Store};
use vipps_auth::{Config, Credentials, Environment, MerchantCredentials, TokenManager};
use vipps_emulator::{Emulator, EmulatorConfig};

const STANDARD: &str = "/accesstoken/get";
const PREFIX: &str = "bench:";

fn keys() -> Credentials {
    MerchantCredentials::new("emu-client-id", "emu-client-secret", "emu-subscription-key", Some("123456".into()))
        .unwrap()
        .into()
}

fn manager(emulator: &Emulator) -> TokenManager {
    TokenManager::new(Config::new(Environment::Custom(emulator.base_url().into()))).unwrap()
}

fn store_at(url: &str) -> Arc<dyn Store> {
    Arc::new(RedisStore::new(url).unwrap().with_timeout(Duration::from_secs(2)))
}

/// The median of `runs` timings of `op`.
fn median(runs: usize, mut op: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| op()).collect();
    times.sort();
    times[runs / 2]
}

/// Median time per borrowed cached get, over 15 batches of `per_batch`.
fn cached_get(tokens: &TokenManager, keys: &Credentials, per_batch: u32) -> Duration {
    median(15, || {
        let began = Instant::now();
        for _ in 0..per_batch {
            black_box(tokens.with_cached_token(keys, |token| token.value().len()));
        }
        began.elapsed() / per_batch
    })
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

fn main() {
    // `cargo test --all-targets` runs this without `--bench`: a smoke run then.
    let benching = std::env::args().any(|arg| arg == "--bench");
    let (per_batch, runs) = if benching { (1_000_000, 101) } else { (1_000, 5) };
    let (redis, emulator) = (RedisServer::start(), Emulator::start(EmulatorConfig::default()).unwrap());
    let store = store_at(&redis.url());
    let keys = keys();
    println!("store: a real redis-server and the in-process emulator");

    let (alone, shared) = (manager(&emulator), manager(&emulator).with_store(Arc::clone(&store), PREFIX));
    alone.access_token_blocking(&keys).unwrap();
    shared.access_token_blocking(&keys).unwrap();
    let (without, with) = (cached_get(&alone, &keys, per_batch), cached_get(&shared, &keys, per_batch));
    println!(
        "  cached get (borrowed): {:.1} ns with a store behind the cache, {:.1} ns without: {:.2}x",
        with.as_secs_f64() * 1e9,
        without.as_secs_f64() * 1e9,
        with.as_secs_f64() / without.as_secs_f64()
    );

    // A fresh process's first call: a new manager and a new store (a new connection).
    let from_redis = median(runs, || {
        let fresh = manager(&emulator).with_store(store_at(&redis.url()), PREFIX);
        let began = Instant::now();
        fresh.access_token_blocking(&keys).unwrap();
        began.elapsed()
    });
    let before = emulator.count(STANDARD);
    let fetched = median(runs, || {
        let fresh = manager(&emulator);
        let began = Instant::now();
        fresh.access_token_blocking(&keys).unwrap();
        began.elapsed()
    });
    assert_eq!(emulator.count(STANDARD) - before, runs, "each fresh manager without a store fetched");
    let bare = median(runs, || {
        let began = Instant::now();
        let mut connection = redis.connection().unwrap();
        let _: Option<Vec<u8>> = redis::cmd("GET").arg("bench:none").query(&mut connection).unwrap();
        began.elapsed()
    });
    println!(
        "  first token of a fresh manager: {:.0} µs from a warm Redis (floor: a bare GET on a new connection {:.0} µs), \
         {:.0} µs fetched from the emulator: {:.1}x faster",
        micros(from_redis),
        micros(bare),
        micros(fetched),
        fetched.as_secs_f64() / from_redis.as_secs_f64()
    );

    let cold = Emulator::start(EmulatorConfig::default()).unwrap();
    let fleet_store = store_at(&redis.url());
    let fleet: Vec<TokenManager> =
        (0..8).map(|_| manager(&cold).with_store(Arc::clone(&fleet_store), "bench-fleet:")).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let began = Instant::now();
    runtime.block_on(async {
        let calls = fleet.iter().flat_map(|tokens| (0..32).map(|_| tokens.access_token(&keys)));
        for token in futures_util::future::join_all(calls).await {
            token.unwrap();
        }
    });
    println!(
        "  cold fleet of 8 managers x 32 callers: {} token request(s), all served in {:.1} ms",
        cold.count(STANDARD),
        began.elapsed().as_secs_f64() * 1e3
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let down = store_at(&format!("redis://127.0.0.1:{port}"));
    let miss = |with_store: bool| {
        median(runs, || {
            let fresh = match with_store {
                true => manager(&emulator).with_store(Arc::clone(&down), PREFIX),
                false => manager(&emulator),
            };
            let began = Instant::now();
            fresh.access_token_blocking(&keys).unwrap();
            began.elapsed()
        })
    };
    let (down_miss, plain_miss) = (miss(true), miss(false));
    println!(
        "  a cache miss with Redis down: {:.0} µs, without a store {:.0} µs (+{:.0} µs)",
        micros(down_miss),
        micros(plain_miss),
        micros(down_miss.saturating_sub(plain_miss))
    );
}
