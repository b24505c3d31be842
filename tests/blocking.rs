//! Blocking calls from plain threads work; from a runtime thread they fail cleanly.

mod common;
use common::*;
use vipps_auth::ErrorCode;

#[test]
fn from_a_plain_thread() {
    let emulator = emulator();
    let token = manager(&emulator).access_token_blocking(&merchant()).unwrap();
    assert!(!token.value().is_empty());
}

/// A JVM thread has 1 MiB of stack and an iOS one 512 KiB; the work must not depend on it.
#[test]
fn from_a_thread_with_a_small_stack() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    let small = std::thread::Builder::new().stack_size(256 << 10);
    let fetched = std::thread::scope(|scope| {
        small.spawn_scoped(scope, || tokens.access_token_blocking(&merchant())).unwrap().join().unwrap()
    });
    assert!(!fetched.unwrap().value().is_empty());
    assert_eq!(emulator.count(STANDARD), 1);
}

#[tokio::test]
async fn from_a_runtime_thread_is_a_clear_error() {
    let emulator = emulator();
    let err = manager(&emulator).access_token_blocking(&merchant()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Configuration);
    assert!(err.to_string().contains("async API"), "{err}");
    assert_eq!(emulator.count(STANDARD), 0);
}

#[tokio::test]
async fn a_cached_token_is_served_even_there() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    tokens.access_token(&merchant()).await.unwrap();
    assert!(tokens.access_token_blocking(&merchant()).is_ok(), "a cache hit never blocks");
}
