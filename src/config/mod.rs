//! Configuration: where Vipps is, who is calling, and how to talk HTTP.

mod credentials;
mod digest;
mod environment;
mod from_env;
mod header_value;
mod http_options;
mod quoted;
mod system_info;

pub(crate) use credentials::check_msn;
pub use credentials::{Credentials, MerchantCredentials, SpecializedCredentials};
pub(crate) use digest::CredentialsDigest;
pub use environment::{Environment, PRODUCTION_BASE_URL, TEST_BASE_URL};
pub(crate) use http_options::shown_proxy_url;
pub use http_options::{HttpOptions, Proxy};
pub(crate) use quoted::quoted;
pub use system_info::SystemInfo;

use crate::error::Result;

/// Everything but the keys: the same configuration serves any number of credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub environment: Environment,
    pub system: SystemInfo,
    pub http: HttpOptions,
}

impl Config {
    pub fn new(environment: Environment) -> Self {
        Config { environment, system: SystemInfo::default(), http: HttpOptions::default() }
    }

    /// Checks every field; the error names the first field that is wrong.
    pub fn validate(&self) -> Result<()> {
        self.environment.base_url()?;
        self.system.validate()?;
        self.http.validate()
    }
}
