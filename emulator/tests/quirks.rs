//! How the emulator answers like Vipps: paths in any case, a `Date` on every answer,
//! discovery with a max-age, authorize refusing what cannot be sent back.

use vipps_emulator::{Emulator, EmulatorConfig};

#[tokio::test]
async fn paths_match_in_any_case_and_every_answer_is_dated() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let answer = reqwest::Client::new()
        .post(format!("{}/accessToken/get", emulator.base_url()))
        .header("client_id", "emu-client-id")
        .header("client_secret", "emu-client-secret")
        .header("Ocp-Apim-Subscription-Key", "emu-subscription-key")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(answer.headers().contains_key("date"));
    assert_eq!(emulator.requests()[0].path, "/accessToken/get", "logged as sent");
}

#[tokio::test]
async fn discovery_names_every_endpoint_and_may_be_cached_for_an_hour() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let base = emulator.base_url();
    let answer =
        reqwest::get(format!("{base}/access-management-1.0/access/.well-known/openid-configuration")).await.unwrap();
    assert_eq!(answer.headers()["cache-control"], "max-age=3600");
    let document: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(document["issuer"], format!("{base}/access-management-1.0/access/"));
    assert_eq!(document["userinfo_endpoint"], format!("{base}/vipps-userinfo-api/userinfo"));
    let jwks: serde_json::Value =
        reqwest::get(document["jwks_uri"].as_str().unwrap()).await.unwrap().json().await.unwrap();
    let kinds: Vec<&str> = jwks["keys"].as_array().unwrap().iter().map(|k| k["alg"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["RS256", "ES256"]);
    assert!(jwks["keys"][0]["kid"].as_str().unwrap().starts_with("public:"));
}

#[tokio::test]
async fn authorize_shows_an_error_page_for_an_unregistered_redirect_uri() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let authorize = |redirect: &str, state: &str| {
        client
            .get(format!("{}/access-management-1.0/access/oauth2/auth", emulator.base_url()))
            .query(&[
                ("response_type", "code"),
                ("client_id", "emu-client-id"),
                ("redirect_uri", redirect),
                ("scope", "openid"),
                ("state", state),
                ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
                ("code_challenge_method", "S256"),
            ])
            .send()
    };
    let page = authorize("https://evil.example/callback", "state-123456").await.unwrap();
    assert_eq!(page.status(), 400, "never redirected to an unregistered URI");
    let short = authorize("https://example.com/app/callback", "short").await.unwrap();
    assert_eq!(short.status(), 302);
    assert!(short.headers()["location"].to_str().unwrap().contains("error=invalid_state"));
}
