//! Where Vipps is, as an object: every way to make one is checked at once, so a mistake
//! (an unknown name, `http` off loopback) fails where it is written, not at the first call.

use super::error::VippsAuthError;
use crate::config as core;
use std::fmt;
use std::sync::Arc;

/// The Vipps environment: `test`, `production`, or a base URL (the emulator, a gateway).
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Environment {
    pub(crate) inner: core::Environment,
}

#[uniffi::export]
impl Environment {
    /// `"test"`, `"production"` or a base URL, as in `VIPPS_ENV` and the C API.
    #[uniffi::constructor]
    pub fn new(name_or_url: String) -> Result<Arc<Self>, VippsAuthError> {
        Self::checked(core::Environment::parse(&name_or_url)?)
    }

    /// `https://apitest.vipps.no`, with test keys and test users.
    #[uniffi::constructor]
    pub fn test() -> Arc<Self> {
        Arc::new(Environment { inner: core::Environment::Test })
    }

    /// `https://api.vipps.no`, with production keys.
    #[uniffi::constructor]
    pub fn production() -> Arc<Self> {
        Arc::new(Environment { inner: core::Environment::Production })
    }

    /// Any other base URL: `https`, or `http` for loopback hosts only (the emulator).
    #[uniffi::constructor]
    pub fn custom(base_url: String) -> Result<Arc<Self>, VippsAuthError> {
        Self::checked(core::Environment::Custom(base_url))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.inner.base_url().map(|url| url.as_str().trim_end_matches('/').to_owned()).unwrap_or_default()
    }
}

impl Environment {
    fn checked(inner: core::Environment) -> Result<Arc<Self>, VippsAuthError> {
        inner.base_url()?;
        Ok(Arc::new(Environment { inner }))
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            core::Environment::Test => f.write_str("Environment(test)"),
            core::Environment::Production => f.write_str("Environment(production)"),
            core::Environment::Custom(_) => write!(f, "Environment({})", self.base_url()),
        }
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
