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
