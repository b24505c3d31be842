//! Status codes: 0 for success, otherwise the public error code every binding shares.

use crate::error::{Error, ErrorCode};

/// What a fallible `vipps_*` function returns. Nonzero values equal the error codes of the
/// Python, Kotlin and Swift bindings.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum vipps_status {
    Ok = 0,
    /// A bad setting or argument (including NULL pointers and invalid UTF-8), or a blocking
    /// call from an async runtime thread.
    Configuration = 1,
    Network = 2,
    ServerRefused = 3,
    LoginCancelled = 4,
    StateMismatch = 5,
    IdTokenInvalid = 6,
    Protocol = 7,
    Internal = 8,
    LoginFailed = 9,
    PhoneLoginRefused = 10,
    LoginExpired = 11,
    StoreUnavailable = 12,
}

impl From<ErrorCode> for vipps_status {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::Configuration => vipps_status::Configuration,
            ErrorCode::Network => vipps_status::Network,
            ErrorCode::ServerRefused => vipps_status::ServerRefused,
            ErrorCode::LoginCancelled => vipps_status::LoginCancelled,
            ErrorCode::StateMismatch => vipps_status::StateMismatch,
            ErrorCode::IdTokenInvalid => vipps_status::IdTokenInvalid,
            ErrorCode::Protocol => vipps_status::Protocol,
            ErrorCode::Internal => vipps_status::Internal,
            ErrorCode::LoginFailed => vipps_status::LoginFailed,
            ErrorCode::PhoneLoginRefused => vipps_status::PhoneLoginRefused,
            ErrorCode::LoginExpired => vipps_status::LoginExpired,
            ErrorCode::StoreUnavailable => vipps_status::StoreUnavailable,
        }
    }
}

impl From<&Error> for vipps_status {
    fn from(error: &Error) -> Self {
        error.code().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The C codes are written out for cbindgen; they must stay equal to the shared ones.
    #[test]
    fn numbers_match_the_public_error_codes() {
        let all = [
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
        for code in all {
            assert_eq!(vipps_status::from(code) as u32, code as u32, "{code:?}");
        }
    }
}
