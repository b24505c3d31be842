//! Where Vipps is: the test or production hosts, or a custom base URL (emulator, gateway).

use crate::error::{Error, Result};
use std::net::IpAddr;
use url::Url;

pub const TEST_BASE_URL: &str = "https://apitest.vipps.no";
pub const PRODUCTION_BASE_URL: &str = "https://api.vipps.no";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// `https://apitest.vipps.no`, with test keys and test users.
    Test,
    /// `https://api.vipps.no`, with production keys.
    Production,
    /// Any other base URL: the emulator, a proxy or an API gateway. `https`, or plain `http`
    /// only for loopback hosts.
    Custom(String),
}

impl Environment {
    /// Parses exactly `test`, `production` or a base URL, as in `VIPPS_ENV`: no alias, so
    /// what was written is what was meant.
    pub fn parse(value: &str) -> Result<Self> {
        match value.trim() {
            "test" => Ok(Environment::Test),
            "production" => Ok(Environment::Production),
            other if other.contains("://") => Ok(Environment::Custom(other.to_owned())),
            other => {
                let got = super::quoted(other);
                Err(Error::config("environment", format!("expected `test`, `production` or a base URL, got {got}")))
            }
        }
    }

    /// The validated base URL, without a trailing slash.
    pub fn base_url(&self) -> Result<Url> {
        let raw = match self {
            Environment::Test => TEST_BASE_URL,
            Environment::Production => PRODUCTION_BASE_URL,
            Environment::Custom(url) => url,
        };
        validate_base_url(raw)
    }
}

fn validate_base_url(raw: &str) -> Result<Url> {
    let bad = |reason: String| Error::config("environment", reason);
    let url = Url::parse(raw).map_err(|e| bad(format!("`{raw}` is not a URL: {e}")))?;
    if url.query().is_some() || url.fragment().is_some() {
        // Not quoted: a query is where a key would hide.
        return Err(bad("base URL must not have a query or fragment (value not shown)".into()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("base URL must not carry credentials".into()));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(bad(format!(
                "plain http is only allowed for loopback hosts, not `{}`",
                url.host_str().unwrap_or("")
            )))
        }
        scheme => return Err(bad(format!("unsupported scheme `{scheme}`"))),
    }
    let mut url = url;
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

/// `localhost`, `127.0.0.0/8` and `::1`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_refused_without_being_quoted() {
        let err = Environment::Custom("https://gw.example/?key=k3y-in-query".into()).base_url().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("query") && !text.contains("k3y-in-query"), "{text}");
    }

    #[test]
    fn named_environments() {
        assert_eq!(Environment::parse("test").unwrap().base_url().unwrap().as_str(), "https://apitest.vipps.no/");
        assert_eq!(Environment::Production.base_url().unwrap().host_str(), Some("api.vipps.no"));
    }

    #[test]
    fn http_only_on_loopback() {
        assert!(Environment::Custom("http://127.0.0.1:8080/".into()).base_url().is_ok());
        assert!(Environment::Custom("http://localhost:1".into()).base_url().is_ok());
        assert!(Environment::Custom("http://[::1]:1".into()).base_url().is_ok());
        let err = Environment::Custom("http://example.com".into()).base_url().unwrap_err();
        assert!(err.to_string().contains("loopback"), "{err}");
    }

    #[test]
    fn rejects_nonsense() {
        assert!(Environment::parse("staging").is_err());
        assert!(Environment::Custom("https://x.test/?a=b".into()).base_url().is_err());
        assert!(Environment::Custom("ftp://x.test".into()).base_url().is_err());
        assert!(Environment::Custom("https://u:p@x.test".into()).base_url().is_err());
    }

    #[test]
    fn keeps_a_gateway_path_without_trailing_slash() {
        let url = Environment::Custom("https://gw.example.com/vipps/".into()).base_url().unwrap();
        assert_eq!(url.as_str(), "https://gw.example.com/vipps");
    }
}
