//! Every ID-token rule, proven by feeding the attack through the emulator (which tampers with
//! the next ID token it issues) and expecting that rule's own error.

mod common;
use common::*;
use serde_json::json;
use vipps_auth::{Error, IdTokenRule};

async fn refused_by(tampering: serde_json::Value) -> (IdTokenRule, String, Emulator) {
    let emulator = emulator();
    tamper(&emulator, tampering).await;
    let error = browser_login(&login_client(&emulator), "name").await.unwrap_err();
    match error {
        Error::IdToken { rule, detail } => (rule, detail, emulator),
        other => panic!("expected an ID-token error, got {other:?}"),
    }
}

fn now() -> i64 {
    now_epoch() as i64
}

#[tokio::test]
async fn alg_none_is_refused() {
    assert_eq!(refused_by(json!({"signing": "none"})).await.0, IdTokenRule::Algorithm);
}

#[tokio::test]
async fn hs256_signed_with_the_public_key_is_refused() {
    assert_eq!(refused_by(json!({"signing": "hs256_public_key"})).await.0, IdTokenRule::Algorithm);
}

#[tokio::test]
async fn a_bad_signature_is_refused() {
    assert_eq!(refused_by(json!({"signing": "corrupt"})).await.0, IdTokenRule::Signature);
}

#[tokio::test]
async fn es256_with_vipps_ec_key_verifies() {
    let emulator = emulator();
    tamper(&emulator, json!({"signing": "es256"})).await;
    browser_login(&login_client(&emulator), "name").await.unwrap();
}

#[tokio::test]
async fn an_es256_header_on_an_rsa_signature_is_refused() {
    let (rule, _, _) = refused_by(json!({"header": {"alg": "ES256"}})).await;
    assert_eq!(rule, IdTokenRule::Algorithm);
}

#[tokio::test]
async fn an_unknown_kid_refetches_once_then_refuses() {
    let (rule, _, emulator) = refused_by(json!({"signing": "unknown_key"})).await;
    assert_eq!(rule, IdTokenRule::UnknownKey);
    assert_eq!(emulator.count(JWKS), 2, "the first fetch and one refetch");
}

#[tokio::test]
async fn a_burst_of_unknown_kids_makes_one_refetch_within_the_cooldown() {
    let emulator = emulator();
    let client = login_client(&emulator);
    tamper(&emulator, json!({"signing": "unknown_key", "count": 5})).await;
    for _ in 0..5 {
        let error = browser_login(&client, "name").await.unwrap_err();
        assert!(matches!(error, Error::IdToken { rule: IdTokenRule::UnknownKey, .. }), "{error:?}");
    }
    assert_eq!(emulator.count(JWKS), 2, "one fetch, one refetch, then the cooldown");
}

#[tokio::test]
async fn keys_named_by_the_token_itself_are_never_used() {
    let attacker = format!("{}/attacker/jwks.json", emulator().base_url());
    let (rule, _, emulator) = refused_by(json!({
        "signing": "unknown_key",
        "header": {"jku": attacker, "x5u": attacker, "jwk": {"kty": "RSA", "n": "AQAB", "e": "AQAB"}},
    }))
    .await;
    assert_eq!(rule, IdTokenRule::UnknownKey);
    assert!(emulator.requests().iter().all(|r| !r.path.contains("attacker")));
}

#[tokio::test]
async fn a_wrong_issuer_is_refused() {
    let (rule, detail, _) = refused_by(json!({"claims": {"iss": "https://evil.example/"}})).await;
    assert_eq!(rule, IdTokenRule::Issuer, "{detail}");
}

#[tokio::test]
async fn a_wrong_audience_is_refused_as_string_or_array() {
    assert_eq!(refused_by(json!({"claims": {"aud": ["someone-else"]}})).await.0, IdTokenRule::Audience);
    assert_eq!(refused_by(json!({"claims": {"aud": "someone-else"}})).await.0, IdTokenRule::Audience);
}

#[tokio::test]
async fn an_audience_as_a_string_is_accepted() {
    let emulator = emulator();
    tamper(&emulator, json!({"claims": {"aud": DEFAULT_CLIENT_ID}})).await;
    browser_login(&login_client(&emulator), "name").await.unwrap();
}

#[tokio::test]
async fn a_wrong_nonce_is_refused() {
    assert_eq!(refused_by(json!({"claims": {"nonce": "another-login"}})).await.0, IdTokenRule::Nonce);
}

#[tokio::test]
async fn a_missing_sub_is_refused() {
    assert_eq!(refused_by(json!({"claims": {"sub": null}})).await.0, IdTokenRule::Subject);
}

#[tokio::test]
async fn expired_beyond_the_leeway_is_refused_and_within_it_accepted() {
    let (rule, detail, _) = refused_by(json!({"claims": {"exp": now() - 120}})).await;
    assert_eq!(rule, IdTokenRule::Expired);
    assert!(detail.contains("leeway 60 s"), "{detail}");
    let emulator = emulator();
    tamper(&emulator, json!({"claims": {"exp": now() - 30}})).await;
    browser_login(&login_client(&emulator), "name").await.unwrap();
}

#[tokio::test]
async fn issued_in_the_future_is_refused() {
    assert_eq!(refused_by(json!({"claims": {"iat": now() + 600}})).await.0, IdTokenRule::IssuedInFuture);
}

#[tokio::test]
async fn a_time_error_names_the_measured_clock_offset() {
    let emulator = emulator_with(EmulatorConfig { clock_offset_secs: 300, ..Default::default() });
    let error = browser_login(&login_client(&emulator), "name").await.unwrap_err();
    assert!(matches!(error, Error::IdToken { rule: IdTokenRule::IssuedInFuture, .. }), "{error:?}");
    // The Date header has whole seconds: 299 or 300.
    let text = error.to_string();
    assert!(text.contains("this machine's clock is 300 s behind Vipps") || text.contains("is 299 s behind"), "{text}");
}

#[tokio::test]
async fn an_oversized_token_is_refused_before_any_work() {
    let padding = "x".repeat(MAX_ID_TOKEN_BYTES);
    let (rule, _, emulator) = refused_by(json!({"claims": {"padding": padding}})).await;
    assert_eq!(rule, IdTokenRule::TooLarge);
    assert_eq!(emulator.count(JWKS), 0);
}

#[tokio::test]
async fn a_requested_acr_must_come_back() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let mut request = login_request("name");
    request.acr_values = Some(ACR_APP_AUTH.into());
    let authorization = client.authorize(&request).await.unwrap();
    tamper(&emulator, json!({"claims": {"acr": null}})).await;
    let callback = follow(&authorization.url).await;
    let error = client.complete(&authorization.pending, &callback, false).await.unwrap_err();
    assert!(matches!(error, Error::IdToken { rule: IdTokenRule::Acr, .. }), "{error:?}");

    let authorization = client.authorize(&request).await.unwrap();
    let callback = follow(&authorization.url).await;
    let outcome = client.complete(&authorization.pending, &callback, false).await.unwrap();
    let LoginOutcome::Completed(login) = outcome else { panic!("cancelled") };
    assert_eq!(login.claims.acr.as_deref(), Some(ACR_APP_AUTH));
}

#[tokio::test]
async fn a_partner_checks_the_msn_claim() {
    let emulator = emulator();
    let client = LoginClient::new(config_for(&emulator), partner_auth()).unwrap();
    tamper(&emulator, json!({"claims": {"msn": "654321"}})).await;
    let error = browser_login(&client, "name").await.unwrap_err();
    assert!(matches!(error, Error::IdToken { rule: IdTokenRule::Msn, .. }), "{error:?}");
}

#[tokio::test]
async fn userinfo_for_another_sub_is_refused() {
    let emulator = emulator();
    tamper(&emulator, json!({"claims": {"sub": "someone-else"}})).await;
    let error = browser_login(&login_client(&emulator), "name").await.unwrap_err();
    assert_eq!(error.code(), vipps_auth::ErrorCode::Protocol);
    assert!(error.to_string().contains("`sub`"), "{error}");
}

#[tokio::test]
async fn a_key_rotation_is_survived_without_restart() {
    let emulator = emulator();
    let client = login_client(&emulator);
    browser_login(&client, "name").await.unwrap();
    rotate_keys(&emulator).await;
    browser_login(&client, "name").await.unwrap();
    assert_eq!(emulator.count(JWKS), 2, "the rotation made one refetch");
}

#[tokio::test]
async fn fifty_concurrent_logins_across_a_key_rotation_all_succeed_with_one_refetch() {
    let emulator = emulator();
    let client = login_client(&emulator);
    browser_login(&client, "name").await.unwrap();
    rotate_keys(&emulator).await;
    // Each login up to the point where its ID token is checked, then all of them at once.
    let mut callbacks = Vec::new();
    for _ in 0..50 {
        let authorization = client.authorize(&login_request("openid")).await.unwrap();
        callbacks.push((authorization.pending, follow(&authorization.url).await));
    }
    // The refetch is slow, so that the other logins meet the new kid while it runs.
    emulator.inject(Fault { delay_ms: 500, status: None, ..Fault::status(JWKS, 0, 1) });
    let logins = callbacks.iter().map(|(pending, callback)| client.complete(pending, callback, false));
    for outcome in futures_util::future::join_all(logins).await {
        outcome.expect("a login that met the new kid while a refetch ran joined it");
    }
    assert_eq!(emulator.count(JWKS), 2, "the first fetch and one refetch for all fifty");
}

#[tokio::test]
async fn a_refetch_that_brings_the_old_keys_does_not_fail_logins_for_the_whole_cooldown() {
    let emulator = emulator();
    let options = LoginOptions { jwks_refetch_cooldown: std::time::Duration::from_secs(10), ..Default::default() };
    let client = LoginClient::with_options(config_for(&emulator), basic_auth(), options).unwrap();
    browser_login(&client, "name").await.unwrap();
    let old_keys = reqwest::get(format!("{}{JWKS}", emulator.base_url())).await.unwrap().text().await.unwrap();
    rotate_keys(&emulator).await;
    // A cache in front of Vipps still serves the old keys to the refetch.
    emulator.inject(Fault { body: Some(old_keys), ..Fault::status(JWKS, 200, 1) });
    let error = browser_login(&client, "name").await.unwrap_err();
    assert!(matches!(error, Error::IdToken { rule: IdTokenRule::UnknownKey, .. }), "{error:?}");
    // A tenth of the cooldown later, not the whole of it, the next login refetches.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    browser_login(&client, "name").await.expect("the rotated keys are fetched");
}
