//! The parsers of untrusted input that are not public API, reachable from `fuzz/` only: this
//! module exists in builds with `--cfg fuzzing` (scripts/fuzz.sh), never in a release.

use crate::config::{Config, Environment};
use crate::error::Result;
use crate::http::Reply;
use crate::login::{Discovery, LoginAuth, LoginClient};
use crate::phone::PhoneLogin;
use crate::secret::Secret;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};
use url::Url;

use crate::bounds;

/// The documented ranges of `src/bounds.rs`, as (least, most).
pub const RETRY_AFTER: (Duration, Duration) = (bounds::RETRY_AFTER.min, bounds::RETRY_AFTER.max);
pub const MAX_AGE: (Duration, Duration) = (bounds::MAX_AGE.min, bounds::MAX_AGE.max);
pub const CIBA_INTERVAL: (Duration, Duration) = (bounds::CIBA_INTERVAL.min, bounds::CIBA_INTERVAL.max);
pub const CIBA_EXPIRES_IN: (Duration, Duration) = (bounds::CIBA_EXPIRES_IN.min, bounds::CIBA_EXPIRES_IN.max);

pub fn retry_after(value: &str) -> Option<Duration> {
    crate::http::parse_retry_after(value)
}

pub fn max_age(value: &str) -> Option<Duration> {
    crate::http::parse_max_age(value)
}

/// The discovery document, as read for an environment at `base_url`.
pub fn discovery(body: &[u8], base_url: &Url) -> Result<Discovery> {
    crate::login::discovery::parse(body, &crate::login::discovery::expected_issuer(base_url), base_url)
}

/// A phone login's start answer, for the number +47 123 45 678.
pub fn phone_login_started(status: u16, body: &[u8]) -> Result<PhoneLogin> {
    let phone = crate::phone::PhoneNumber::parse("+4712345678")?;
    crate::phone::client::started(&Reply::received(status, body, SystemTime::now()), &phone, None, None)
}

/// A phone-login poll's answer: what the wait does next, by name.
pub fn phone_login_poll(status: u16, body: &[u8]) -> Result<&'static str> {
    static CLIENT: OnceLock<LoginClient> = OnceLock::new();
    let client = CLIENT.get_or_init(|| {
        let auth = LoginAuth::ClientSecretBasic { client_id: "fuzz-client".into(), client_secret: SECRET.into() };
        LoginClient::new(Config::new(Environment::Test), auth).expect("a valid client")
    });
    let reply = Reply::received(status, body, SystemTime::now());
    crate::phone::poll::read(&reply, client, &Secret::new("fuzz-auth-req-id")).map(|answer| answer.name())
}

/// The client secret of the client [`phone_login_poll`] reads for: never in an error's text.
pub const SECRET: &str = "fuzz-client-secret-0123";
