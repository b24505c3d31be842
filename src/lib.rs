//! # vipps-auth
//!
//! Authentication for Vipps MobilePay, done once and shared by every language: machine
//! access tokens with a cache that never stampedes, and (in later releases) Login, login
//! from phone number and app-to-app login.
//!
//! ```no_run
//! use vipps_auth::{Config, Environment, MerchantCredentials, TokenManager};
//! # async fn run() -> vipps_auth::Result<()> {
//! let tokens = TokenManager::new(Config::new(Environment::Test))?;
//! let keys = MerchantCredentials::new("client-id", "client-secret", "subscription-key", None)?;
//! let token = tokens.access_token(&keys.into()).await?;
//! println!("Authorization: {}", token.token_type());
//! # Ok(()) }
//! ```

pub mod app;
mod bounds;
pub mod capi;
pub mod config;
pub mod error;
pub mod ffi;
#[cfg(fuzzing)]
pub mod fuzzing;
mod http;
pub mod login;
pub mod metrics;
pub mod phone;
mod sealed;
pub mod secret;
mod shared_work;
pub mod store;
pub mod token;
mod wipe;

pub use app::{parse_app_url, AppUrl, CodeHandoff};
pub use config::{
    Config, Credentials, Environment, HttpOptions, MerchantCredentials, Proxy, SpecializedCredentials, SystemInfo,
};
pub use error::{Error, ErrorCode, Result, ServerError};
pub use http::runtime::block_on;
pub use login::{
    AppFlow, AuthorizeRequest, IdTokenRule, LoginAuth, LoginClient, LoginOptions, LoginOutcome, PendingLogin, Scope,
    Scopes,
};
pub use metrics::{metrics, metrics_prometheus, MetricsSnapshot};
pub use phone::{
    BindingMessage, Cancellation, PhoneLogin, PhoneLoginOutcome, PhoneLoginProgress, PhoneLoginRequest, PhoneNumber,
    PhoneRefusal,
};
pub use secret::Secret;
pub use token::{AccessToken, Grant, TokenManager};

/// The library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

uniffi::setup_scaffolding!("vipps_auth");
