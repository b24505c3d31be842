//! Vipps' rules for redirect URIs and app callback URIs, checked before anything is sent: a
//! URI Vipps would refuse fails here, naming the rule.

use crate::error::{Error, Result};
use url::Url;

/// Checks `uri` against the rules that hold in `production` or the test environment.
pub fn check_redirect_uri(uri: &str, production: bool) -> Result<()> {
    check("redirect_uri", uri, production)
}

/// The same rules for the advanced app flow's `app_callback_uri`.
pub fn check_app_callback_uri(uri: &str, production: bool) -> Result<()> {
    check("app_callback_uri", uri, production)
}

/// An app's own scheme (`com.example.app://callback`), not http(s).
pub(crate) fn is_custom_scheme(uri: &str) -> bool {
    Url::parse(uri).is_ok_and(|url| !matches!(url.scheme(), "http" | "https"))
}

fn check(field: &'static str, uri: &str, production: bool) -> Result<()> {
    let refuse = |rule: &str| Err(Error::config(field, rule.to_owned()));
    if uri.contains('#') {
        return refuse("must not contain `#` (Vipps refuses fragments)");
    }
    let Ok(url) = Url::parse(uri) else {
        return refuse("is not an absolute URI");
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if !production || is_loopback(&url) => Ok(()),
        "http" => refuse("must use https in production (plain http only for localhost, 127.0.0.1 or [::1])"),
        _ => {
            // A custom scheme (an app): `myapp://callback` or `myapp:/path`, never bare `myapp://`.
            let after_scheme = &uri[url.scheme().len() + 1..];
            if after_scheme.trim_start_matches('/').is_empty() {
                refuse("a custom scheme needs a path, as in `myapp://callback` (not `myapp://`)")
            } else {
                Ok(())
            }
        }
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
