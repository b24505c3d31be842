//! The token handed to callers.

use crate::secret::Secret;
use std::fmt;
use std::time::{Duration, SystemTime};

/// An access token to send as `Authorization: Bearer …`. `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    pub(crate) value: Secret,
    pub(crate) token_type: &'static str,
    pub(crate) expires_at: SystemTime,
}

impl AccessToken {
    /// The token itself (`value` in every binding too). Keep it out of logs.
    pub fn value(&self) -> &str {
        self.value.expose()
    }

    /// Always `Bearer`.
    pub fn token_type(&self) -> &'static str {
        self.token_type
    }

    /// The token's value, moved out without a copy (the C ABI hands it on).
    pub(crate) fn into_secret(self) -> Secret {
        self.value
    }

    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// Time left, zero once expired.
    pub fn expires_in(&self) -> Duration {
        self.expires_at.duration_since(SystemTime::now()).unwrap_or_default()
    }

    /// The value for an `Authorization` header.
    pub fn authorization_header(&self) -> String {
        format!("{} {}", self.token_type, self.value.expose())
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("value", &self.value)
            .field("token_type", &self.token_type)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}
