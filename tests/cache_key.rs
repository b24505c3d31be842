//! The cache is keyed by everything that authenticates the request: a wrong secret or
//! subscription key beside a cached token for the same client_id and MSN goes to Vipps and
//! is refused there, and a rotated secret works at once.

mod common;
use common::*;
use vipps_auth::{ErrorCode, MerchantCredentials, SpecializedCredentials};

fn merchant_keys(secret: &str, key: &str) -> vipps_auth::Credentials {
    let c = EmulatorConfig::default();
    MerchantCredentials::new(c.client_id, secret, key, Some(c.msns[0].clone())).unwrap().into()
}

#[tokio::test]
async fn a_wrong_client_secret_never_gets_the_cached_token() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    tokens.access_token(&merchant()).await.unwrap();
    let error = tokens.access_token(&merchant_keys("WRONG", DEFAULT_SUBSCRIPTION_KEY)).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::ServerRefused, "{error}");
    assert!(error.to_string().contains("invalid_client"), "{error}");
    assert_eq!(statuses(&emulator, STANDARD), [200, 401], "the wrong secret reached the emulator");
}

#[tokio::test]
async fn a_wrong_subscription_key_never_gets_the_cached_token() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    tokens.access_token(&merchant()).await.unwrap();
    let error = tokens.access_token(&merchant_keys(DEFAULT_CLIENT_SECRET, "WRONG-SUB")).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::ServerRefused, "{error}");
    assert_eq!(statuses(&emulator, STANDARD), [200, 401]);
}

#[tokio::test]
async fn a_wrong_secret_on_the_specialized_endpoint_never_gets_the_cached_token() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    tokens.access_token(&specialized()).await.unwrap();
    let wrong = SpecializedCredentials::new(DEFAULT_CLIENT_ID, "WRONG", None).unwrap().into();
    assert_eq!(tokens.access_token(&wrong).await.unwrap_err().code(), ErrorCode::ServerRefused);
    assert_eq!(statuses(&emulator, SPECIALIZED), [200, 401]);
}

#[tokio::test]
async fn a_rotated_secret_works_at_once_and_the_old_entry_stays_apart() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    let old = tokens.access_token(&merchant()).await.unwrap();
    emulator.rotate_secret("emu-rotated-secret", "emu-rotated-key");
    let new = tokens.access_token(&merchant_keys("emu-rotated-secret", "emu-rotated-key")).await.unwrap();
    assert_ne!(old, new);
    assert_eq!(statuses(&emulator, STANDARD), [200, 200]);
    assert_eq!(tokens.cached_entries(), 2);
}

#[tokio::test]
async fn the_same_keys_made_twice_share_one_entry() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    tokens.access_token(&merchant()).await.unwrap();
    tokens.access_token(&merchant()).await.unwrap();
    assert_eq!(statuses(&emulator, STANDARD), [200]);
    assert_eq!(tokens.cached_entries(), 1);
}

#[tokio::test]
async fn an_entry_whose_token_expired_unused_ages_out() {
    let lifetime = std::time::Duration::from_secs(2);
    let emulator = emulator_with(EmulatorConfig { standard_lifetime: lifetime, ..Default::default() });
    let tokens = manager(&emulator);
    tokens.access_token(&merchant()).await.unwrap();
    tokio::time::sleep(lifetime + std::time::Duration::from_millis(200)).await;
    emulator.rotate_secret("emu-rotated-secret", "emu-rotated-key");
    tokens.access_token(&merchant_keys("emu-rotated-secret", "emu-rotated-key")).await.unwrap();
    assert_eq!(tokens.cached_entries(), 1, "the old secret's expired entry was dropped");
}
