//! What the emulator accepts and how it answers. Every default key is obviously fake and
//! listed in the README.

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
    /// More sales units, MSN 100001 … 100000+N, each with keys of its own (see
    /// [`crate::FIRST_MERCHANT_MSN`]); the partner keys may act for all of them.
    pub merchants: u32,
    /// More phone users who approve, +47 90000001 … (see [`crate::FIRST_USER_PHONE`]).
    pub users: u32,
    /// Lifetime of `/accesstoken/get` tokens (Vipps: 1 h in test, 24 h in production).
    pub standard_lifetime: Duration,
    /// Lifetime of `/miami/v1/token` tokens (Vipps: 900 s).
    pub specialized_lifetime: Duration,
    /// Send `expires_in` etc. as JSON numbers instead of numeric strings as Vipps does.
    pub numeric_expiry: bool,
    /// Sales units that may use Login, each with its token-endpoint auth method. The first
    /// one belongs to the MSNs above (partners log in on its behalf).
    pub login_clients: Vec<LoginClient>,
    /// Partner keys: `/accesstoken/get` gives them a token that Login accepts as Bearer,
    /// together with a `Merchant-Serial-Number` they may act for.
    pub partner: PartnerKeys,
    /// Redirect URIs registered for every login client. `http://localhost/…` and
    /// `http://127.0.0.1/…` match on any port, as for native clients.
    pub redirect_uris: Vec<String>,
    /// How long an authorization code can be redeemed (Vipps: "a couple of minutes").
    pub code_lifetime: Duration,
    /// How long a Login access token reads userinfo (Vipps: about 10 minutes).
    pub userinfo_window: Duration,
    /// `Cache-Control: max-age` of the discovery document.
    pub discovery_max_age: Duration,
    /// Show an HTML consent page (Accept / Cancel) instead of consenting at once. A request
    /// can also ask for it with `_emulator_consent=page`.
    pub consent_page: bool,
    /// The one person who logs in.
    pub user: TestUser,
    /// Seconds this emulator's clock runs ahead of (or, negative, behind) the machine's:
    /// `Date` headers and token times shift with it.
    pub clock_offset_secs: i64,
    /// Login from phone number (CIBA): how the scripted users answer.
    pub phone_login: PhoneLoginConfig,
    /// The merchant app whose association files the emulator serves.
    pub app: AppSite,
}

/// The app a merchant's domain hands its callback paths to.
#[derive(Clone, Debug)]
pub struct AppSite {
    /// `TEAMID.bundle.id`.
    pub ios_app_ids: Vec<String>,
    pub android_package: String,
    /// SHA-256 signing-certificate fingerprints, `AB:CD:…`.
    pub android_fingerprints: Vec<String>,
    pub paths: Vec<String>,
}

impl Default for AppSite {
    fn default() -> Self {
        AppSite {
            ios_app_ids: vec!["ABCDE12345.com.example.app".into()],
            android_package: "com.example.app".into(),
            android_fingerprints: vec![(0..32).map(|i| format!("{:02X}", i * 7 % 256)).collect::<Vec<_>>().join(":")],
            paths: vec!["/app/callback".into()],
        }
    }
}

/// How the emulator's phone logins behave. Which phone number does what is fixed: see the
/// `PHONE_*` constants.
#[derive(Clone, Debug)]
pub struct PhoneLoginConfig {
    /// How long the scripted user takes to approve or decline in the app.
    pub approval_delay: Duration,
    /// The `interval` answered to a started login: the least time between two polls.
    pub interval: Duration,
    /// `expires_in` when the request asks for no `requested_expiry` (Vipps: about 10 minutes).
    pub default_expiry: Duration,
    /// An emulator-only cap on `expires_in`, so that expiry stories run in seconds.
    pub max_expiry: Duration,
    /// More open logins toward one user than this are refused with 429.
    pub max_open_per_user: usize,
    /// `Retry-After` of that 429.
    pub retry_after: Duration,
}

/// The test user: approves a phone login after the approval delay.
pub const PHONE_APPROVES: &str = "4712345678";
/// Declines in the app (`access_denied`).
pub const PHONE_DECLINES: &str = "4700000001";
/// Never answers: the login stays pending until it expires (`expired_token`).
pub const PHONE_NEVER_ANSWERS: &str = "4700000002";
/// Has no account that may log in (under 15): `error_code=invalid_user`.
pub const PHONE_INELIGIBLE: &str = "4700000003";
/// Has an app too old for phone login: `error_code=old_app`.
pub const PHONE_OLD_APP: &str = "4700000004";
// Every other number is unknown: `unknown_user_id`.

/// A sales unit's Login keys and how its token endpoint wants them.
#[derive(Clone, Debug)]
pub struct LoginClient {
    pub client_id: String,
    pub client_secret: String,
    /// `client_secret_basic` (Vipps' default) or `client_secret_post`.
    pub auth_method: AuthMethod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
}

#[derive(Clone, Debug)]
pub struct PartnerKeys {
    pub client_id: String,
    pub client_secret: String,
    pub subscription_key: String,
    pub msns: Vec<String>,
}

/// The test user's profile, as userinfo returns it for the granted scopes.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub sub: String,
    pub phone_number: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub birthdate: String,
    pub nin: String,
    pub street_address: String,
    pub postal_code: String,
    pub region: String,
    pub country: String,
}

pub const DEFAULT_CLIENT_ID: &str = "emu-client-id";
pub const DEFAULT_CLIENT_SECRET: &str = "emu-client-secret";
pub const DEFAULT_SUBSCRIPTION_KEY: &str = "emu-subscription-key";
pub const DEFAULT_MSN: &str = "123456";
pub const DEFAULT_POST_CLIENT_ID: &str = "emu-post-client-id";
pub const DEFAULT_POST_CLIENT_SECRET: &str = "emu-post-client-secret";
pub const DEFAULT_PARTNER_CLIENT_ID: &str = "emu-partner-client-id";
pub const DEFAULT_PARTNER_CLIENT_SECRET: &str = "emu-partner-client-secret";
pub const DEFAULT_PARTNER_SUBSCRIPTION_KEY: &str = "emu-partner-subscription-key";
pub const DEFAULT_REDIRECT_URIS: [&str; 4] = [
    "http://localhost/callback",
    "http://127.0.0.1/callback",
    "https://example.com/app/callback",
    "com.example.app://callback",
];

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            client_id: DEFAULT_CLIENT_ID.into(),
            client_secret: DEFAULT_CLIENT_SECRET.into(),
            subscription_key: DEFAULT_SUBSCRIPTION_KEY.into(),
            msns: vec![DEFAULT_MSN.into()],
            merchants: 0,
            users: 0,
            standard_lifetime: Duration::from_secs(3600),
            specialized_lifetime: Duration::from_secs(900),
            numeric_expiry: false,
            login_clients: vec![
                LoginClient {
                    client_id: DEFAULT_CLIENT_ID.into(),
                    client_secret: DEFAULT_CLIENT_SECRET.into(),
                    auth_method: AuthMethod::ClientSecretBasic,
                },
                LoginClient {
                    client_id: DEFAULT_POST_CLIENT_ID.into(),
                    client_secret: DEFAULT_POST_CLIENT_SECRET.into(),
                    auth_method: AuthMethod::ClientSecretPost,
                },
            ],
            partner: PartnerKeys {
                client_id: DEFAULT_PARTNER_CLIENT_ID.into(),
                client_secret: DEFAULT_PARTNER_CLIENT_SECRET.into(),
                subscription_key: DEFAULT_PARTNER_SUBSCRIPTION_KEY.into(),
                msns: vec![DEFAULT_MSN.into()],
            },
            redirect_uris: DEFAULT_REDIRECT_URIS.iter().map(|uri| uri.to_string()).collect(),
            code_lifetime: Duration::from_secs(120),
            userinfo_window: Duration::from_secs(600),
            discovery_max_age: Duration::from_secs(3600),
            consent_page: false,
            user: TestUser::default(),
            clock_offset_secs: 0,
            phone_login: PhoneLoginConfig::default(),
            app: AppSite::default(),
        }
    }
}

impl Default for PhoneLoginConfig {
    fn default() -> Self {
        PhoneLoginConfig {
            approval_delay: Duration::from_secs(2),
            interval: Duration::from_secs(5),
            default_expiry: Duration::from_secs(600),
            max_expiry: Duration::from_secs(900),
            max_open_per_user: 3,
            retry_after: Duration::from_secs(10),
        }
    }
}

impl Default for TestUser {
    fn default() -> Self {
        TestUser {
            sub: "c0ffee00-4712-4345-8678-e00000000001".into(),
            phone_number: "4712345678".into(),
            given_name: "Kari".into(),
            family_name: "Nordmann".into(),
            email: "kari.nordmann@example.com".into(),
            birthdate: "1990-01-31".into(),
            nin: "31019000000".into(),
            street_address: "Testveien 1".into(),
            postal_code: "0150".into(),
            region: "Oslo".into(),
            country: "NO".into(),
        }
    }
}
