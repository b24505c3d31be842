//! App-to-app login against the emulator over real HTTP: both flows played as the phone
//! would, the handoff to the backend (backend-built and device-built URLs), a pending login
//! finished in a fresh process, expiry, several logins at once, the emulator's scripted
//! failures, and the association files.

mod common;
use common::*;
use vipps_auth::app::{authorize_on_device, check_app_links, AndroidApp, AppLinks, IosApp};
use vipps_auth::{parse_app_url, AppFlow, AppUrl, CodeHandoff, Environment, Error, ErrorCode, PendingLogin};

const APP_CALLBACK: &str = "com.example.app://callback";

fn app_request(flow: AppFlow) -> AuthorizeRequest {
    let mut request = login_request("name");
    request.app_flow = Some(flow);
    request
}

fn advanced() -> AppFlow {
    AppFlow::AppToApp { app_callback_uri: APP_CALLBACK.into() }
}

fn code_of(outcome: AppUrl) -> (String, String) {
    match outcome {
        AppUrl::Code { code, state, .. } => (code.expose().to_owned(), state),
        other => panic!("expected a code, got {other:?}"),
    }
}

fn completed(outcome: LoginOutcome) -> Box<vipps_auth::login::CompletedLogin> {
    match outcome {
        LoginOutcome::Completed(login) => login,
        LoginOutcome::Cancelled { .. } => panic!("cancelled"),
    }
}

#[tokio::test]
async fn the_simple_flow_returns_to_the_universal_link_and_the_backend_completes_the_handoff() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&app_request(AppFlow::AppToAppV2)).await.unwrap();
    assert!(authorization.url.contains("requested_flow=app_to_app_v2"), "{}", authorization.url);
    assert!(authorization.warnings.is_empty(), "a universal link earns no warning");
    // The app was killed while the user was in the Vipps app: its pending login was stored.
    let stored = authorization.pending.serialize();
    let opened_with = follow(&authorization.url).await;
    let pending = PendingLogin::restore(stored.expose()).unwrap();
    let (code, state) = code_of(parse_app_url(&opened_with, std::slice::from_ref(&pending)));
    let message = CodeHandoff::new(&code, &state).to_json();
    assert!(!message.expose().contains("secret"));
    let handoff = CodeHandoff::parse(message.expose()).unwrap();
    let login = completed(client.complete_handoff(&handoff, Some(&pending), true).await.unwrap());
    assert_eq!(login.userinfo.unwrap().given_name.as_deref(), Some("Kari"));
    let again = client.complete_handoff(&handoff, Some(&pending), false).await.unwrap_err();
    assert_eq!(again.code(), ErrorCode::StateMismatch, "each login completes once");
}

#[tokio::test]
async fn the_advanced_flow_resumes_in_the_browser_then_returns_with_a_code() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&app_request(advanced())).await.unwrap();
    assert!(authorization.url.contains("requested_flow=app_to_app&app_callback_uri=com.example.app"));
    assert_eq!(authorization.warnings.len(), 1, "a custom-scheme app callback is flagged");
    assert!(authorization.warnings[0].contains("app_callback_uri"));
    let pending = [authorization.pending];
    let first = follow(&authorization.url).await;
    assert!(first.starts_with(APP_CALLBACK), "{first}");
    let resume_uri = match parse_app_url(&first, &pending) {
        AppUrl::Resume { resume_uri, .. } => resume_uri,
        other => panic!("expected resume, got {other:?}"),
    };
    let (code, state) = code_of(parse_app_url(&follow(&resume_uri).await, &pending));
    let handoff = CodeHandoff::new(&code, &state);
    completed(client.complete_handoff(&handoff, Some(&pending[0]), false).await.unwrap());
}

#[tokio::test]
async fn a_url_built_on_the_device_is_completed_from_the_handoff_alone() {
    let emulator = emulator();
    let environment = Environment::Custom(emulator.base_url().into());
    let on_phone = authorize_on_device(&environment, DEFAULT_CLIENT_ID, &app_request(AppFlow::AppToAppV2)).unwrap();
    let pending = [on_phone.pending];
    let (code, _) = code_of(parse_app_url(&follow(&on_phone.url).await, &pending));
    let message = CodeHandoff::from_device(&code, &pending[0]).to_json();
    let backend = login_client(&emulator);
    let handoff = CodeHandoff::parse(message.expose()).unwrap();
    completed(backend.complete_handoff(&handoff, None, false).await.unwrap());
    assert_eq!(emulator.count(DISCOVERY), 1, "only the backend read discovery: the phone used no network");

    let wrong = CodeHandoff::new(&code, pending[0].state());
    let error = backend.complete_handoff(&wrong, None, false).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Configuration, "without a verifier the backend needs its pending login");
}

#[tokio::test]
async fn several_pending_logins_are_told_apart_by_state_and_stray_links_are_not_ours() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let first = client.authorize(&app_request(AppFlow::AppToAppV2)).await.unwrap();
    let second = client.authorize(&app_request(advanced())).await.unwrap();
    let pending = [first.pending.clone(), second.pending.clone()];
    let opened = follow(&first.url).await;
    assert_eq!(parse_app_url(&opened, &pending).state(), Some(first.pending.state()));
    assert!(matches!(parse_app_url(&opened, &pending[1..]), AppUrl::NotOurs { .. }));
    assert!(matches!(parse_app_url("com.example.app://settings", &pending), AppUrl::NotOurs { .. }));
}

#[tokio::test]
async fn an_expired_pending_login_is_refused_with_its_own_error() {
    use base64::Engine;
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&app_request(AppFlow::AppToAppV2)).await.unwrap();
    let opened = follow(&authorization.url).await;
    // The stored form, aged past its expiry.
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let stored = authorization.pending.serialize();
    let mut json: serde_json::Value =
        serde_json::from_slice(&b64.decode(stored.expose().trim_start_matches("vipps-login.v1.")).unwrap()).unwrap();
    json["expires"] = (now_epoch() - 5).into();
    let aged = PendingLogin::restore(&format!("vipps-login.v1.{}", b64.encode(json.to_string()))).unwrap();
    let error = client.complete(&aged, &opened, false).await.unwrap_err();
    assert!(matches!(error, Error::LoginExpired(_)), "{error:?}");
    assert_eq!(error.code(), ErrorCode::LoginExpired);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 0, "nothing was redeemed");
}

#[tokio::test]
async fn the_emulator_scripts_the_apps_failures() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let cases = [
        (AppFlow::AppToAppV2, "&_emulator_app=cancel", "access_denied"),
        (AppFlow::AppToAppV2, "&_emulator_app=outdated", "outdated_app_version"),
        (advanced(), "&_emulator_app=outdated", "outdated_app_version"),
        (
            AppFlow::AppToApp { app_callback_uri: "com.other.app://callback".into() },
            "",
            "app_callback_uri_not_registered",
        ),
    ];
    for (flow, script, expected) in cases {
        let authorization = client.authorize(&app_request(flow)).await.unwrap();
        let opened = follow(&format!("{}{script}", authorization.url)).await;
        let got = match parse_app_url(&opened, std::slice::from_ref(&authorization.pending)) {
            AppUrl::Cancelled { .. } => "access_denied".to_owned(),
            AppUrl::Failed { error, .. } => error,
            other => panic!("{expected}: got {other:?}"),
        };
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn the_generated_association_files_open_the_app_and_the_emulators_do_too() {
    let fingerprint = vec!["A0"; 32].join(":");
    let links = AppLinks {
        ios: vec![IosApp::parse("ABCDE12345.com.example.app").unwrap()],
        android: vec![AndroidApp::parse(&format!("com.example.app:{fingerprint}")).unwrap()],
        paths: vec!["/app/callback".into()],
    };
    let (aasa, assetlinks) = (links.apple_app_site_association().unwrap(), links.assetlinks_json().unwrap());
    let apple: serde_json::Value = serde_json::from_str(&aasa).unwrap();
    assert_eq!(apple["applinks"]["details"][0]["appIDs"][0], "ABCDE12345.com.example.app");
    assert_eq!(apple["applinks"]["details"][0]["components"][0]["/"], "/app/callback");
    assert_eq!(apple["webcredentials"]["apps"][0], "ABCDE12345.com.example.app");
    let google: serde_json::Value = serde_json::from_str(&assetlinks).unwrap();
    assert_eq!(google[0]["relation"][0], "delegate_permission/common.handle_all_urls");
    assert_eq!(google[0]["target"]["sha256_cert_fingerprints"][0], fingerprint.as_str());
    let report = check_app_links(REDIRECT_URI, Some(aasa.as_bytes()), Some(assetlinks.as_bytes()));
    assert!(report.ios.opens_app && report.android.opens_app, "{report:?}");
    let elsewhere = check_app_links("https://example.com/other", Some(aasa.as_bytes()), None);
    assert!(!elsewhere.ios.opens_app && elsewhere.ios.why.contains("/other"));
    assert!(!check_app_links(APP_CALLBACK, Some(aasa.as_bytes()), None).ios.opens_app);

    let emulator = emulator();
    let fetch = |path: &'static str| {
        let url = format!("{}{path}", emulator.base_url());
        async move {
            let answer = reqwest::get(url).await.unwrap();
            assert_eq!(answer.status(), 200);
            assert!(answer.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
            answer.bytes().await.unwrap()
        }
    };
    let served = (fetch("/.well-known/apple-app-site-association").await, fetch("/.well-known/assetlinks.json").await);
    let report = check_app_links(REDIRECT_URI, Some(&served.0), Some(&served.1));
    assert!(report.ios.opens_app && report.android.opens_app, "{report:?}");
}

/// A phone app that was killed between leaving for Vipps and coming back: the pending login
/// is written to a file, and a fresh process (this test binary again) finishes the login.
#[tokio::test]
async fn a_pending_login_written_to_a_file_is_finished_in_a_fresh_process() {
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&app_request(AppFlow::AppToAppV2)).await.unwrap();
    let file = std::env::temp_dir().join(format!("vipps-pending-{}", std::process::id()));
    std::fs::write(&file, authorization.pending.serialize().expose()).unwrap();
    drop(authorization.pending);
    let opened = follow(&authorization.url).await;
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "finish_a_stored_login_in_this_process", "--nocapture", "--test-threads=1"])
        .env("VIPPS_CHILD_BASE", emulator.base_url())
        .env("VIPPS_CHILD_PENDING_FILE", &file)
        .env("VIPPS_CHILD_URL", &opened)
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    let out = String::from_utf8_lossy(&child.stdout);
    assert!(child.status.success(), "{out}{}", String::from_utf8_lossy(&child.stderr));
    assert!(
        out.contains(&format!("finished in a fresh process: {}", vipps_emulator::TestUser::default().sub)),
        "{out}"
    );
}

/// The fresh process's half of the test above; does nothing when run on its own.
#[tokio::test]
async fn finish_a_stored_login_in_this_process() {
    let (Ok(base), Ok(file), Ok(url)) = (
        std::env::var("VIPPS_CHILD_BASE"),
        std::env::var("VIPPS_CHILD_PENDING_FILE"),
        std::env::var("VIPPS_CHILD_URL"),
    ) else {
        return;
    };
    let pending = PendingLogin::restore(&std::fs::read_to_string(file).unwrap()).unwrap();
    let (code, state) = code_of(parse_app_url(&url, std::slice::from_ref(&pending)));
    let client = LoginClient::new(vipps_auth::Config::new(Environment::Custom(base)), basic_auth()).unwrap();
    let login =
        completed(client.complete_handoff(&CodeHandoff::new(&code, &state), Some(&pending), false).await.unwrap());
    println!("finished in a fresh process: {}", login.claims.sub);
}

#[tokio::test]
async fn both_uri_kinds_follow_vipps_rules_before_anything_is_sent() {
    let emulator = emulator();
    let client = login_client(&emulator);
    for bad in ["myapp://", "com.example.app://callback#x", "not a uri"] {
        let request = app_request(AppFlow::AppToApp { app_callback_uri: bad.into() });
        let error = client.authorize(&request).await.unwrap_err();
        assert!(error.to_string().contains("app_callback_uri"), "{bad}: {error}");
    }
    let mut both = app_request(AppFlow::AppToAppV2);
    both.automatic_return = true;
    assert_eq!(client.authorize(&both).await.unwrap_err().code(), ErrorCode::Configuration);
    let on_phone = authorize_on_device(&Environment::Production, DEFAULT_CLIENT_ID, &app_request(advanced())).unwrap();
    assert!(on_phone.url.starts_with("https://api.vipps.no/access-management-1.0/access/oauth2/auth?"));
    let mut plain_http = app_request(AppFlow::AppToAppV2);
    plain_http.redirect_uri = "http://example.com/app/callback".into();
    assert!(authorize_on_device(&Environment::Production, DEFAULT_CLIENT_ID, &plain_http).is_err());
    assert_eq!(emulator.requests().len(), 0);
}
