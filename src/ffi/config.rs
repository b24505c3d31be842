//! Configuration: an object checked when it is made (the error names the first bad field),
//! built from plain records with defaults. Numbers are signed, so Java sees plain `long` and
//! `int`; a negative value is refused like any other bad setting.

use super::environment::Environment;
use super::error::VippsAuthError;
use crate::config as core;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

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
            Proxy::Url { url } => write!(f, "Url({})", crate::config::shown_proxy_url(url)),
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
    pub connect_timeout_ms: i64,
    /// Time allowed for one attempt, from sending to the end of the body.
    #[uniffi(default = 10000)]
    pub request_timeout_ms: i64,
    /// Time allowed for a whole call, retries included.
    #[uniffi(default = 30000)]
    pub total_timeout_ms: i64,
    /// Retries after the first attempt (network errors, 5xx, 429): 0 to 20.
    #[uniffi(default = 4)]
    pub max_retries: i32,
    /// `None`: the proxy the process environment names, if any.
    #[uniffi(default = None)]
    pub proxy: Option<Proxy>,
    /// Extra PEM root certificates to trust besides the built-in Mozilla roots.
    #[uniffi(default = [])]
    pub extra_root_certificates_pem: Vec<String>,
}

/// Everything but the keys: one config serves any number of credentials. Immutable.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Config {
    pub(crate) inner: core::Config,
}

#[uniffi::export]
impl Config {
    /// Checks every setting; the error names the first one that is wrong. `None` means the
    /// defaults: no `Vipps-System-*` headers, and the timeouts and retries of [`HttpOptions`].
    #[uniffi::constructor(default(system_info = None, http = None))]
    pub fn new(
        environment: Arc<Environment>,
        system_info: Option<SystemInfo>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, VippsAuthError> {
        let inner = core::Config {
            environment: environment.inner.clone(),
            system: system_info.unwrap_or_default().into(),
            http: http.unwrap_or_default().try_into()?,
        };
        inner.validate()?;
        Ok(Arc::new(Config { inner }))
    }

    /// The environment `VIPPS_ENV` names (`test`, `production` or a base URL) with the
    /// defaults for everything else; a missing or unknown one is refused with what to set.
    #[uniffi::constructor]
    pub fn from_env() -> Result<Arc<Self>, VippsAuthError> {
        Ok(Arc::new(Config { inner: core::Config::from_env()? }))
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let http = HttpOptions::from(self.inner.http.clone());
        let proxy = http.proxy.map_or("from the process environment".to_owned(), |p| p.to_string());
        write!(
            f,
            "Config({}, timeouts {}/{}/{} ms, {} retries, proxy {proxy})",
            self.inner.environment.base_url().map(|u| u.to_string()).unwrap_or_default(),
            http.connect_timeout_ms,
            http.request_timeout_ms,
            http.total_timeout_ms,
            http.max_retries
        )
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Default for HttpOptions {
    fn default() -> Self {
        core::HttpOptions::default().into()
    }
}

impl From<core::HttpOptions> for HttpOptions {
    fn from(http: core::HttpOptions) -> Self {
        let millis = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        HttpOptions {
            connect_timeout_ms: millis(http.connect_timeout),
            request_timeout_ms: millis(http.request_timeout),
            total_timeout_ms: millis(http.total_timeout),
            max_retries: i32::try_from(http.max_retries).unwrap_or(i32::MAX),
            proxy: match http.proxy {
                core::Proxy::FromEnvironment => None,
                core::Proxy::None => Some(Proxy::Direct),
                core::Proxy::Url(url) => Some(Proxy::Url { url }),
            },
            extra_root_certificates_pem: http.extra_root_certificates_pem,
        }
    }
}

impl TryFrom<HttpOptions> for core::HttpOptions {
    type Error = crate::Error;

    fn try_from(http: HttpOptions) -> crate::Result<Self> {
        let millis = |field: &'static str, ms: i64| {
            u64::try_from(ms)
                .map(Duration::from_millis)
                .map_err(|_| crate::Error::config(field, "must not be negative"))
        };
        Ok(core::HttpOptions {
            connect_timeout: millis("connect_timeout_ms", http.connect_timeout_ms)?,
            request_timeout: millis("request_timeout_ms", http.request_timeout_ms)?,
            total_timeout: millis("total_timeout_ms", http.total_timeout_ms)?,
            max_retries: u32::try_from(http.max_retries)
                .map_err(|_| crate::Error::config("max_retries", "must not be negative"))?,
            proxy: match http.proxy {
                None => core::Proxy::FromEnvironment,
                Some(Proxy::Direct) => core::Proxy::None,
                Some(Proxy::Url { url }) => core::Proxy::Url(url),
            },
            extra_root_certificates_pem: http.extra_root_certificates_pem,
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_cores() {
        let back: core::HttpOptions = HttpOptions::default().try_into().unwrap();
        assert_eq!(back, core::HttpOptions::default());
    }

    #[test]
    fn a_negative_number_is_named() {
        let http = HttpOptions { max_retries: -1, ..Default::default() };
        let err = core::HttpOptions::try_from(http).unwrap_err();
        assert!(err.to_string().contains("max_retries"), "{err}");
    }

    #[test]
    fn a_proxy_password_is_not_shown() {
        let proxy = Proxy::Url { url: "http://user:pr0xy-pass@proxy.example:3128".into() };
        let text = format!("{proxy} {proxy:?}");
        assert!(!text.contains("pr0xy-pass") && text.contains("proxy.example"), "{text}");
    }

    #[test]
    fn a_bad_field_is_named() {
        let http = HttpOptions { total_timeout_ms: 0, ..Default::default() };
        let err = Config::new(Environment::test(), None, Some(http)).unwrap_err();
        assert!(err.to_string().contains("total_timeout"), "{err}");
    }

    #[test]
    fn the_text_form_hides_a_proxy_password() {
        let proxy = Some(Proxy::Url { url: "http://user:pr0xy-pass@proxy.example:3128".into() });
        let config = Config::new(Environment::test(), None, Some(HttpOptions { proxy, ..Default::default() })).unwrap();
        let text = format!("{config} {config:?}");
        assert!(!text.contains("pr0xy-pass") && text.contains("proxy.example"), "{text}");
    }
}
