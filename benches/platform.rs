//! The token cache at platform scale, against the in-process emulator's registered sales
//! units: the first token per merchant at 100, 10,000 and 100,000 merchants (each asked in
//! turn, as a platform warming up would); the requests the next two passes send; the borrowed
//! get with 100,000 merchants cached beside its floor measured in the same run (a std
//! `HashMap` from MSN to token, looked up for the same merchants in the same order, reading
//! the same bytes); and the memory each merchant's entry holds. Prints figures; asserts
//! nothing about time. `cargo bench --bench platform [-- MAX_MERCHANTS]`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};
use vipps_auth::{Config, Credentials, Environment, MerchantCredentials, TokenManager};
use vipps_emulator::{Emulator, EmulatorConfig, FIRST_MERCHANT_MSN};

/// Counts the bytes allocated and not yet freed, for the memory per merchant.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const STANDARD: &str = "/accesstoken/get";

fn unit(i: u32) -> Credentials {
    let msn = FIRST_MERCHANT_MSN + i;
    let keys = MerchantCredentials::new(
        format!("emu-client-id-{msn}"),
        format!("emu-client-secret-{msn}"),
        "emu-subscription-key",
        Some(msn.to_string()),
    );
    keys.unwrap().into()
}

/// What a caller reads of a token: its length and a byte from the middle of its text.
fn read(token: &str) -> usize {
    token.len() + usize::from(token.as_bytes()[token.len() / 2])
}

/// Median time per call of `op(i)` for i = 0, 1, 2, … over 15 batches of `per_batch`.
fn per_call(per_batch: usize, mut op: impl FnMut(usize) -> usize) -> Duration {
    let mut batches: Vec<Duration> = (0..15)
        .map(|_| {
            let began = Instant::now();
            for i in 0..per_batch {
                black_box(op(i));
            }
            began.elapsed() / per_batch as u32
        })
        .collect();
    batches.sort();
    batches[batches.len() / 2]
}

struct Warmed {
    emulator: Emulator,
    tokens: TokenManager,
    units: Vec<Credentials>,
    first_token: Duration,
    next_passes: [usize; 2],
    bytes_per_merchant: isize,
}

/// A manager with a token for each of `n` merchants, asked for one after the other.
fn warm(n: u32) -> Warmed {
    let emulator = Emulator::start(EmulatorConfig { merchants: n, ..Default::default() }).unwrap();
    let units: Vec<Credentials> = (0..n).map(unit).collect();
    let live_before = LIVE.load(Ordering::Relaxed);
    let tokens = TokenManager::new(Config::new(Environment::Custom(emulator.base_url().into()))).unwrap();
    let began = Instant::now();
    for keys in &units {
        tokens.access_token_blocking(keys).unwrap();
    }
    let first_token = began.elapsed() / n;
    let mut next_passes = [0; 2];
    for requests in &mut next_passes {
        let before = emulator.count(STANDARD);
        for keys in &units {
            tokens.access_token_blocking(keys).unwrap();
        }
        *requests = emulator.count(STANDARD) - before;
    }
    // The emulator's request log is not the SDK's memory.
    emulator.reset();
    let bytes_per_merchant = (LIVE.load(Ordering::Relaxed) - live_before) / n as isize;
    Warmed { emulator, tokens, units, first_token, next_passes, bytes_per_merchant }
}

/// The borrowed get and its floor, for the merchants in a scrambled order; with one
/// merchant, the same one each time.
fn gets(warmed: &Warmed) -> (Duration, Duration) {
    let n = warmed.units.len();
    let order: Vec<usize> = (0..n).map(|i| (i * 7919 + 13) % n).collect();
    let floor: HashMap<String, String> = (0..n as u32)
        .map(|i| {
            let token = warmed.tokens.access_token_blocking(&warmed.units[i as usize]).unwrap();
            ((FIRST_MERCHANT_MSN + i).to_string(), token.value().to_owned())
        })
        .collect();
    let msns: Vec<String> = (0..n as u32).map(|i| (FIRST_MERCHANT_MSN + i).to_string()).collect();
    let per_batch = 200_000;
    let sdk = per_call(per_batch, |i| {
        let keys = &warmed.units[order[i % n]];
        warmed.tokens.with_cached_token(keys, |token| read(token.value())).unwrap()
    });
    let bare = per_call(per_batch, |i| read(&floor[&msns[order[i % n]]]));
    (sdk, bare)
}

fn main() {
    // `cargo test --all-targets` runs this without `--bench`: a smoke run then.
    let benching = std::env::args().any(|arg| arg == "--bench");
    let max: u32 =
        std::env::args().skip(1).find_map(|arg| arg.parse().ok()).unwrap_or(if benching { 100_000 } else { 100 });
    println!("platform: one TokenManager, merchants asked in turn against the in-process emulator");
    let mut first_at_100 = None;
    for n in [100, 10_000, 100_000].into_iter().filter(|n| *n <= max) {
        let warmed = warm(n);
        let ratio = first_at_100.get_or_insert(warmed.first_token).as_secs_f64();
        println!(
            "  {n:>7} merchants: first token {:>7.1} µs each ({:.2}x the figure at 100); next passes {:?} requests; \
             {} bytes per merchant",
            warmed.first_token.as_secs_f64() * 1e6,
            warmed.first_token.as_secs_f64() / ratio,
            warmed.next_passes,
            warmed.bytes_per_merchant,
        );
        if n == max.min(100_000) {
            let (sdk, bare) = gets(&warmed);
            println!(
                "  borrowed get, {n} merchants in a scrambled order: {:.1} ns; floor (HashMap<MSN, token>, same \
                 order, same bytes read) {:.1} ns: {:.2}x",
                sdk.as_secs_f64() * 1e9,
                bare.as_secs_f64() * 1e9,
                sdk.as_secs_f64() / bare.as_secs_f64()
            );
        }
        drop(warmed.emulator);
    }
}
