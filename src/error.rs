//! Errors: a rich enum inside the core, one small public [`ErrorCode`] shared by every
//! binding and the C ABI. No variant carries a secret; server messages are scrubbed.

pub use crate::login::IdTokenRule;
pub use crate::phone::PhoneRefusal;
use std::fmt;
use std::time::Duration;

/// The stable public error codes. The numbers never change: the C ABI returns them and the
/// Python, Kotlin and Swift bindings expose them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ErrorCode {
    /// Bad configuration or argument, or a call made where it cannot run.
    Configuration = 1,
    /// The request did not complete: connection, TLS, DNS or timeout.
    Network = 2,
    /// Vipps answered with an error status (4xx, or 5xx after retries).
    ServerRefused = 3,
    /// The user declined or cancelled the login.
    LoginCancelled = 4,
    /// The `state` returned does not match the one sent.
    StateMismatch = 5,
    /// An ID token failed one of the verification rules.
    IdTokenInvalid = 6,
    /// Vipps answered with something the SDK cannot read.
    Protocol = 7,
    /// A bug in the SDK.
    Internal = 8,
    /// The login came back with an error from Vipps (`server_error`, `outdated_app_version`...).
    LoginFailed = 9,
    /// Vipps would not start a login from phone number: unknown or ineligible user, an app
    /// too old, or too many logins open toward the user.
    PhoneLoginRefused = 10,
    /// The pending login is older than its expiry: start a new login.
    LoginExpired = 11,
    /// A login could not be kept in or taken from the shared store (Redis down, refusing or
    /// too slow): nothing was sent to Vipps; try again.
    StoreUnavailable = 12,
}

impl ErrorCode {
    /// Every code, in number order.
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::Configuration,
        ErrorCode::Network,
        ErrorCode::ServerRefused,
        ErrorCode::LoginCancelled,
        ErrorCode::StateMismatch,
        ErrorCode::IdTokenInvalid,
        ErrorCode::Protocol,
        ErrorCode::Internal,
        ErrorCode::LoginFailed,
        ErrorCode::PhoneLoginRefused,
        ErrorCode::LoginExpired,
        ErrorCode::StoreUnavailable,
    ];

    /// Stable lower-case name, as used in the shared test vectors.
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::Configuration => "configuration",
            ErrorCode::Network => "network",
            ErrorCode::ServerRefused => "server_refused",
            ErrorCode::LoginCancelled => "login_cancelled",
            ErrorCode::StateMismatch => "state_mismatch",
            ErrorCode::IdTokenInvalid => "id_token_invalid",
            ErrorCode::Protocol => "protocol",
            ErrorCode::Internal => "internal",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::PhoneLoginRefused => "phone_login_refused",
            ErrorCode::LoginExpired => "login_expired",
            ErrorCode::StoreUnavailable => "store_unavailable",
        }
    }
}

/// A refusal from Vipps: the HTTP status, the server's own words and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerError {
    pub status: u16,
    /// The OAuth/Azure AD `error` code (`invalid_client`, `unauthorized_client`, ...), if any.
    pub error: Option<String>,
    /// The server's message (`error_description`, APIM `message`, problem `detail`...).
    pub description: Option<String>,
    /// What the integrator can do about it.
    pub hint: String,
    /// How long the server asked us to wait, when it said so.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Vipps refused the request: HTTP {}", self.status)?;
        if let Some(error) = &self.error {
            write!(f, " {error}")?;
        }
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong, in enough detail to act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("invalid configuration: {field}: {reason}")]
    Config { field: &'static str, reason: String },
    #[error("network error: {message}")]
    Network { message: String, timed_out: bool },
    #[error("{0}")]
    Refused(Box<ServerError>),
    #[error("malformed response from Vipps: {0}")]
    Protocol(String),
    /// What the app passed as a callback is not one Vipps sends (public code: Protocol).
    #[error("not a login callback: {0}")]
    Callback(String),
    /// An ID token broke one rule; `detail` says how (never the token itself).
    #[error("ID token refused ({}): {detail}", rule.name())]
    IdToken { rule: IdTokenRule, detail: String },
    /// The callback does not belong to this pending login, or the login was already completed.
    #[error("state mismatch: {0}")]
    StateMismatch(String),
    /// The user cancelled (`access_denied`) where only a completed login makes sense.
    #[error("the user cancelled the login")]
    LoginCancelled,
    /// Vipps sent the user back with an error.
    #[error("the login failed at Vipps: {error}{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    LoginFailed { error: String, description: Option<String> },
    /// Vipps would not start a phone login for this user.
    #[error("phone login refused ({}): {}", reason.name(), description.as_deref().unwrap_or("no description"))]
    PhoneLogin { reason: PhoneRefusal, description: Option<String>, retry_after: Option<Duration> },
    /// A pending login past its expiry (15 minutes by default).
    #[error("the pending login expired {0} s ago")]
    LoginExpired(u64),
    /// A login could not be kept in or taken from the shared store; says which, and why.
    #[error("shared store unavailable: {0}")]
    StoreUnavailable(String),
    #[error("internal error in vipps-auth: {0}")]
    Internal(String),
}

impl Error {
    pub(crate) fn config(field: &'static str, reason: impl Into<String>) -> Self {
        Error::Config { field, reason: reason.into() }
    }

    pub(crate) fn protocol(reason: impl Into<String>) -> Self {
        Error::Protocol(reason.into())
    }

    pub(crate) fn callback(reason: impl Into<String>) -> Self {
        Error::Callback(reason.into())
    }

    /// The public code this error maps to.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Config { .. } => ErrorCode::Configuration,
            Error::Network { .. } => ErrorCode::Network,
            Error::Refused(_) => ErrorCode::ServerRefused,
            Error::Protocol(_) | Error::Callback(_) => ErrorCode::Protocol,
            Error::Internal(_) => ErrorCode::Internal,
            Error::IdToken { .. } => ErrorCode::IdTokenInvalid,
            Error::StateMismatch(_) => ErrorCode::StateMismatch,
            Error::LoginCancelled => ErrorCode::LoginCancelled,
            Error::LoginFailed { .. } => ErrorCode::LoginFailed,
            Error::PhoneLogin { .. } => ErrorCode::PhoneLoginRefused,
            Error::LoginExpired(_) => ErrorCode::LoginExpired,
            Error::StoreUnavailable(_) => ErrorCode::StoreUnavailable,
        }
    }

    /// What the integrator can do about it.
    pub fn hint(&self) -> &str {
        match self {
            Error::Config { .. } => "Fix the named setting; nothing was sent to Vipps.",
            Error::Network { timed_out: true, .. } => {
                "Vipps did not answer in time: check connectivity and proxy settings, or raise the timeouts."
            }
            Error::Network { .. } => {
                "Could not reach Vipps: check the base URL, DNS, proxy settings and extra root certificates."
            }
            Error::Refused(server) => &server.hint,
            Error::Protocol(_) => {
                "The answer was not what Vipps documents: check the base URL points at Vipps (not a proxy's error page)."
            }
            Error::Callback(_) => {
                "Pass the whole URL your redirect URI was called with, query included (Vipps puts `code` or `error`, and `state`, there): a URL cut short or rewritten on the way is refused."
            }
            Error::Internal(_) => "Please report this as a bug in vipps-auth.",
            Error::IdToken { rule, .. } => rule.hint(),
            Error::StateMismatch(_) => {
                "Complete a login only with the callback of the same browser session, once: a stale or replayed callback, or one meant for another login, is refused."
            }
            Error::LoginCancelled => "The user chose not to log in: offer to try again.",
            Error::LoginFailed { error, .. } => crate::login::hints::callback_error(error),
            Error::PhoneLogin { reason, .. } => reason.hint(),
            Error::LoginExpired(_) => {
                "The user took longer than the pending login allows (LoginOptions::pending_lifetime): start a new login."
            }
            Error::StoreUnavailable(_) => {
                "Check that Redis is up and reachable within the store's timeout; nothing was sent to Vipps, so the login can be tried again."
            }
        }
    }

    /// The server's refusal, when this error is one.
    pub fn server_error(&self) -> Option<&ServerError> {
        match self {
            Error::Refused(server) => Some(server),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
