//! Where a credential's shared token lives, and the key that seals it. Both come from the
//! credential's secret parts (HKDF-SHA256), so that whoever reads the store without the
//! secret can neither find whose token a key holds (no client id or MSN in clear), nor read a
//! value, nor write one that a process would accept: values are AES-256-GCM under the derived
//! key, bound to their store key. Every process holding the same keys derives the same names.

use crate::config::Credentials;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hkdf::{Salt, HKDF_SHA256};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};

const SALT: &[u8] = b"vipps-auth store v1";

/// The store names and the sealing key of one credential's token.
pub struct FleetKeys {
    /// Where the sealed token lives.
    pub(crate) value_key: String,
    /// Held by the one process fetching the next token.
    pub(crate) lease_key: String,
    sealing: LessSafeKey,
}

impl FleetKeys {
    /// For `credentials` at `base_url`, under `prefix` (the application's namespace).
    pub(crate) fn for_token(credentials: &Credentials, base_url: &str, prefix: &str) -> Self {
        let (public, secret) = credentials.parts();
        let mut input = length_prefixed(&secret);
        let prk = Salt::new(HKDF_SHA256, SALT).extract(&input);
        crate::wipe::wipe(&mut input);
        let expand = |info: &'static [u8], out: &mut [u8; 32]| {
            let infos = [info];
            let okm = prk.expand(&infos, HKDF_SHA256).expect("32 bytes is a valid HKDF length");
            okm.fill(out).expect("32 bytes is a valid HKDF length");
        };
        let (mut naming, mut sealing_bytes) = ([0u8; 32], [0u8; 32]);
        expand(b"store key name", &mut naming);
        expand(b"store value seal", &mut sealing_bytes);
        let mut named = public;
        named.push(base_url.as_bytes());
        let name = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &naming), &length_prefixed(&named));
        let hex: String = name.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        let sealing = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &sealing_bytes).expect("a 32-byte AES key"));
        crate::wipe::wipe(&mut naming);
        crate::wipe::wipe(&mut sealing_bytes);
        FleetKeys { value_key: format!("{prefix}token:{hex}"), lease_key: format!("{prefix}lease:{hex}"), sealing }
    }

    /// `plain` encrypted and authenticated, bound to the value key: nonce, then ciphertext.
    pub(crate) fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).expect("the operating system's random source works");
        let mut sealed = Vec::with_capacity(NONCE_LEN + plain.len() + AES_256_GCM.tag_len());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(plain);
        let body = &mut sealed[NONCE_LEN..];
        let tag = self
            .sealing
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), self.aad(), body)
            .expect("a value far below AES-GCM's limit");
        sealed.extend_from_slice(tag.as_ref());
        sealed
    }

    /// The plain value, if `sealed` was sealed by these keys for this value key; `None` for
    /// anything else (garbage, another credential's, tampered).
    pub(crate) fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_first_chunk::<NONCE_LEN>()?;
        let mut body = body.to_vec();
        let plain = self.sealing.open_in_place(Nonce::assume_unique_for_key(*nonce), self.aad(), &mut body).ok()?;
        Some(plain.to_vec())
    }

    fn aad(&self) -> Aad<&[u8]> {
        Aad::from(self.value_key.as_bytes())
    }
}

/// Each part length-prefixed, so no two different lists of parts give the same bytes.
fn length_prefixed(parts: &[&[u8]]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for part in parts {
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
        bytes.extend_from_slice(part);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MerchantCredentials;

    fn keys(secret: &str) -> Credentials {
        MerchantCredentials::new("id", secret, "subscription", Some("123456".into())).unwrap().into()
    }

    #[test]
    fn names_hide_the_client_and_values_open_only_under_their_own_keys() {
        let (a, b) = (
            FleetKeys::for_token(&keys("one"), "https://x/", "p:"),
            FleetKeys::for_token(&keys("two"), "https://x/", "p:"),
        );
        assert!(a.value_key.starts_with("p:token:") && !a.value_key.contains("id") && !a.value_key.contains("123456"));
        assert_ne!(a.value_key, b.value_key, "another secret, another name");
        assert_eq!(
            a.value_key,
            FleetKeys::for_token(&keys("one"), "https://x/", "p:").value_key,
            "stable across processes"
        );
        let sealed = a.seal(b"the token");
        assert!(!sealed.windows(9).any(|w| w == b"the token"));
        assert_eq!(a.open(&sealed).as_deref(), Some(&b"the token"[..]));
        assert_eq!(b.open(&sealed), None, "sealed under another secret");
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(a.open(&tampered), None);
        assert_eq!(a.open(b"garbage"), None);
    }
}
