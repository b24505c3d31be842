//! What belongs to an environment — its discovery document and its signing keys — fetched
//! once per process however many login clients exist: every client for one base URL shares
//! one memo of each (and so one single flight), so a partner with a client per merchant, or a
//! web app that makes a client per request, pays one discovery fetch per max-age and one JWKS
//! fetch per key rotation; partner clients that bring no token manager share one, so the
//! token for a set of partner keys and an MSN is fetched once, not once per client. Held
//! weakly here: when the last client for an environment is dropped, what it fetched goes too.

use super::discovery::Discovery;
use super::jwks::Jwks;
use super::memo::Memo;
use crate::config::Config;
use crate::error::Result;
use crate::token::TokenManager;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

pub(crate) struct SharedEnvironment {
    pub(crate) discovery: Arc<Memo<Discovery>>,
    pub(crate) jwks: Jwks,
    /// Made for the first partner client that needs it, with that client's settings.
    partner_tokens: Mutex<Option<TokenManager>>,
}

impl SharedEnvironment {
    /// The token manager partner clients of this environment share.
    pub(crate) fn partner_tokens(&self, config: &Config) -> Result<TokenManager> {
        let mut tokens = self.partner_tokens.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tokens) = &*tokens {
            return Ok(tokens.clone());
        }
        Ok(tokens.insert(TokenManager::new(config.clone())?).clone())
    }
}

/// Clients with another JWKS cooldown keep keys of their own: the cooldown is part of how
/// their keys are refetched.
type Key = (String, Duration);

/// The shared state for `base_url`, made if no live client holds one.
pub(crate) fn shared(base_url: &str, jwks_cooldown: Duration) -> Arc<SharedEnvironment> {
    static LIVE: OnceLock<Mutex<HashMap<Key, Weak<SharedEnvironment>>>> = OnceLock::new();
    let mut live = LIVE.get_or_init(Mutex::default).lock().unwrap_or_else(|p| p.into_inner());
    let key = (base_url.to_owned(), jwks_cooldown);
    if let Some(existing) = live.get(&key).and_then(Weak::upgrade) {
        return existing;
    }
    // Environments are few; forgetting the dropped ones here keeps the map as small.
    live.retain(|_, environment| environment.strong_count() > 0);
    let made = Arc::new(SharedEnvironment {
        discovery: Memo::new(),
        jwks: Jwks::new(jwks_cooldown),
        partner_tokens: Mutex::default(),
    });
    live.insert(key, Arc::downgrade(&made));
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_of_one_environment_share_until_the_last_is_dropped() {
        let cooldown = Duration::from_secs(30);
        let first = shared("https://one.example/", cooldown);
        assert!(Arc::ptr_eq(&first, &shared("https://one.example/", cooldown)));
        assert!(!Arc::ptr_eq(&first, &shared("https://two.example/", cooldown)));
        assert!(!Arc::ptr_eq(&first, &shared("https://one.example/", Duration::from_secs(1))));
        let address = Arc::as_ptr(&first.discovery);
        drop(first);
        let again = shared("https://one.example/", cooldown);
        assert_ne!(Arc::as_ptr(&again.discovery), address, "a dropped environment was kept");
    }
}
