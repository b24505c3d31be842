//! The one public error type of the bindings. Each variant carries the stable numeric code
//! the C ABI returns, what happened, and what to do about it. No field holds a secret.

use crate::error::Error;

/// Everything that can go wrong, as Kotlin (`VippsAuthException`), Swift and Python see it.
/// `code` is the stable number also used by the C ABI; `hint` says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum VippsAuthError {
    /// Bad configuration or argument, or a call made where it cannot run. Nothing was sent.
    #[error("{detail} (hint: {hint})")]
    Configuration { code: u32, detail: String, hint: String },
    /// The request did not complete: connection, TLS, DNS or timeout.
    #[error("{detail} (hint: {hint})")]
    Network { code: u32, detail: String, hint: String, timed_out: bool },
    /// Vipps answered with an error status (4xx, or 5xx after retries).
    #[error("{detail} (hint: {hint})")]
    ServerRefused {
        code: u32,
        detail: String,
        hint: String,
        /// The HTTP status.
        status: u16,
        /// The OAuth/Azure AD `error` code (`invalid_client`...), if the server gave one.
        error: Option<String>,
        /// The server's own words, with any echoed secret removed.
        description: Option<String>,
    },
    /// The user declined or cancelled the login.
    #[error("{detail} (hint: {hint})")]
    LoginCancelled { code: u32, detail: String, hint: String },
    /// The `state` returned does not match the one sent.
    #[error("{detail} (hint: {hint})")]
    StateMismatch { code: u32, detail: String, hint: String },
    /// An ID token failed one of the verification rules.
    #[error("{detail} (hint: {hint})")]
    IdTokenInvalid { code: u32, detail: String, hint: String },
    /// Vipps answered with something the SDK cannot read.
    #[error("{detail} (hint: {hint})")]
    Protocol { code: u32, detail: String, hint: String },
    /// A bug in the SDK.
    #[error("{detail} (hint: {hint})")]
    Internal { code: u32, detail: String, hint: String },
}

impl From<Error> for VippsAuthError {
    fn from(error: Error) -> Self {
        let code = error.code() as u32;
        let (detail, hint) = (error.to_string(), error.hint().to_owned());
        match error {
            Error::Config { .. } => VippsAuthError::Configuration { code, detail, hint },
            Error::Network { timed_out, .. } => VippsAuthError::Network { code, detail, hint, timed_out },
            Error::Refused(server) => VippsAuthError::ServerRefused {
                code,
                detail,
                hint,
                status: server.status,
                error: server.error,
                description: server.description,
            },
            Error::Protocol(_) => VippsAuthError::Protocol { code, detail, hint },
            Error::Internal(_) => VippsAuthError::Internal { code, detail, hint },
        }
    }
}

/// A panic or a broken callback in the generated glue surfaces as an internal error.
impl From<uniffi::UnexpectedUniFFICallbackError> for VippsAuthError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Error::Internal(format!("callback failed: {}", error.reason)).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_c_abi() {
        let config: VippsAuthError = Error::config("msn", "bad").into();
        assert!(matches!(config, VippsAuthError::Configuration { code: 1, .. }), "{config:?}");
        let network: VippsAuthError = Error::Network { message: "x".into(), timed_out: true }.into();
        assert!(matches!(network, VippsAuthError::Network { code: 2, timed_out: true, .. }), "{network:?}");
        let internal: VippsAuthError = Error::Internal("x".into()).into();
        assert!(matches!(internal, VippsAuthError::Internal { code: 8, .. }), "{internal:?}");
    }
}
