//! `POST /miami/v1/token`: Basic auth with form-encoded parts, no subscription key.

mod common;
use common::*;
use vipps_auth::{ErrorCode, SpecializedCredentials};

#[tokio::test]
async fn fetches_a_900_second_token() {
    let emulator = emulator();
    let token = manager(&emulator).access_token(&specialized()).await.unwrap();
    let left = token.expires_in().as_secs();
    assert!((890..=900).contains(&left), "{left}");
    assert_eq!(statuses(&emulator, SPECIALIZED), [200], "no subscription key sent: the emulator refuses one");
}

#[tokio::test]
async fn a_secret_with_reserved_characters_works() {
    let secret = "a+b/c=d%e:f g&h";
    let emulator = emulator_with(EmulatorConfig { client_secret: secret.into(), ..Default::default() });
    let keys = SpecializedCredentials::new("emu-client-id", secret, Some("123456".into())).unwrap();
    manager(&emulator).access_token(&keys.into()).await.unwrap();
    assert_eq!(emulator.requests()[0].headers["Merchant-Serial-Number"], "123456");
}

#[tokio::test]
async fn wrong_secret_is_invalid_client() {
    let emulator = emulator();
    let keys = SpecializedCredentials::new("emu-client-id", "nope", None).unwrap();
    let err = manager(&emulator).access_token(&keys.into()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerRefused);
    assert_eq!(err.server_error().unwrap().error.as_deref(), Some("invalid_client"));
    assert_eq!(emulator.count(SPECIALIZED), 1);
}

#[tokio::test]
async fn standard_and_specialized_are_cached_apart() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    let a = tokens.access_token(&merchant()).await.unwrap();
    let b = tokens.access_token(&specialized()).await.unwrap();
    assert_ne!(a, b);
    assert_eq!(tokens.cached_entries(), 2);
}
