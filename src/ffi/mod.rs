//! The UniFFI surface: what Kotlin, Swift and Python see. Thin objects and records over the
//! core, with no behaviour of their own; the generated bindings add only idiom.
//!
//! To export a new job: add a file here with its records and a thin object holding the core
//! type, convert core errors with `?` (see [`error`]), and regenerate with
//! `scripts/gen-bindings.sh`. Nothing else changes.

mod access_token;
mod app_to_app;
mod app_url;
mod config;
mod credentials;
mod environment;
mod error;
mod fresh_token;
mod logger;
mod login_checks;
mod login_client;
mod login_types;
mod metrics;
mod on_runtime;
mod phone_login;
mod phone_number;
mod store;
mod token_manager;
mod user_info;

pub use access_token::{decode_token_response, AccessToken};
pub use app_to_app::{
    app_link_files, authorize_on_device, check_app_links, code_handoff, code_handoff_from_device, AppLinkFiles,
    AppLinksReport,
};
pub use app_url::{parse_app_url, AppUrlOutcome};
pub use config::{Config, HttpOptions, Proxy, SystemInfo};
pub use credentials::Credentials;
pub use environment::Environment;
pub use error::VippsAuthError;
pub use fresh_token::FreshToken;
pub use logger::{set_logger, LogLevel, LogRecord, Logger};
pub use login_checks::{
    check_redirect_uri, decode_login_token_answer, parse_login_callback, verify_id_token_offline, CallbackOutcome,
    IdTokenVerifier,
};
pub use login_client::LoginClient;
pub use login_types::{
    AppFlow, Authorization, AuthorizeRequest, CompletedLogin, IdTokenClaims, LoginResult, PendingLogin,
};
pub use metrics::{metrics, metrics_prometheus, record_cached_gets, MetricFamily, MetricSample, MetricsSnapshot};
pub use phone_login::{
    parse_phone_login_ping, PhoneLogin, PhoneLoginListener, PhoneLoginProgress, PhoneLoginRequest, PhoneLoginResult,
    PhoneLoginStatus,
};
pub use phone_number::{check_binding_message, generate_binding_message, PhoneNumber};
pub use store::RedisStore;
pub use token_manager::TokenManager;
pub use user_info::{Address, UserInfo};

/// The library's version, the same in every language.
#[uniffi::export]
pub fn version() -> String {
    crate::VERSION.to_owned()
}
