//! What the log says must be what happened.

mod common;
use common::*;

#[tokio::test]
async fn a_failed_first_fetch_does_not_claim_a_current_token() {
    capture_logs();
    let emulator = emulator();
    emulator.inject(Fault::status(STANDARD, 400, 1));
    manager(&emulator).access_token(&merchant()).await.unwrap_err();
    let logs = captured_logs();
    assert!(logs.contains("there is no token yet"), "{logs}");
    assert!(!logs.contains("serving the current token"), "{logs}");
}
