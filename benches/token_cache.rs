//! Token cache costs: a hit from one and two threads, a cold fetch against a bare reqwest
//! POST to the same emulator in the same run, and 1,000 callers on a cold cache.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use vipps_auth::{Config, Credentials, Environment, MerchantCredentials, TokenManager};
use vipps_emulator::{Emulator, EmulatorConfig};

fn setup() -> (Emulator, TokenManager, Credentials) {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let tokens = TokenManager::new(Config::new(Environment::Custom(emulator.base_url().into()))).unwrap();
    let keys =
        MerchantCredentials::new("emu-client-id", "emu-client-secret", "emu-subscription-key", Some("123456".into()))
            .unwrap()
            .into();
    (emulator, tokens, keys)
}

fn cache_hit(c: &mut Criterion) {
    let (_emulator, tokens, keys) = setup();
    tokens.access_token_blocking(&keys).unwrap();
    let mut group = c.benchmark_group("cache_hit");
    group.bench_function("1_thread", |b| b.iter(|| black_box(tokens.access_token_blocking(&keys).unwrap())));
    // Per-op time while two threads read the same entry at once.
    group.bench_function("2_threads", |b| {
        b.iter_custom(|iters| {
            let start = Arc::new(Barrier::new(2));
            let threads: Vec<_> = (0..2)
                .map(|_| {
                    let (tokens, keys, start) = (tokens.clone(), keys.clone(), start.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        let began = Instant::now();
                        for _ in 0..iters {
                            black_box(tokens.access_token_blocking(&keys).unwrap());
                        }
                        began.elapsed()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).max().unwrap()
        })
    });
    group.finish();
}

fn cold_fetch(c: &mut Criterion) {
    let (emulator, tokens, keys) = setup();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let bare = reqwest::Client::new();
    let url = format!("{}/accesstoken/get", emulator.base_url());
    let mut group = c.benchmark_group("cold_fetch");
    group.bench_function(BenchmarkId::new("sdk", "invalidate+get"), |b| {
        b.iter(|| {
            tokens.invalidate(&keys);
            black_box(tokens.access_token_blocking(&keys).unwrap())
        })
    });
    group.bench_function(BenchmarkId::new("bare_reqwest", "post+body"), |b| {
        b.iter(|| {
            runtime.block_on(async {
                let answer = bare
                    .post(&url)
                    .header("client_id", "emu-client-id")
                    .header("client_secret", "emu-client-secret")
                    .header("ocp-apim-subscription-key", "emu-subscription-key")
                    .header("merchant-serial-number", "123456")
                    .body("")
                    .send()
                    .await
                    .unwrap();
                black_box(answer.bytes().await.unwrap())
            })
        })
    });
    group.finish();
    emulator.reset();
}

fn thousand_callers(c: &mut Criterion) {
    let (emulator, tokens, keys) = setup();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut group = c.benchmark_group("cold_cache");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    group.bench_function("1000_callers", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                tokens.invalidate(&keys);
                emulator.reset();
                let began = Instant::now();
                runtime.block_on(async {
                    let calls: Vec<_> = (0..1000)
                        .map(|_| {
                            let (tokens, keys) = (tokens.clone(), keys.clone());
                            tokio::spawn(async move { tokens.access_token(&keys).await.unwrap() })
                        })
                        .collect();
                    for call in calls {
                        call.await.unwrap();
                    }
                });
                total += began.elapsed();
                assert_eq!(emulator.count("/accesstoken/get"), 1, "single flight: exactly one request");
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, cache_hit, cold_fetch, thousand_callers);
criterion_main!(benches);
