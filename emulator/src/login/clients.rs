//! Who may log in, and where they may be sent back.

use crate::config::{EmulatorConfig, LoginClient};

pub(crate) fn find<'a>(config: &'a EmulatorConfig, client_id: &str) -> Option<&'a LoginClient> {
    config.login_clients.iter().find(|client| client.client_id == client_id)
}

/// The sales unit a partner logs in for when it sends `msn` instead of `client_id`.
pub(crate) fn for_msn<'a>(config: &'a EmulatorConfig, msn: &str) -> Option<&'a LoginClient> {
    config.partner.msns.iter().any(|known| known == msn).then(|| config.login_clients.first()).flatten()
}

/// Exact string match, as Vipps does (case, trailing `/`, query and percent-encoding all
/// count), except that loopback `http` URIs match on any port, as for native clients.
pub(crate) fn redirect_uri_registered(config: &EmulatorConfig, uri: &str) -> bool {
    let portless = without_loopback_port(uri);
    config.redirect_uris.iter().any(|registered| registered == uri || Some(registered.as_str()) == portless.as_deref())
}

fn without_loopback_port(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("http://")?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = authority.split_once(':')?;
    let loopback = host == "localhost" || host == "127.0.0.1";
    (loopback && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())).then(|| format!("http://{host}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_matches_on_any_port_and_nothing_else_is_loose() {
        let config = EmulatorConfig::default();
        assert!(redirect_uri_registered(&config, "http://localhost/callback"));
        assert!(redirect_uri_registered(&config, "http://127.0.0.1:53124/callback"));
        assert!(redirect_uri_registered(&config, "https://example.com/app/callback"));
        assert!(!redirect_uri_registered(&config, "https://example.com/app/callback/"));
        assert!(!redirect_uri_registered(&config, "https://example.com:8443/app/callback"));
        assert!(!redirect_uri_registered(&config, "http://localhost:80/Callback"));
        assert!(!redirect_uri_registered(&config, "http://127.0.0.1:1/callback?x=1"));
    }
}
