//! Helpers for the integration tests: an emulator on a free port and a manager pointed at it.
#![allow(dead_code, unused_imports)]

use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use vipps_auth::{
    Config, Credentials, Environment, HttpOptions, MerchantCredentials, SpecializedCredentials, TokenManager,
};
pub use vipps_emulator::{
    Emulator, EmulatorConfig, Fault, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_MSN, DEFAULT_SUBSCRIPTION_KEY,
};

pub const STANDARD: &str = "/accesstoken/get";
pub const SPECIALIZED: &str = "/miami/v1/token";

pub fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default()).expect("emulator starts")
}

pub fn emulator_with(config: EmulatorConfig) -> Emulator {
    Emulator::start(config).expect("emulator starts")
}

/// Fast retries, so tests about retrying do not wait long.
pub fn quick_http() -> HttpOptions {
    HttpOptions {
        total_timeout: Duration::from_secs(10),
        request_timeout: Duration::from_secs(2),
        ..Default::default()
    }
}

pub fn config_for(emulator: &Emulator) -> Config {
    let mut config = Config::new(Environment::Custom(emulator.base_url().into()));
    config.http = quick_http();
    config
}

pub fn manager(emulator: &Emulator) -> TokenManager {
    TokenManager::new(config_for(emulator)).expect("valid config")
}

pub fn merchant() -> Credentials {
    let c = EmulatorConfig::default();
    MerchantCredentials::new(c.client_id, c.client_secret, c.subscription_key, Some(c.msns[0].clone())).unwrap().into()
}

pub fn merchant_with(secret: &str, key: &str) -> Credentials {
    MerchantCredentials::new(EmulatorConfig::default().client_id, secret, key, None).unwrap().into()
}

pub fn specialized() -> Credentials {
    let c = EmulatorConfig::default();
    SpecializedCredentials::new(c.client_id, c.client_secret, None).unwrap().into()
}

pub fn statuses(emulator: &Emulator, path: &str) -> Vec<u16> {
    emulator.requests().iter().filter(|r| r.path == path).map(|r| r.status).collect()
}

/// The `exp` claim of an emulator token: the server's own idea of when it expires.
pub fn jwt_exp(token: &str) -> u64 {
    use base64::Engine;
    let payload = token.split('.').nth(1).expect("a JWT");
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap();
    serde_json::from_slice::<serde_json::Value>(&json).unwrap()["exp"].as_u64().unwrap()
}

pub fn now_epoch() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// Every line logged through the `log` facade during the tests of this binary.
pub fn captured_logs() -> String {
    LOGS.get_or_init(Default::default).lock().unwrap().clone()
}

static LOGS: OnceLock<Mutex<String>> = OnceLock::new();

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        let line = format!("{} {}: {}\n", record.level(), record.target(), record.args());
        LOGS.get_or_init(Default::default).lock().unwrap().push_str(&line);
    }
    fn flush(&self) {}
}

pub fn capture_logs() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        log::set_boxed_logger(Box::new(Capture)).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
    });
}

// ---- Login ----

pub use vipps_auth::login::{ACR_APP_AUTH, MAX_ID_TOKEN_BYTES};
pub use vipps_auth::{AuthorizeRequest, LoginAuth, LoginClient, LoginOptions, LoginOutcome, Scopes};

pub const TOKEN_ENDPOINT: &str = "/access-management-1.0/access/oauth2/token";
pub const JWKS: &str = "/access-management-1.0/access/.well-known/jwks.json";
pub const DISCOVERY: &str = "/access-management-1.0/access/.well-known/openid-configuration";
pub const USERINFO: &str = "/vipps-userinfo-api/userinfo";
pub const REDIRECT_URI: &str = "https://example.com/app/callback";

pub fn basic_auth() -> LoginAuth {
    LoginAuth::ClientSecretBasic { client_id: DEFAULT_CLIENT_ID.into(), client_secret: DEFAULT_CLIENT_SECRET.into() }
}

/// The emulator's partner keys, acting for its merchant's MSN.
pub fn partner_auth() -> LoginAuth {
    let keys = MerchantCredentials::new(
        vipps_emulator::DEFAULT_PARTNER_CLIENT_ID,
        vipps_emulator::DEFAULT_PARTNER_CLIENT_SECRET,
        vipps_emulator::DEFAULT_PARTNER_SUBSCRIPTION_KEY,
        Some(DEFAULT_MSN.into()),
    )
    .unwrap();
    LoginAuth::Partner { keys }
}

pub fn login_client(emulator: &Emulator) -> LoginClient {
    LoginClient::new(config_for(emulator), basic_auth()).expect("valid login client")
}

pub fn login_request(scope: &str) -> AuthorizeRequest {
    AuthorizeRequest::new(REDIRECT_URI, Scopes::parse(scope).unwrap())
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// What the browser does: GET the authorize URL and read where the 302 sends it.
pub async fn follow(url: &str) -> String {
    let answer = no_redirects().get(url).send().await.expect("the emulator answers");
    assert_eq!(answer.status(), 302, "authorize answered {}: {}", answer.status(), answer.text().await.unwrap());
    answer.headers()["location"].to_str().unwrap().to_owned()
}

/// The consent page's buttons: `accept` or `cancel`. Returns the callback URL.
pub async fn consent(emulator: &Emulator, url: &str, decision: &str) -> String {
    let page = no_redirects().get(format!("{url}&_emulator_consent=page")).send().await.unwrap().text().await.unwrap();
    let ticket =
        page.split("name=\"ticket\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a ticket");
    let answer = no_redirects()
        .post(format!("{}/access-management-1.0/access/oauth2/auth/consent", emulator.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("ticket={ticket}&decision={decision}"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 302);
    answer.headers()["location"].to_str().unwrap().to_owned()
}

/// Queues an ID-token tampering at the emulator (`POST /_emulator/id-token`).
pub async fn tamper(emulator: &Emulator, tampering: serde_json::Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}/_emulator/id-token", emulator.base_url()))
        .body(tampering.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
}

pub async fn rotate_keys(emulator: &Emulator) {
    let answer =
        reqwest::Client::new().post(format!("{}/_emulator/rotate-keys", emulator.base_url())).send().await.unwrap();
    assert_eq!(answer.status(), 200);
}

/// One whole browser login with the default client; the outcome of `complete`.
pub async fn browser_login(client: &LoginClient, scope: &str) -> vipps_auth::Result<LoginOutcome> {
    let authorization = client.authorize(&login_request(scope)).await?;
    let callback = follow(&authorization.url).await;
    client.complete(&authorization.pending, &callback, true).await
}

// ---- Phone login ----

pub use vipps_auth::{
    BindingMessage, Cancellation, PhoneLogin, PhoneLoginOutcome, PhoneLoginProgress, PhoneLoginRequest, PhoneNumber,
};
pub use vipps_emulator::{PhoneLoginConfig, PHONE_APPROVES, PHONE_DECLINES, PHONE_NEVER_ANSWERS};

/// Phone logins in seconds: poll every second, the user answers after two.
pub fn quick_phone_emulator() -> Emulator {
    let phone_login = PhoneLoginConfig {
        interval: Duration::from_secs(1),
        approval_delay: Duration::from_secs(2),
        max_expiry: Duration::from_secs(4),
        ..Default::default()
    };
    emulator_with(EmulatorConfig { phone_login, ..Default::default() })
}

pub fn phone_request(phone: &str) -> PhoneLoginRequest {
    PhoneLoginRequest::new(PhoneNumber::parse(phone).unwrap(), Scopes::parse("name phoneNumber").unwrap())
}

/// Arrival times (ms since the emulator started) of the requests to `path`.
pub fn arrivals(emulator: &Emulator, path: &str) -> Vec<u64> {
    emulator.requests().iter().filter(|r| r.path == path).map(|r| r.at_ms).collect()
}
