//! The token cache at platform scale, against the in-process emulator's registered sales
//! units: the first token per merchant at 100, 10,000 and 100,000 merchants (each asked in
//! turn, as a platform warming up would); the requests the next two passes send; the borrowed
//! get with 100,000 merchants cached beside its floor measured in the same run (a std
//! `HashMap` from MSN to token, looked up for the same merchants in the same order, reading
//! the same bytes); and the memory each merchant's entry holds. Then 10,000 partner logins
//! across 1,000 merchants through one login client (the requests each endpoint saw, and the
//! time of `complete` beside a bare exchange POST), and 1,000 phone logins at once (all
//! complete, no `slow_down`, memory per pending phone login). Prints figures; asserts nothing
//! about time. `cargo bench --bench platform [-- MAX_MERCHANTS]`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};
use vipps_auth::phone::WaitStatus;
use vipps_auth::{
    AuthorizeRequest, Cancellation, Config, Credentials, Environment, LoginAuth, LoginClient, LoginOutcome,
    MerchantCredentials, PhoneLogin, PhoneLoginOutcome, PhoneLoginRequest, PhoneNumber, Scopes, TokenManager,
};
use vipps_emulator::{Emulator, EmulatorConfig, PhoneLoginConfig, FIRST_MERCHANT_MSN, FIRST_USER_PHONE};

#[path = "common/bare_post.rs"]
mod bare_post;

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
const DISCOVERY: &str = "/access-management-1.0/access/.well-known/openid-configuration";
const JWKS: &str = "/access-management-1.0/access/.well-known/jwks.json";
const TOKEN_ENDPOINT: &str = "/access-management-1.0/access/oauth2/token";
const REDIRECT_URI: &str = "https://example.com/app/callback";

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
    let (logins, merchants, phones) = if benching { (10_000, 1_000, 1_000) } else { (20, 5, 5) };
    partner_logins(logins, merchants);
    phone_logins(phones);
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// `logins` partner logins, one after the other, over `merchants` merchants through one
/// client; then as many bare exchange POSTs of default-client logins, for the floor.
fn partner_logins(logins: u32, merchants: u32) {
    let emulator = Emulator::start(EmulatorConfig { merchants, ..Default::default() }).unwrap();
    let config = Config::new(Environment::Custom(emulator.base_url().into()));
    let keys = MerchantCredentials::new(
        vipps_emulator::DEFAULT_PARTNER_CLIENT_ID,
        vipps_emulator::DEFAULT_PARTNER_CLIENT_SECRET,
        vipps_emulator::DEFAULT_PARTNER_SUBSCRIPTION_KEY,
        None,
    )
    .unwrap();
    let client = LoginClient::new(config, LoginAuth::Partner { keys }).unwrap();
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let runtime = runtime();
    let mut completing = Duration::ZERO;
    for i in 0..logins {
        let msn = (FIRST_MERCHANT_MSN + i % merchants).to_string();
        let request = AuthorizeRequest::new(REDIRECT_URI, Scopes::parse("name").unwrap()).for_merchant(&msn);
        runtime.block_on(async {
            let authorization = client.authorize(&request).await.unwrap();
            let answer = browser.get(&authorization.url).send().await.unwrap();
            let callback = answer.headers()["location"].to_str().unwrap().to_owned();
            let began = Instant::now();
            let outcome = client.complete(&authorization.pending, &callback, false).await.unwrap();
            completing += began.elapsed();
            assert!(matches!(outcome, LoginOutcome::Completed(_)));
        });
    }
    let bare = bare_exchanges(&emulator, &runtime, logins.min(1_000));
    println!(
        "  {logins} partner logins over {merchants} merchants, one client: {} discovery, {} JWKS, {} partner-token \
         requests; complete {:.2} ms each, a bare exchange POST {:.2} ms ({:.2}x)",
        emulator.count(DISCOVERY),
        emulator.count(JWKS),
        emulator.count(STANDARD),
        completing.as_secs_f64() * 1e3 / f64::from(logins),
        bare.as_secs_f64() * 1e3,
        completing.as_secs_f64() / f64::from(logins) / bare.as_secs_f64(),
    );
}

/// The mean time of a bare reqwest POST of a login's code exchange (the default client's
/// keys, HTTP Basic), over `count` logins.
fn bare_exchanges(emulator: &Emulator, runtime: &tokio::runtime::Runtime, count: u32) -> Duration {
    let auth =
        LoginAuth::ClientSecretBasic { client_id: "emu-client-id".into(), client_secret: "emu-client-secret".into() };
    let client = LoginClient::new(Config::new(Environment::Custom(emulator.base_url().into())), auth).unwrap();
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let bare = reqwest::Client::new();
    let endpoint = format!("{}{TOKEN_ENDPOINT}", emulator.base_url());
    let mut spent = Duration::ZERO;
    for _ in 0..count {
        runtime.block_on(async {
            let request = AuthorizeRequest::new(REDIRECT_URI, Scopes::parse("name").unwrap());
            let authorization = client.authorize(&request).await.unwrap();
            let answer = browser.get(&authorization.url).send().await.unwrap();
            let callback = url::Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
            let code = callback.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
            let form = form_urlencoded::Serializer::new(String::new())
                .append_pair("grant_type", "authorization_code")
                .append_pair("code", &code)
                .append_pair("redirect_uri", REDIRECT_URI)
                .append_pair("code_verifier", &verifier_of(&authorization.pending))
                .finish();
            let began = Instant::now();
            black_box(bare_post::bare_post(&bare, &endpoint, form).await);
            spent += began.elapsed();
        });
    }
    spent / count
}

/// The verifier inside a pending login, read from its stored form (the bench only).
fn verifier_of(pending: &vipps_auth::PendingLogin) -> String {
    use base64::Engine;
    let stored = pending.serialize();
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(stored.expose().trim_start_matches("vipps-login.v1."))
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&json).unwrap()["verifier"].as_str().unwrap().to_owned()
}

/// `count` phone logins started and waited for at once, one per registered user (interval
/// 1 s, approval after 2 s): how many completed, how many polls met `slow_down`, and the
/// memory of a pending phone login (restored from its stored form, so only the SDK's).
fn phone_logins(count: u32) {
    let phone_login = PhoneLoginConfig {
        interval: Duration::from_secs(1),
        approval_delay: Duration::from_secs(2),
        ..Default::default()
    };
    let emulator = Emulator::start(EmulatorConfig { users: count, phone_login, ..Default::default() }).unwrap();
    let auth =
        LoginAuth::ClientSecretBasic { client_id: "emu-client-id".into(), client_secret: "emu-client-secret".into() };
    let client = LoginClient::new(Config::new(Environment::Custom(emulator.base_url().into())), auth).unwrap();
    let runtime = runtime();
    let began = Instant::now();
    let logins: Vec<PhoneLogin> = runtime.block_on(futures_util::future::join_all((0..u64::from(count)).map(|i| {
        let phone = PhoneNumber::parse(&format!("+{}", FIRST_USER_PHONE + i)).unwrap();
        let client = client.clone();
        async move {
            client.start_phone_login(&PhoneLoginRequest::new(phone, Scopes::parse("name").unwrap())).await.unwrap()
        }
    })));
    let slowed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let cancel = Cancellation::new();
    let outcomes = runtime.block_on(futures_util::future::join_all(logins.iter().map(|login| {
        let slowed = slowed.clone();
        client.wait_for_phone_login(login, false, &cancel, move |progress| {
            if progress.status == WaitStatus::SlowedDown {
                slowed.fetch_add(1, Ordering::Relaxed);
            }
        })
    })));
    let completed = outcomes.iter().filter(|o| matches!(o, Ok(PhoneLoginOutcome::Completed(_)))).count();
    let stored: Vec<String> = logins.iter().map(|login| login.serialize().expose().to_owned()).collect();
    let live_before = LIVE.load(Ordering::Relaxed);
    let restored: Vec<PhoneLogin> = stored.iter().map(|text| PhoneLogin::restore(text).unwrap()).collect();
    let per_login = (LIVE.load(Ordering::Relaxed) - live_before) / count as isize;
    println!(
        "  {count} phone logins at once: {completed} completed in {:.1} s, {} polls met slow_down; {per_login} bytes \
         per pending phone login",
        began.elapsed().as_secs_f64(),
        slowed.load(Ordering::Relaxed),
    );
    drop(restored);
}
