//! `vipps-auth demo`: the SDK against the embedded emulator, narrated. Every claim it prints
//! is checked against the emulator's request log; a claim that does not hold fails the demo.

use crate::describe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use vipps_auth::{
    Config, Credentials, Environment, LoginAuth, LoginClient, MerchantCredentials, SystemInfo, TokenManager,
};
use vipps_emulator::{
    Emulator, EmulatorConfig, Fault, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_MSN, DEFAULT_SUBSCRIPTION_KEY,
};

const TOKEN_PATH: &str = "/accesstoken/get";

pub fn run() -> Result<(), String> {
    let emulator = Emulator::start(EmulatorConfig::default()).map_err(|e| e.to_string())?;
    say(&format!("Emulator listening on {} (fake keys: client_id={DEFAULT_CLIENT_ID})", emulator.base_url()));
    let keys = credentials()?;
    let tokens = manager(&emulator)?;

    let started = Instant::now();
    let token = tokens.access_token_blocking(&keys).map_err(describe)?;
    check(emulator.count(TOKEN_PATH) == 1, "the first token takes one request")?;
    step(&format!(
        "Fetched a token ({} chars, {}) in {} ms; valid for {} s",
        token.value().len(),
        token.token_type(),
        started.elapsed().as_millis(),
        token.expires_in().as_secs()
    ));

    let started = Instant::now();
    let again = tokens.access_token_blocking(&keys).map_err(describe)?;
    check(again == token && emulator.count(TOKEN_PATH) == 1, "the second token comes from the cache")?;
    step(&format!("Asked again: same token from the cache in {} µs, no request", started.elapsed().as_micros()));

    tokens.invalidate(&keys);
    emulator.reset();
    let callers = concurrent_callers(&tokens, &keys, 100)?;
    check(emulator.count(TOKEN_PATH) == 1, "100 concurrent callers share one request")?;
    step(&format!("100 concurrent callers on an empty cache: {callers} tokens, 1 request to Vipps"));

    tokens.invalidate(&keys);
    emulator.reset();
    emulator.inject(Fault::status(TOKEN_PATH, 503, 3));
    let started = Instant::now();
    tokens.access_token_blocking(&keys).map_err(describe)?;
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    check(statuses == [503, 503, 503, 200], "three 503s, then success")?;
    step(&format!(
        "The emulator, told to fail, answered 503 three times: retried with backoff, token after {} ms ({statuses:?})",
        started.elapsed().as_millis()
    ));

    crate::demo_login::run(&emulator)?;
    crate::demo_phone::run()?;
    refresh_ahead()?;
    say("Demo finished: every step checked against the emulator's request log.");
    say("Next: the code of each step is in cli/src/demo*.rs. Run `vipps-auth emulator` elsewhere,");
    say("export VIPPS_ENV=<the URL it prints> and its fake keys, and try the README quickstart in your language.");
    Ok(())
}

/// Short-lived tokens: callers keep getting valid tokens while refreshes happen ahead.
fn refresh_ahead() -> Result<(), String> {
    let config = EmulatorConfig { standard_lifetime: Duration::from_secs(3), ..Default::default() };
    let emulator = Emulator::start(config).map_err(|e| e.to_string())?;
    let tokens = manager(&emulator)?;
    let keys = credentials()?;
    let served = Arc::new(AtomicUsize::new(0));
    let until = Instant::now() + Duration::from_secs(7);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (tokens, keys, served) = (tokens.clone(), keys.clone(), served.clone());
            std::thread::spawn(move || -> Result<(), String> {
                while Instant::now() < until {
                    let token = tokens.access_token_blocking(&keys).map_err(describe)?;
                    if token.expires_at() <= SystemTime::now() {
                        return Err("a caller was handed an expired token".into());
                    }
                    served.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(5));
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker.join().map_err(|_| "a caller thread panicked".to_string())??;
    }
    let fetches = emulator.count(TOKEN_PATH);
    check(fetches >= 3, "3-second tokens are refreshed during 7 seconds")?;
    step(&format!(
        "3-second tokens for 7 s: {} tokens served by 4 threads, {fetches} requests, each made ahead of expiry; no caller got an expired token",
        served.load(Ordering::Relaxed)
    ));
    Ok(())
}

fn concurrent_callers(tokens: &TokenManager, keys: &Credentials, n: usize) -> Result<usize, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let calls: Vec<_> = (0..n)
            .map(|_| {
                let (tokens, keys) = (tokens.clone(), keys.clone());
                tokio::spawn(async move { tokens.access_token(&keys).await })
            })
            .collect();
        let mut ok = 0;
        for call in calls {
            call.await.map_err(|e| e.to_string())?.map_err(describe)?;
            ok += 1;
        }
        Ok(ok)
    })
}

fn manager(emulator: &Emulator) -> Result<TokenManager, String> {
    let mut config = Config::new(Environment::Custom(emulator.base_url().into()));
    config.system = SystemInfo {
        name: Some("vipps-auth-demo".into()),
        version: Some(vipps_auth::VERSION.into()),
        ..Default::default()
    };
    TokenManager::new(config).map_err(describe)
}

/// A Login client with the emulator's fake keys, as the Login and phone-login steps use it.
pub(crate) fn login_client(emulator: &Emulator) -> Result<LoginClient, String> {
    let config = Config::new(Environment::Custom(emulator.base_url().into()));
    let auth = LoginAuth::ClientSecretBasic {
        client_id: DEFAULT_CLIENT_ID.into(),
        client_secret: DEFAULT_CLIENT_SECRET.into(),
    };
    LoginClient::new(config, auth).map_err(describe)
}

fn credentials() -> Result<Credentials, String> {
    MerchantCredentials::new(
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        DEFAULT_SUBSCRIPTION_KEY,
        Some(DEFAULT_MSN.into()),
    )
    .map(Into::into)
    .map_err(describe)
}

pub(crate) fn check(holds: bool, claim: &str) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(format!("demo check failed: {claim}"))
    }
}

fn say(line: &str) {
    println!("{line}");
}

pub(crate) fn step(line: &str) {
    println!("  ✓ {line}");
}
