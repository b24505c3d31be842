//! What the emulator accepts and how it answers.

use std::time::Duration;

/// The emulator's keys and token lifetimes. The defaults are obviously fake and documented;
/// they are what the demo and the tests use.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    pub client_id: String,
    pub client_secret: String,
    pub subscription_key: String,
    /// Merchant-Serial-Numbers these keys may act for.
    pub msns: Vec<String>,
    /// Lifetime of `/accesstoken/get` tokens (Vipps: 1 h in test, 24 h in production).
    pub standard_lifetime: Duration,
    /// Lifetime of `/miami/v1/token` tokens (Vipps: 900 s).
    pub specialized_lifetime: Duration,
    /// Send `expires_in` etc. as JSON numbers instead of numeric strings as Vipps does.
    pub numeric_expiry: bool,
}

pub const DEFAULT_CLIENT_ID: &str = "emu-client-id";
pub const DEFAULT_CLIENT_SECRET: &str = "emu-client-secret";
pub const DEFAULT_SUBSCRIPTION_KEY: &str = "emu-subscription-key";
pub const DEFAULT_MSN: &str = "123456";

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            client_id: DEFAULT_CLIENT_ID.into(),
            client_secret: DEFAULT_CLIENT_SECRET.into(),
            subscription_key: DEFAULT_SUBSCRIPTION_KEY.into(),
            msns: vec![DEFAULT_MSN.into()],
            standard_lifetime: Duration::from_secs(3600),
            specialized_lifetime: Duration::from_secs(900),
            numeric_expiry: false,
        }
    }
}
