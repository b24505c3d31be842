//! However many callers arrive at a cold cache, Vipps sees one request.

mod common;
use common::*;
use std::sync::{Arc, Barrier};
use vipps_auth::ErrorCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_async_callers_one_request() {
    let emulator = emulator();
    // A slow answer keeps the door open for every caller to pile up behind the first.
    emulator.inject(Fault { delay_ms: 200, status: None, ..Fault::status(STANDARD, 200, 1) });
    let tokens = manager(&emulator);
    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let (tokens, keys) = (tokens.clone(), merchant());
            tokio::spawn(async move { tokens.access_token(&keys).await })
        })
        .collect();
    let mut values = std::collections::HashSet::new();
    for call in calls {
        values.insert(call.await.unwrap().unwrap().value().to_owned());
    }
    assert_eq!(values.len(), 1, "all callers got the same token");
    assert_eq!(emulator.count(STANDARD), 1);
}

#[test]
fn threads_share_one_request_too() {
    let emulator = emulator();
    emulator.inject(Fault { delay_ms: 200, status: None, ..Fault::status(SPECIALIZED, 200, 1) });
    let tokens = manager(&emulator);
    let start = Arc::new(Barrier::new(32));
    let threads: Vec<_> = (0..32)
        .map(|_| {
            let (tokens, start) = (tokens.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                tokens.access_token_blocking(&specialized()).unwrap()
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(emulator.count(SPECIALIZED), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn waiters_share_a_failure_too() {
    let emulator = emulator();
    emulator.inject(Fault { delay_ms: 200, ..Fault::status(STANDARD, 401, 1) });
    let tokens = manager(&emulator);
    let calls: Vec<_> = (0..200)
        .map(|_| {
            let (tokens, keys) = (tokens.clone(), merchant());
            tokio::spawn(async move { tokens.access_token(&keys).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap_err().code(), ErrorCode::ServerRefused);
    }
    assert_eq!(emulator.count(STANDARD), 1, "one refusal, shared by all waiters");
}

#[tokio::test]
async fn a_caller_that_gives_up_does_not_cancel_the_request() {
    let emulator = emulator();
    emulator.inject(Fault { delay_ms: 300, status: None, ..Fault::status(STANDARD, 200, 1) });
    let tokens = manager(&emulator);
    let impatient = tokio::time::timeout(std::time::Duration::from_millis(50), tokens.access_token(&merchant())).await;
    assert!(impatient.is_err(), "the caller timed out");
    let token = tokens.access_token(&merchant()).await.unwrap();
    assert!(!token.value().is_empty());
    assert_eq!(emulator.count(STANDARD), 1, "the second caller joined the first request");
}
