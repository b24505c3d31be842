//! Login for web backends against the emulator over real HTTP: the whole browser login for
//! each kind of client authentication, cancelling, and the state, replay and redirect rules.

mod common;
use common::*;
use vipps_auth::{Error, ErrorCode, PendingLogin};

fn completed(outcome: LoginOutcome) -> Box<vipps_auth::login::CompletedLogin> {
    match outcome {
        LoginOutcome::Completed(login) => login,
        LoginOutcome::Cancelled { .. } => panic!("the login was cancelled"),
    }
}

#[tokio::test]
async fn a_browser_login_gives_verified_claims_and_userinfo() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name email phoneNumber address")).await.unwrap();
    let url = url::Url::parse(&authorization.url).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["client_id"], DEFAULT_CLIENT_ID);
    assert_eq!(query["scope"], "openid name email phoneNumber address");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["state"], authorization.pending.state());
    assert!(query["state"].len() >= 8 && query["state"].len() < 100 && query["nonce"].len() >= 16);
    assert!(authorization.url.contains("scope=openid%20name"), "spaces as %20: {}", authorization.url);

    let callback = follow(&authorization.url).await;
    let login = completed(client.complete(&authorization.pending, &callback, true).await.unwrap());
    let user = vipps_emulator::TestUser::default();
    assert_eq!(login.claims.sub, user.sub);
    assert_eq!(login.claims.aud, [DEFAULT_CLIENT_ID]);
    assert!(login.claims.auth_time.is_some() && login.claims.sid.is_some());
    let info = login.userinfo.expect("userinfo was asked for");
    assert_eq!(info.sub, user.sub);
    assert_eq!(info.given_name.as_deref(), Some("Kari"));
    assert_eq!(info.phone_number.as_deref(), Some("4712345678"));
    assert_eq!(info.email_verified, Some(true));
    assert_eq!(info.address.unwrap().postal_code.as_deref(), Some("0150"));
    assert_eq!(login.scope.as_deref(), Some("openid name email phoneNumber address"));
    let info_again = client.userinfo(login.access_token.expose()).await.unwrap();
    assert_eq!(info_again.sub, user.sub);
    assert!(emulator
        .requests()
        .iter()
        .all(|r| r.path != USERINFO || !r.headers.contains_key("Ocp-Apim-Subscription-Key")));
}

#[tokio::test]
async fn client_secret_post_works_and_the_wrong_method_is_explained() {
    let emulator = emulator();
    let post = LoginAuth::ClientSecretPost {
        client_id: vipps_emulator::DEFAULT_POST_CLIENT_ID.into(),
        client_secret: vipps_emulator::DEFAULT_POST_CLIENT_SECRET.into(),
    };
    let client = LoginClient::new(config_for(&emulator), post).unwrap();
    completed(browser_login(&client, "name").await.unwrap());

    let basic = LoginAuth::ClientSecretBasic {
        client_id: vipps_emulator::DEFAULT_POST_CLIENT_ID.into(),
        client_secret: vipps_emulator::DEFAULT_POST_CLIENT_SECRET.into(),
    };
    let client = LoginClient::new(config_for(&emulator), basic).unwrap();
    let error = browser_login(&client, "name").await.unwrap_err();
    let server = error.server_error().expect("refused by the token endpoint");
    assert_eq!((server.status, server.error.as_deref()), (401, Some("invalid_client")));
    assert!(error.hint().contains("client_secret_post vs client_secret_basic"), "{}", error.hint());
}

#[tokio::test]
async fn partner_keys_log_in_with_bearer_and_msn() {
    let emulator = emulator();
    let client = LoginClient::new(config_for(&emulator), partner_auth()).unwrap();
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    assert!(authorization.url.contains("&msn=123456") && !authorization.url.contains("client_id="));
    let callback = follow(&authorization.url).await;
    let login = completed(client.complete(&authorization.pending, &callback, false).await.unwrap());
    assert_eq!(login.claims.msn.as_deref(), Some(DEFAULT_MSN));
    let exchange = emulator.requests().into_iter().find(|r| r.path == TOKEN_ENDPOINT).unwrap();
    assert_eq!(exchange.headers["Merchant-Serial-Number"], DEFAULT_MSN);
    assert_eq!(emulator.count(STANDARD), 1, "the partner token came from /accesstoken/get");
}

#[tokio::test]
async fn cancelling_on_the_consent_page_is_an_outcome() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = consent(&emulator, &authorization.url, "cancel").await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    let outcome = client.complete(&authorization.pending, &callback, true).await.unwrap();
    assert!(matches!(outcome, LoginOutcome::Cancelled { .. }), "{outcome:?}");
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 0);

    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = consent(&emulator, &authorization.url, "accept").await;
    completed(client.complete(&authorization.pending, &callback, false).await.unwrap());
}

#[tokio::test]
async fn a_callback_for_another_login_is_a_state_mismatch() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let first = client.authorize(&login_request("name")).await.unwrap();
    let second = client.authorize(&login_request("name")).await.unwrap();
    let callback = follow(&first.url).await;
    let error = client.complete(&second.pending, &callback, false).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::StateMismatch, "{error}");
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 0, "nothing was redeemed");
}

#[tokio::test]
async fn a_pending_login_completes_once() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = follow(&authorization.url).await;
    completed(client.complete(&authorization.pending, &callback, false).await.unwrap());
    let error = client.complete(&authorization.pending, &callback, false).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::StateMismatch);
    assert!(error.to_string().contains("already completed"), "{error}");
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 1);
}

#[tokio::test]
async fn a_replayed_code_is_refused_by_vipps() {
    let emulator = emulator();
    let authorization = login_client(&emulator).authorize(&login_request("name")).await.unwrap();
    let callback = follow(&authorization.url).await;
    // Two servers of one web backend, each with its own client: the code still works once.
    completed(login_client(&emulator).complete(&authorization.pending, &callback, false).await.unwrap());
    let error = login_client(&emulator).complete(&authorization.pending, &callback, false).await.unwrap_err();
    assert_eq!(error.server_error().and_then(|s| s.error.as_deref()), Some("invalid_grant"), "{error}");
    assert!(error.hint().contains("used before"), "{}", error.hint());
}

#[tokio::test]
async fn a_500_from_the_token_endpoint_is_not_followed_by_a_second_exchange() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = follow(&authorization.url).await;
    emulator.inject(Fault::status(TOKEN_ENDPOINT, 500, 1));
    let error = client.complete(&authorization.pending, &callback, false).await.unwrap_err();
    assert_eq!(error.server_error().map(|s| s.status), Some(500), "{error}");
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 1, "the code was sent once");
}

#[tokio::test]
async fn an_expired_code_is_invalid_grant() {
    let config = EmulatorConfig { code_lifetime: std::time::Duration::from_millis(300), ..Default::default() };
    let emulator = emulator_with(config);
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = follow(&authorization.url).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let error = client.complete(&authorization.pending, &callback, false).await.unwrap_err();
    assert_eq!(error.server_error().and_then(|s| s.error.as_deref()), Some("invalid_grant"));
}

#[tokio::test]
async fn a_pending_login_survives_serialisation() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let stored = authorization.pending.serialize();
    let restored = PendingLogin::restore(stored.expose()).unwrap();
    let callback = follow(&authorization.url).await;
    completed(login_client(&emulator).complete(&restored, &callback, false).await.unwrap());
}

#[tokio::test]
async fn redirect_uris_are_checked_before_anything_is_sent() {
    let emulator = emulator();
    let client = login_client(&emulator);
    for (uri, rule) in [
        ("https://example.com/app/callback#frag", "`#`"),
        ("com.example.app://", "custom scheme needs a path"),
        ("not a uri", "absolute"),
    ] {
        let error = client.authorize(&login_request("name").with_redirect(uri)).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::Configuration);
        assert!(error.to_string().contains(rule), "{uri}: {error}");
    }
    assert!(emulator.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn discovery_is_fetched_once_for_many_callers() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.authorize(&login_request("name")).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(emulator.count(DISCOVERY), 1);
}

#[tokio::test]
async fn an_issuer_that_differs_from_the_base_url_is_refused() {
    let emulator = emulator();
    // The emulator names itself by 127.0.0.1; `localhost` makes another issuer.
    let base = emulator.base_url().replace("127.0.0.1", "localhost");
    let config = vipps_auth::Config::new(vipps_auth::Environment::Custom(base));
    let error = LoginClient::new(config, basic_auth()).unwrap().discovery().await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Protocol);
    assert!(error.to_string().contains("`issuer`"), "{error}");
}

#[tokio::test]
async fn a_login_error_from_vipps_is_typed() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let state = authorization.pending.state().to_owned();
    let callback =
        format!("{REDIRECT_URI}?error=outdated_app_version&error_description=Update%20the%20app?state={state}");
    match client.complete(&authorization.pending, &callback, false).await.unwrap_err() {
        Error::LoginFailed { error, description } => {
            assert_eq!(error, "outdated_app_version");
            assert_eq!(description.as_deref(), Some("Update the app"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn userinfo_after_its_window_says_to_log_in_again() {
    let config = EmulatorConfig { userinfo_window: std::time::Duration::from_millis(200), ..Default::default() };
    let emulator = emulator_with(config);
    let client = login_client(&emulator);
    let login = completed(browser_login(&client, "name").await.unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let error = client.userinfo(login.access_token.expose()).await.unwrap_err();
    assert_eq!(error.server_error().map(|s| s.status), Some(401));
    assert!(error.hint().contains("ten minutes"), "{}", error.hint());
}

#[tokio::test]
async fn the_clock_offset_is_measured_from_the_date_header() {
    let emulator = emulator_with(EmulatorConfig { clock_offset_secs: 94, ..Default::default() });
    let client = login_client(&emulator);
    client.discovery().await.unwrap();
    let offset = client.clock_offset_seconds().unwrap();
    assert!((93..=95).contains(&offset), "{offset}");
}
