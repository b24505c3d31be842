//! Refresh ahead of expiry, and what happens when the refresh fails.

mod common;
use common::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use vipps_auth::ErrorCode;

fn five_second_tokens() -> Emulator {
    emulator_with(EmulatorConfig { standard_lifetime: Duration::from_secs(5), ..Default::default() })
}

#[test]
fn short_tokens_are_refreshed_ahead_and_never_handed_out_expired() {
    let emulator = five_second_tokens();
    let tokens = manager(&emulator);
    let stop = Arc::new(AtomicBool::new(false));
    let callers: Vec<_> = (0..4)
        .map(|_| {
            let (tokens, stop) = (tokens.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut seen = std::collections::HashSet::new();
                while !stop.load(Ordering::Relaxed) {
                    let token = tokens.access_token_blocking(&merchant()).unwrap();
                    // Checked against the server's own expiry claim, not the SDK's arithmetic.
                    let exp = jwt_exp(token.value());
                    assert!(exp > now_epoch(), "handed an expired token");
                    assert!(token.expires_at() > SystemTime::now());
                    seen.insert(token.value().to_owned());
                    std::thread::sleep(Duration::from_millis(10));
                }
                seen.len()
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(11));
    stop.store(true, Ordering::Relaxed);
    let distinct: Vec<usize> = callers.into_iter().map(|c| c.join().unwrap()).collect();
    let fetched = emulator.count(STANDARD);
    assert!((3..=5).contains(&fetched), "about one fetch per 4 s over 11 s, got {fetched}");
    assert!(distinct.iter().all(|&n| n >= 3), "every caller saw the refreshed tokens: {distinct:?}");
}

#[test]
fn a_failed_refresh_keeps_the_good_token_until_it_expires() {
    let emulator = five_second_tokens();
    let mut config = config_for(&emulator);
    config.http.total_timeout = Duration::from_millis(300);
    let tokens = vipps_auth::TokenManager::new(config).unwrap();
    let good = tokens.access_token_blocking(&merchant()).unwrap();
    emulator.inject(Fault::status(STANDARD, 503, 1_000));

    let start = Instant::now();
    let mut last_ok = None;
    let error = loop {
        match tokens.access_token_blocking(&merchant()) {
            Ok(token) => {
                assert_eq!(token, good, "only the last good token is served");
                last_ok = Some(start.elapsed());
            }
            Err(e) => break e,
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the old token must expire eventually");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(error.code(), ErrorCode::ServerRefused);
    assert_eq!(error.server_error().unwrap().status, 503);
    let last_ok = last_ok.expect("the old token was served during the failing refresh");
    // expires_on has whole seconds, so the SDK counts 4-5 s; refresh starts at 80% of that.
    assert!(last_ok > Duration::from_millis(3500), "served through the stale window: {last_ok:?}");
    assert!(jwt_exp(good.value()) >= now_epoch() - 1, "never served past its expiry");
    let failed_attempts = statuses(&emulator, STANDARD).iter().filter(|&&s| s == 503).count();
    assert!(failed_attempts < 40, "failed background refreshes are paced, not hammered: {failed_attempts}");

    emulator.reset();
    assert!(tokens.access_token_blocking(&merchant()).is_ok(), "recovers once Vipps does");
}
