//! Transport settings: timeouts, retry budget, proxy, extra root certificates.

use crate::error::{Error, Result};
use std::fmt;
use std::time::Duration;

/// How the SDK talks HTTP. The defaults suit a server talking to Vipps over the internet.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HttpOptions {
    /// Time allowed to open a connection (TCP + TLS). Default 5 s.
    pub connect_timeout: Duration,
    /// Time allowed for one attempt, from sending to the end of the body. Default 10 s.
    pub request_timeout: Duration,
    /// Time allowed for a whole call including retries. Default 30 s.
    pub total_timeout: Duration,
    /// Retries after the first attempt (network errors, 5xx, 429). Default 4.
    pub max_retries: u32,
    pub proxy: Proxy,
    /// Extra PEM root certificates to trust (a corporate TLS-inspecting proxy, say), in
    /// addition to the built-in Mozilla roots.
    pub extra_root_certificates_pem: Vec<String>,
}

/// Which proxy to use. Its text forms hide a password in the URL.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub enum Proxy {
    /// `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` from the environment.
    #[default]
    FromEnvironment,
    /// No proxy, whatever the environment says.
    None,
    /// This proxy URL for every request.
    Url(String),
}

impl fmt::Display for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Proxy::FromEnvironment => f.write_str("FromEnvironment"),
            Proxy::None => f.write_str("None"),
            Proxy::Url(url) => write!(f, "Url({})", shown_proxy_url(url)),
        }
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A proxy URL as text may show it: `http://user:redacted@proxy:3128`.
pub(crate) fn shown_proxy_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("redacted"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) => "<not a URL>".to_owned(),
    }
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_retries: 4,
            proxy: Proxy::default(),
            extra_root_certificates_pem: Vec::new(),
        }
    }
}

impl HttpOptions {
    pub(crate) fn validate(&self) -> Result<()> {
        for (field, value) in [
            ("connect_timeout", self.connect_timeout),
            ("request_timeout", self.request_timeout),
            ("total_timeout", self.total_timeout),
        ] {
            if value.is_zero() {
                return Err(Error::config(field, "must be greater than zero"));
            }
        }
        if self.max_retries > 20 {
            return Err(Error::config("max_retries", "at most 20"));
        }
        if let Proxy::Url(url) = &self.proxy {
            url::Url::parse(url).map_err(|e| Error::config("proxy", format!("not a URL: {e}")))?;
        }
        Ok(())
    }
}
