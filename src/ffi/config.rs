//! Configuration records: plain data with defaults, checked when a manager is made.

use crate::config as core;
use std::fmt;
use std::time::Duration;

/// Where Vipps is.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Environment {
    /// `https://apitest.vipps.no`, with test keys.
    Test,
    /// `https://api.vipps.no`, with production keys.
    Production,
    /// Any other base URL: the emulator, a gateway. `http` is allowed for loopback hosts only.
    Custom { base_url: String },
}

/// A proxy setting other than the default (`HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` from the
/// process environment). Its text form hides a password in the proxy URL.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug, Display)]
pub enum Proxy {
    /// Connect directly, whatever the environment says.
    Direct,
    /// This proxy URL for every request.
    Url { url: String },
}

impl fmt::Display for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Proxy::Direct => f.write_str("Direct"),
            Proxy::Url { url } => match url::Url::parse(url) {
                Ok(mut parsed) if parsed.password().is_some() => {
                    let _ = parsed.set_password(Some("redacted"));
                    write!(f, "Url({parsed})")
                }
                Ok(_) => write!(f, "Url({url})"),
                Err(_) => f.write_str("Url(<not a URL>)"),
            },
        }
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The `Vipps-System-*` headers sent on every request (at most 30 characters each).
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct SystemInfo {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub version: Option<String>,
    #[uniffi(default = None)]
    pub plugin_name: Option<String>,
    #[uniffi(default = None)]
    pub plugin_version: Option<String>,
}

/// How the SDK talks HTTP. The defaults suit a server talking to Vipps over the internet.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct HttpOptions {
    /// Time allowed to open a connection (TCP + TLS).
    #[uniffi(default = 5000)]
    pub connect_timeout_ms: u64,
    /// Time allowed for one attempt, from sending to the end of the body.
    #[uniffi(default = 10000)]
    pub request_timeout_ms: u64,
    /// Time allowed for a whole call, retries included.
    #[uniffi(default = 30000)]
    pub total_timeout_ms: u64,
    /// Retries after the first attempt (network errors, 5xx, 429).
    #[uniffi(default = 4)]
    pub max_retries: u32,
    /// `None`: the proxy the process environment names, if any.
    #[uniffi(default = None)]
    pub proxy: Option<Proxy>,
    /// Extra PEM root certificates to trust besides the built-in Mozilla roots.
    #[uniffi(default = [])]
    pub extra_root_certificates_pem: Vec<String>,
}

/// Everything but the keys: one config serves any number of credentials.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Config {
    pub environment: Environment,
    #[uniffi(default)]
    pub system_info: SystemInfo,
    #[uniffi(default)]
    pub http: HttpOptions,
}

impl Default for HttpOptions {
    fn default() -> Self {
        core::HttpOptions::default().into()
    }
}

impl From<core::HttpOptions> for HttpOptions {
    fn from(http: core::HttpOptions) -> Self {
        let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        HttpOptions {
            connect_timeout_ms: millis(http.connect_timeout),
            request_timeout_ms: millis(http.request_timeout),
            total_timeout_ms: millis(http.total_timeout),
            max_retries: http.max_retries,
            proxy: match http.proxy {
                core::Proxy::FromEnvironment => None,
                core::Proxy::None => Some(Proxy::Direct),
                core::Proxy::Url(url) => Some(Proxy::Url { url }),
            },
            extra_root_certificates_pem: http.extra_root_certificates_pem,
        }
    }
}

impl From<HttpOptions> for core::HttpOptions {
    fn from(http: HttpOptions) -> Self {
        core::HttpOptions {
            connect_timeout: Duration::from_millis(http.connect_timeout_ms),
            request_timeout: Duration::from_millis(http.request_timeout_ms),
            total_timeout: Duration::from_millis(http.total_timeout_ms),
            max_retries: http.max_retries,
            proxy: match http.proxy {
                None => core::Proxy::FromEnvironment,
                Some(Proxy::Direct) => core::Proxy::None,
                Some(Proxy::Url { url }) => core::Proxy::Url(url),
            },
            extra_root_certificates_pem: http.extra_root_certificates_pem,
        }
    }
}

impl From<SystemInfo> for core::SystemInfo {
    fn from(info: SystemInfo) -> Self {
        core::SystemInfo {
            name: info.name,
            version: info.version,
            plugin_name: info.plugin_name,
            plugin_version: info.plugin_version,
        }
    }
}

impl TryFrom<Config> for core::Config {
    type Error = crate::Error;

    /// Checks every field; the error names the first one that is wrong.
    fn try_from(config: Config) -> crate::Result<Self> {
        let environment = match config.environment {
            Environment::Test => core::Environment::Test,
            Environment::Production => core::Environment::Production,
            Environment::Custom { base_url } => core::Environment::Custom(base_url),
        };
        let config = core::Config { environment, system: config.system_info.into(), http: config.http.into() };
        config.validate()?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_cores() {
        let back: core::HttpOptions = HttpOptions::default().into();
        assert_eq!(back, core::HttpOptions::default());
    }

    #[test]
    fn a_proxy_password_is_not_shown() {
        let proxy = Proxy::Url { url: "http://user:pr0xy-pass@proxy.example:3128".into() };
        let text = format!("{proxy} {proxy:?}");
        assert!(!text.contains("pr0xy-pass") && text.contains("proxy.example"), "{text}");
    }

    #[test]
    fn a_bad_field_is_named() {
        let config = Config {
            environment: Environment::Custom { base_url: "http://example.com".into() },
            system_info: SystemInfo::default(),
            http: HttpOptions::default(),
        };
        let err = core::Config::try_from(config).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Configuration, "{err}");
    }
}
