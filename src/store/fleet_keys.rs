//! Where a credential's shared token lives, who may fetch the next one, and the key that
//! seals it: all from the credential's parts ([`Sealing`]), so no client id or MSN shows in
//! the store and only holders of the secret can read or write the token.

use super::Sealing;
use crate::config::Credentials;

/// The store names and the sealing key of one credential's token.
pub struct FleetKeys {
    /// Where the sealed token lives.
    pub(crate) value_key: String,
    /// Held by the one process fetching the next token.
    pub(crate) lease_key: String,
    sealing: Sealing,
}

impl FleetKeys {
    /// For `credentials` at `base_url`, under `prefix` (the application's namespace).
    pub(crate) fn for_token(credentials: &Credentials, base_url: &str, prefix: &str) -> Self {
        let (mut public, secret) = credentials.parts();
        let sealing = Sealing::derive(&secret, prefix);
        public.push(base_url.as_bytes());
        FleetKeys { value_key: sealing.name("token", &public), lease_key: sealing.name("lease", &public), sealing }
    }

    /// `plain` encrypted and authenticated, bound to the value key.
    pub(crate) fn seal(&self, plain: &[u8]) -> Vec<u8> {
        self.sealing.seal(&self.value_key, plain)
    }

    /// The plain value, if `sealed` was sealed by these keys for this value key.
    pub(crate) fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        self.sealing.open(&self.value_key, sealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MerchantCredentials;

    fn keys(secret: &str) -> Credentials {
        MerchantCredentials::new("id", secret, "subscription", Some("123456".into())).unwrap().into()
    }

    #[test]
    fn a_token_and_its_lease_have_names_of_their_own_that_hide_the_client() {
        let (a, b) = (
            FleetKeys::for_token(&keys("one"), "https://x/", "p:"),
            FleetKeys::for_token(&keys("two"), "https://x/", "p:"),
        );
        assert!(a.value_key.starts_with("p:token:") && a.lease_key.starts_with("p:lease:"));
        assert_eq!(a.value_key[8..], a.lease_key[8..], "one credential, one hash");
        assert!(!a.value_key.contains("id") && !a.value_key.contains("123456"));
        assert_ne!(a.value_key, b.value_key, "another secret, another name");
        assert_ne!(
            a.value_key,
            FleetKeys::for_token(&keys("one"), "https://y/", "p:").value_key,
            "another environment"
        );
        assert_eq!(b.open(&a.seal(b"the token")), None, "sealed under another secret");
    }
}
