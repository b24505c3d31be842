//! `POST /accesstoken/get` against the emulator: success, caching, headers, refusals.

mod common;
use common::*;
use vipps_auth::{ErrorCode, SystemInfo, TokenManager};

#[tokio::test]
async fn fetches_then_serves_from_cache() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    let first = tokens.access_token(&merchant()).await.unwrap();
    let second = tokens.access_token(&merchant()).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(first.token_type(), "Bearer");
    assert_eq!(emulator.count(STANDARD), 1);
    let left = first.expires_in().as_secs();
    assert!((3590..=3600).contains(&left), "expiry from expires_in: {left}");
    assert!(jwt_exp(first.value()).abs_diff(now_epoch() + 3600) <= 2);
}

#[tokio::test]
async fn reads_numeric_expiry_too() {
    let emulator = emulator_with(EmulatorConfig { numeric_expiry: true, ..Default::default() });
    let token = manager(&emulator).access_token(&merchant()).await.unwrap();
    assert!(token.expires_in().as_secs() >= 3590);
}

#[tokio::test]
async fn sends_msn_and_system_headers_but_logs_no_credentials() {
    let emulator = emulator();
    let mut config = config_for(&emulator);
    config.system = SystemInfo {
        name: Some("shop".into()),
        version: Some("1.2".into()),
        plugin_name: Some("plug".into()),
        plugin_version: Some("3".into()),
    };
    TokenManager::new(config).unwrap().access_token(&merchant()).await.unwrap();
    let request = &emulator.requests()[0];
    let headers: Vec<(&str, &str)> = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        headers,
        [
            ("Merchant-Serial-Number", "123456"),
            ("Vipps-System-Name", "shop"),
            ("Vipps-System-Plugin-Name", "plug"),
            ("Vipps-System-Plugin-Version", "3"),
            ("Vipps-System-Version", "1.2"),
        ]
    );
}

#[tokio::test]
async fn invalidate_makes_the_next_call_fetch() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    let first = tokens.access_token(&merchant()).await.unwrap();
    tokens.invalidate(&merchant());
    let second = tokens.access_token(&merchant()).await.unwrap();
    assert_ne!(first, second);
    assert_eq!(emulator.count(STANDARD), 2);
    tokens.refresh(&merchant()).await.unwrap();
    assert_eq!(emulator.count(STANDARD), 3);
}

#[tokio::test]
async fn each_refusal_is_typed_with_a_hint() {
    let emulator = emulator();
    let tokens = manager(&emulator);
    let cases = [
        (merchant_with("wrong-secret", "emu-subscription-key"), 401, Some("invalid_client"), "do not match"),
        (merchant_with("emu-client-secret", "wrong-key"), 401, None, "test keys work only"),
    ];
    for (credentials, status, error, hint) in cases {
        let err = tokens.access_token(&credentials).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::ServerRefused, "{err}");
        let server = err.server_error().unwrap();
        assert_eq!(server.status, status);
        assert_eq!(server.error.as_deref(), error);
        assert!(err.hint().contains(hint), "{}", err.hint());
    }
    let unknown = vipps_auth::MerchantCredentials::new("someone-else", "s", "emu-subscription-key", None).unwrap();
    let err = tokens.access_token(&unknown.into()).await.unwrap_err();
    assert_eq!(err.server_error().unwrap().error.as_deref(), Some("unauthorized_client"));
    assert!(err.hint().contains("test keys used against production"), "{}", err.hint());

    let wrong_msn = vipps_auth::MerchantCredentials::new(
        "emu-client-id",
        "emu-client-secret",
        "emu-subscription-key",
        Some("999999".into()),
    )
    .unwrap();
    let err = tokens.access_token(&wrong_msn.into()).await.unwrap_err();
    assert_eq!(err.server_error().unwrap().status, 403);
    assert!(err.hint().contains("Merchant-Serial-Number"), "{}", err.hint());
    assert_eq!(emulator.count(STANDARD), 4, "refusals are not retried");
}

#[tokio::test]
async fn a_missing_subscription_key_gets_the_apim_answer() {
    let emulator = emulator();
    emulator.inject(Fault {
        body: Some(r#"{"statusCode":401,"message":"Access denied due to missing subscription key."}"#.into()),
        ..Fault::status(STANDARD, 401, 1)
    });
    let err = manager(&emulator).access_token(&merchant()).await.unwrap_err();
    assert!(err.hint().contains("Ocp-Apim-Subscription-Key"), "{}", err.hint());
}
