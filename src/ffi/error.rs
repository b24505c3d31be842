//! The one public error type of the bindings. Each variant carries the stable numeric code
//! the C ABI returns, what happened, and what to do about it. No field holds a secret.
//! Numbers are signed so that Java sees plain `int`s.

use crate::error::Error;

/// Everything that can go wrong, as Kotlin (`VippsAuthException`), Swift and Python see it.
/// `code` is the stable number also used by the C ABI; `hint` says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum VippsAuthError {
    /// Bad configuration or argument, or a call made where it cannot run. Nothing was sent.
    #[error("{detail} (hint: {hint})")]
    Configuration { code: i32, detail: String, hint: String },
    /// The request did not complete: connection, TLS, DNS or timeout.
    #[error("{detail} (hint: {hint})")]
    Network { code: i32, detail: String, hint: String, timed_out: bool },
    /// Vipps answered with an error status (4xx, or 5xx after retries).
    #[error("{detail} (hint: {hint})")]
    ServerRefused {
        code: i32,
        detail: String,
        hint: String,
        /// The HTTP status.
        status: i32,
        /// The OAuth/Azure AD `error` code (`invalid_client`...), if the server gave one.
        error: Option<String>,
        /// The server's own words, with any echoed secret removed.
        description: Option<String>,
    },
    /// The user declined or cancelled the login.
    #[error("{detail} (hint: {hint})")]
    LoginCancelled { code: i32, detail: String, hint: String },
    /// The `state` returned does not match the one sent.
    #[error("{detail} (hint: {hint})")]
    StateMismatch { code: i32, detail: String, hint: String },
    /// An ID token failed one of the verification rules; `rule` names it (`expired`,
    /// `audience`, `signature`...), the same names in every language.
    #[error("{detail} (hint: {hint})")]
    IdTokenInvalid { code: i32, detail: String, hint: String, rule: String },
    /// Vipps answered with something the SDK cannot read.
    #[error("{detail} (hint: {hint})")]
    Protocol { code: i32, detail: String, hint: String },
    /// A bug in the SDK.
    #[error("{detail} (hint: {hint})")]
    Internal { code: i32, detail: String, hint: String },
    /// The login came back with an error from Vipps: `error` is Vipps' code
    /// (`server_error`, `outdated_app_version`...), `description` its words.
    #[error("{detail} (hint: {hint})")]
    LoginFailed { code: i32, detail: String, hint: String, error: String, description: Option<String> },
    /// Vipps would not start a login from phone number: `reason` is `unknown_user`,
    /// `app_too_old` or `too_many_logins` (then `retry_after_ms` says how long to wait).
    #[error("{detail} (hint: {hint})")]
    PhoneLoginRefused { code: i32, detail: String, hint: String, reason: String, retry_after_ms: Option<i64> },
    /// The pending login is older than its expiry: start a new login.
    #[error("{detail} (hint: {hint})")]
    LoginExpired { code: i32, detail: String, hint: String },
    /// A login could not be kept in or taken from the shared store: nothing was sent to Vipps.
    #[error("{detail} (hint: {hint})")]
    StoreUnavailable { code: i32, detail: String, hint: String },
}

impl From<Error> for VippsAuthError {
    fn from(error: Error) -> Self {
        let code = error.code() as i32;
        let (detail, hint) = (error.to_string(), error.hint().to_owned());
        match error {
            Error::Config { .. } => VippsAuthError::Configuration { code, detail, hint },
            Error::Network { timed_out, .. } => VippsAuthError::Network { code, detail, hint, timed_out },
            Error::Refused(server) => VippsAuthError::ServerRefused {
                code,
                detail,
                hint,
                status: i32::from(server.status),
                error: server.error,
                description: server.description,
            },
            Error::Protocol(_) | Error::Callback(_) => VippsAuthError::Protocol { code, detail, hint },
            Error::Internal(_) => VippsAuthError::Internal { code, detail, hint },
            Error::IdToken { rule, .. } => {
                VippsAuthError::IdTokenInvalid { code, detail, hint, rule: rule.name().to_owned() }
            }
            Error::StateMismatch(_) => VippsAuthError::StateMismatch { code, detail, hint },
            Error::LoginCancelled => VippsAuthError::LoginCancelled { code, detail, hint },
            Error::LoginFailed { error, description } => {
                VippsAuthError::LoginFailed { code, detail, hint, error, description }
            }
            Error::PhoneLogin { reason, retry_after, .. } => VippsAuthError::PhoneLoginRefused {
                code,
                detail,
                hint,
                reason: reason.name().to_owned(),
                retry_after_ms: retry_after.map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX)),
            },
            Error::LoginExpired(_) => VippsAuthError::LoginExpired { code, detail, hint },
            Error::StoreUnavailable(_) => VippsAuthError::StoreUnavailable { code, detail, hint },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_c_abi() {
        let errors = [
            Error::config("msn", "bad"),
            Error::Network { message: "refused".into(), timed_out: false },
            Error::Refused(Box::new(crate::ServerError {
                status: 401,
                error: Some("invalid_client".into()),
                description: None,
                hint: "check the keys".into(),
                retry_after: None,
            })),
            Error::protocol("html"),
            Error::Internal("bug".into()),
            Error::IdToken { rule: crate::IdTokenRule::Audience, detail: "wrong".into() },
            Error::StateMismatch("other".into()),
            Error::LoginCancelled,
            Error::LoginFailed { error: "server_error".into(), description: None },
            Error::PhoneLogin { reason: crate::PhoneRefusal::AppTooOld, description: None, retry_after: None },
            Error::LoginExpired(5),
            Error::StoreUnavailable("down".into()),
        ];
        for error in errors {
            let status = crate::capi::status::vipps_status::from(&error) as i32;
            let code = match VippsAuthError::from(error) {
                VippsAuthError::Configuration { code, .. }
                | VippsAuthError::Network { code, .. }
                | VippsAuthError::ServerRefused { code, .. }
                | VippsAuthError::LoginCancelled { code, .. }
                | VippsAuthError::StateMismatch { code, .. }
                | VippsAuthError::IdTokenInvalid { code, .. }
                | VippsAuthError::Protocol { code, .. }
                | VippsAuthError::Internal { code, .. }
                | VippsAuthError::LoginFailed { code, .. }
                | VippsAuthError::PhoneLoginRefused { code, .. }
                | VippsAuthError::LoginExpired { code, .. }
                | VippsAuthError::StoreUnavailable { code, .. } => code,
            };
            assert_eq!(code, status);
        }
    }
}
