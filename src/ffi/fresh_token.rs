//! A token with how long it stays fresh: what the bindings' token sources remember, so that a
//! cached get is answered on the foreign side without crossing the FFI at all.

use super::access_token::AccessToken;
use crate::token;

/// The cache would return this same token, without a request, for `fresh_for_ms` more
/// milliseconds; remember it that long at most (0: do not remember it — it is stale, and
/// asking again lets the cache refresh it).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct FreshToken {
    pub token: AccessToken,
    pub fresh_for_ms: i64,
}

impl From<token::FreshToken> for FreshToken {
    fn from(fresh: token::FreshToken) -> Self {
        let fresh_for_ms = i64::try_from(fresh.fresh_for.as_millis()).unwrap_or(i64::MAX);
        FreshToken { token: fresh.token.into(), fresh_for_ms }
    }
}
