//! The token as the bindings hand it out: a record, so a cached get is one call across the
//! boundary, whose `toString`/`repr`/`description` never show the value.

use super::error::VippsAuthError;
use crate::token::{self, Grant};
use std::fmt;
use std::time::SystemTime;

/// An access token to send as `Authorization: <token_type> <value>`.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct AccessToken {
    /// The token itself. Keep it out of logs.
    pub value: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// When Vipps stops accepting it; the manager refreshes well before.
    pub expires_at: SystemTime,
}

impl From<token::AccessToken> for AccessToken {
    fn from(token: token::AccessToken) -> Self {
        let (token_type, expires_at) = (token.token_type().to_owned(), token.expires_at());
        AccessToken { value: token.into_secret().into_string(), token_type, expires_at }
    }
}

impl From<Grant> for AccessToken {
    fn from(grant: Grant) -> Self {
        let expires_at = grant.expires_at();
        AccessToken { value: grant.access_token.into_string(), token_type: grant.token_type.to_owned(), expires_at }
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unix = self.expires_at.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_secs();
        write!(f, "AccessToken({}, expires_at={unix}, value redacted)", self.token_type)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Decodes a token endpoint's answer exactly as the token manager does: `http_status` and
/// `body` as received, `sent_at` when the request was sent. The shared test vectors use it,
/// and so can code that calls Vipps itself.
#[uniffi::export]
pub fn decode_token_response(
    http_status: i32,
    body: Vec<u8>,
    sent_at: SystemTime,
) -> Result<AccessToken, VippsAuthError> {
    let status = u16::try_from(http_status)
        .map_err(|_| crate::Error::config("http_status", format!("not an HTTP status: {http_status}")))?;
    Ok(token::decode_token_response(status, &body, sent_at, &[])?.into())
}
