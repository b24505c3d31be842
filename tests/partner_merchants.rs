//! One partner login client for all its merchants: the merchant is named per login, the
//! pending login keeps it, and the code exchange, the partner token, the ID token's `msn`
//! check and phone logins all use the merchant the login began for. Against the emulator's
//! registered sales units, which the partner keys may act for.

mod common;
use common::*;
use serde_json::json;
use std::time::Duration;
use vipps_auth::{Error, ErrorCode, IdTokenRule, MerchantCredentials, TokenManager};

fn platform() -> Emulator {
    let phone_login =
        PhoneLoginConfig { interval: Duration::from_secs(1), approval_delay: Duration::ZERO, ..Default::default() };
    emulator_with(EmulatorConfig { merchants: 20, users: 5, phone_login, ..Default::default() })
}

/// The partner keys with no MSN of their own: every login names its merchant.
fn partner_keys() -> MerchantCredentials {
    MerchantCredentials::new(
        vipps_emulator::DEFAULT_PARTNER_CLIENT_ID,
        vipps_emulator::DEFAULT_PARTNER_CLIENT_SECRET,
        vipps_emulator::DEFAULT_PARTNER_SUBSCRIPTION_KEY,
        None,
    )
    .unwrap()
}

fn partner_client(emulator: &Emulator) -> LoginClient {
    LoginClient::new(config_for(emulator), LoginAuth::Partner { keys: partner_keys() }).unwrap()
}

fn for_merchant(msn: &str) -> AuthorizeRequest {
    login_request("name").for_merchant(msn)
}

/// The MSNs the partner asked `/accesstoken/get` tokens for, in order.
fn partner_token_msns(emulator: &Emulator) -> Vec<String> {
    let tokens = emulator.requests().into_iter().filter(|r| r.path == STANDARD);
    tokens.map(|r| r.headers["Merchant-Serial-Number"].clone()).collect()
}

#[tokio::test]
async fn one_client_logs_in_for_each_merchant_with_one_partner_token_each() {
    let emulator = platform();
    let client = partner_client(&emulator);
    for round in 0..2 {
        for msn in ["100001", "100002", "100003"] {
            let authorization = client.authorize(&for_merchant(msn)).await.unwrap();
            assert!(authorization.url.contains(&format!("msn={msn}")) && !authorization.url.contains("client_id="));
            // Kept however the pending login travels.
            let pending = vipps_auth::PendingLogin::restore(authorization.pending.serialize().expose()).unwrap();
            assert_eq!(pending.msn(), Some(msn));
            let callback = follow(&authorization.url).await;
            let LoginOutcome::Completed(login) = client.complete(&pending, &callback, true).await.unwrap() else {
                panic!("round {round}: the login for {msn} did not complete");
            };
            assert_eq!(login.claims.msn.as_deref(), Some(msn));
        }
    }
    assert_eq!(partner_token_msns(&emulator), ["100001", "100002", "100003"], "one partner token per merchant");
    assert_eq!((emulator.count(DISCOVERY), emulator.count(JWKS)), (1, 1));
}

#[tokio::test]
async fn a_callback_for_merchant_a_never_completes_as_merchant_b() {
    let emulator = platform();
    let client = partner_client(&emulator);
    let a = client.authorize(&for_merchant("100001")).await.unwrap();
    let b = client.authorize(&for_merchant("100002")).await.unwrap();
    let callback_for_a = follow(&a.url).await;
    let err = client.complete(&b.pending, &callback_for_a, false).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::StateMismatch, "{err}");
    // And an ID token naming another merchant than the login's is refused by its own rule.
    tamper(&emulator, json!({"claims": {"msn": "100002"}})).await;
    let err = client.complete(&a.pending, &callback_for_a, false).await.unwrap_err();
    assert!(matches!(err, Error::IdToken { rule: IdTokenRule::Msn, .. }), "{err:?}");
}

#[tokio::test]
async fn a_merchant_is_named_by_partners_only_and_always() {
    let emulator = platform();
    let no_merchant = partner_client(&emulator).authorize(&login_request("name")).await.unwrap_err();
    assert_eq!(no_merchant.code(), ErrorCode::Configuration, "{no_merchant}");
    let own_keys = login_client(&emulator).authorize(&for_merchant("100001")).await.unwrap_err();
    assert_eq!(own_keys.code(), ErrorCode::Configuration, "{own_keys}");
    let malformed = partner_client(&emulator).authorize(&for_merchant("12")).await.unwrap_err();
    assert_eq!(malformed.code(), ErrorCode::Configuration, "{malformed}");
    assert_eq!(emulator.count(STANDARD), 0, "nothing was asked of Vipps");
}

#[tokio::test]
async fn a_phone_login_is_for_the_merchant_it_names() {
    let emulator = platform();
    let client = partner_client(&emulator);
    let mut request = phone_request("+4790000004");
    request.msn = Some("100007".into());
    let login = client.start_phone_login(&request).await.unwrap();
    let restored = PhoneLogin::restore(login.serialize().expose()).unwrap();
    assert_eq!(restored.msn(), Some("100007"));
    let outcome = client.wait_for_phone_login(&restored, false, &Cancellation::new(), |_| {}).await.unwrap();
    let PhoneLoginOutcome::Completed(done) = outcome else { panic!("not completed: {outcome:?}") };
    assert_eq!(done.claims.msn.as_deref(), Some("100007"));
    assert_eq!(done.claims.sub, "c0ffee00-0000-4000-8000-000000000004");
    assert_eq!(partner_token_msns(&emulator), ["100007"]);
}

#[tokio::test]
async fn partner_clients_share_one_token_manager_by_default() {
    let emulator = platform();
    let clients = [partner_client(&emulator), partner_client(&emulator)];
    for client in &clients {
        let authorization = client.authorize(&for_merchant("100001")).await.unwrap();
        let callback = follow(&authorization.url).await;
        client.complete(&authorization.pending, &callback, false).await.unwrap();
    }
    assert_eq!(partner_token_msns(&emulator), ["100001"]);
    // One the application passes in is used instead.
    let own = TokenManager::new(config_for(&emulator)).unwrap();
    let options = LoginOptions::default();
    let client = LoginClient::with_token_manager(
        config_for(&emulator),
        LoginAuth::Partner { keys: partner_keys() },
        options,
        own.clone(),
    )
    .unwrap();
    let authorization = client.authorize(&for_merchant("100001")).await.unwrap();
    client.complete(&authorization.pending, &follow(&authorization.url).await, false).await.unwrap();
    assert_eq!(own.cached_entries(), 1);
}
