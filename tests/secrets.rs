//! The client secret, subscription key and tokens never show in errors, Debug or logs.

mod common;
use common::*;
use vipps_auth::{Config, Environment, MerchantCredentials, TokenManager};

const SECRET: &str = "very-secret-client-secret-4711";
const KEY: &str = "very-secret-subscription-key-0815";

#[tokio::test(flavor = "multi_thread")]
async fn secrets_stay_out_of_errors_debug_and_logs() {
    capture_logs();
    let emulator = emulator();
    let tokens = manager(&emulator);
    let keys: vipps_auth::Credentials = MerchantCredentials::new("emu-client-id", SECRET, KEY, None).unwrap().into();
    let mut seen = vec![format!("{keys:?}"), format!("{tokens:?}")];

    // Refused (the server even echoes the secret back), then retried 5xx, then garbage.
    emulator.inject(Fault {
        body: Some(format!(
            r#"{{"error":"invalid_client","error_description":"secret {SECRET} and key {KEY} rejected"}}"#
        )),
        ..Fault::status(STANDARD, 401, 1)
    });
    emulator.inject(Fault::status(STANDARD, 503, 100));
    for _ in 0..2 {
        let err = tokens.access_token(&keys).await.unwrap_err();
        seen.push(format!("{err} {err:?} {}", err.hint()));
    }
    emulator.reset();
    let good = tokens.access_token(&merchant()).await.unwrap();
    seen.push(format!("{good:?}"));
    let config_err =
        TokenManager::new(Config::new(Environment::Custom(format!("http://example.com/{SECRET}")))).unwrap_err();
    seen.push(config_err.to_string());
    let bad_key = MerchantCredentials::new("id", format!("{SECRET}\n"), KEY, None).unwrap_err();
    seen.push(format!("{bad_key} {bad_key:?}"));
    seen.push(captured_logs());

    let everything = seen.join("\n");
    assert!(everything.contains("<redacted>"), "the echo was scrubbed, not dropped");
    assert!(everything.contains("retry"), "logs were captured: {everything}");
    for secret in [SECRET, KEY, good.value()] {
        // The config error quotes the URL the user typed; nothing else may carry a secret.
        let leaks = everything.lines().filter(|l| l.contains(secret) && !l.contains("http://example.com/")).count();
        assert_eq!(leaks, 0, "leaked {secret}: {everything}");
    }
}
