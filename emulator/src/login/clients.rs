//! Who may log in, and where they may be sent back.

use crate::config::{EmulatorConfig, LoginClient};
use crate::state::State;

/// A configured or registered sales unit, by its Login client_id.
pub(crate) fn find(state: &State, client_id: &str) -> Option<LoginClient> {
    let configured = state.config.login_clients.iter().find(|client| client.client_id == client_id);
    configured.cloned().or_else(|| Some(state.registered().merchant_by_client_id(client_id)?.login_client()))
}

/// The sales unit a partner logs in for when it sends `msn` instead of `client_id`.
pub(crate) fn for_msn(state: &State, msn: &str) -> Option<LoginClient> {
    let config = &state.config;
    if config.partner.msns.iter().any(|known| known == msn) {
        return config.login_clients.first().cloned();
    }
    Some(state.registered().merchant_by_msn(msn)?.login_client())
}

/// The MSN an ID token names for a login by `client_id` on its own keys.
pub(crate) fn own_msn(state: &State, client_id: &str) -> Option<String> {
    match state.registered().merchant_by_client_id(client_id) {
        Some(unit) => Some(unit.msn),
        None => state.config.msns.first().cloned(),
    }
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
