//! Retries: 5xx, 429 with Retry-After, dropped connections, deadlines; never 400/401.

mod common;
use common::*;
use std::time::{Duration, Instant};
use vipps_auth::ErrorCode;

#[tokio::test]
async fn survives_a_burst_of_503s() {
    let emulator = emulator();
    emulator.inject(Fault::status(STANDARD, 503, 3));
    manager(&emulator).access_token(&merchant()).await.unwrap();
    assert_eq!(statuses(&emulator, STANDARD), [503, 503, 503, 200]);
}

#[tokio::test]
async fn honours_retry_after_on_429() {
    let emulator = emulator();
    emulator.inject(Fault { retry_after: Some(1), ..Fault::status(STANDARD, 429, 1) });
    let start = Instant::now();
    manager(&emulator).access_token(&merchant()).await.unwrap();
    assert!(start.elapsed() >= Duration::from_secs(1), "waited as told: {:?}", start.elapsed());
    assert_eq!(statuses(&emulator, STANDARD), [429, 200]);
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_is_reported_not_slept() {
    let emulator = emulator();
    emulator.inject(Fault { retry_after: Some(120), ..Fault::status(STANDARD, 429, 1) });
    let err = manager(&emulator).access_token(&merchant()).await.unwrap_err();
    let server = err.server_error().unwrap();
    assert_eq!(server.status, 429);
    assert_eq!(server.retry_after, Some(Duration::from_secs(120)));
    assert!(err.hint().contains("Retry-After"));
}

#[tokio::test]
async fn never_retries_invalid_client() {
    let emulator = emulator();
    let err = manager(&emulator).access_token(&merchant_with("bad", "emu-subscription-key")).await.unwrap_err();
    assert_eq!(err.server_error().unwrap().error.as_deref(), Some("invalid_client"));
    assert_eq!(statuses(&emulator, STANDARD), [401]);
    emulator.reset();
    emulator.inject(Fault::status(STANDARD, 400, 1));
    manager(&emulator).access_token(&merchant()).await.unwrap_err();
    assert_eq!(statuses(&emulator, STANDARD), [400]);
}

#[tokio::test]
async fn retries_a_dropped_connection() {
    let emulator = emulator();
    emulator.inject(Fault { drop_connection: true, status: None, ..Fault::status(STANDARD, 0, 2) });
    manager(&emulator).access_token(&merchant()).await.unwrap();
    assert_eq!(statuses(&emulator, STANDARD), [0, 0, 200]);
}

#[tokio::test]
async fn gives_up_at_the_retry_limit_with_the_last_answer() {
    let emulator = emulator();
    emulator.inject(Fault::status(STANDARD, 502, 100));
    let err = manager(&emulator).access_token(&merchant()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerRefused);
    assert_eq!(err.server_error().unwrap().status, 502);
    assert_eq!(emulator.count(STANDARD), 5, "the first attempt and 4 retries");
}

#[tokio::test]
async fn a_slow_server_times_out_as_a_network_error() {
    let emulator = emulator();
    emulator.inject(Fault { delay_ms: 3_000, status: None, ..Fault::status(STANDARD, 0, 10) });
    let mut config = config_for(&emulator);
    config.http.request_timeout = Duration::from_millis(200);
    config.http.total_timeout = Duration::from_millis(700);
    let err = vipps_auth::TokenManager::new(config).unwrap().access_token(&merchant()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Network);
    assert!(matches!(err, vipps_auth::Error::Network { timed_out: true, .. }), "{err:?}");
}

#[tokio::test]
async fn nobody_listening_is_a_network_error() {
    let emulator = emulator();
    let base = emulator.base_url().to_owned();
    let config = config_for(&emulator);
    emulator.stop();
    let mut config = config;
    config.http.total_timeout = Duration::from_millis(500);
    let err = vipps_auth::TokenManager::new(config).unwrap().access_token(&merchant()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Network, "{err}");
    assert!(err.to_string().contains(&format!("{base}{STANDARD}")), "names what failed: {err}");
}

#[tokio::test]
async fn a_retry_after_past_any_clock_ends_the_call_typed_and_the_next_call_gets_a_token() {
    let emulator = emulator();
    let manager = manager(&emulator);
    for seconds in [u64::MAX, 1 << 63] {
        emulator.inject(Fault { retry_after: Some(seconds), ..Fault::status(STANDARD, 503, 1) });
        let started = Instant::now();
        let err = manager.access_token(&merchant()).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::ServerRefused, "{err}");
        assert_eq!(err.server_error().unwrap().retry_after, Some(Duration::from_secs(24 * 3600)), "clamped");
        assert!(started.elapsed() < Duration::from_secs(2), "ended at once, not slept");
        manager.access_token(&merchant()).await.expect("the next call fetches afresh");
        manager.invalidate(&merchant());
    }
}
