//! Names and seals for what one set of keys puts in the shared store. Both come from the
//! keys' secret parts (HKDF-SHA256), so that whoever reads the store without the secret can
//! neither tell whose entry a name is (no client id, MSN or state in clear), nor read a
//! value, nor write one that a process would accept: values are AES-256-GCM under the derived
//! key, bound to the name they are stored under. Every process holding the same keys derives
//! the same names.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hkdf::{Salt, HKDF_SHA256};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};

const SALT: &[u8] = b"vipps-auth store v1";

/// The naming and sealing keys derived from one set of secret parts, and the application's
/// prefix for every name.
pub(crate) struct Sealing {
    naming: hmac::Key,
    sealing: LessSafeKey,
    prefix: String,
}

impl Sealing {
    pub(crate) fn derive(secret: &[&[u8]], prefix: &str) -> Self {
        let mut input = length_prefixed(secret);
        let prk = Salt::new(HKDF_SHA256, SALT).extract(&input);
        crate::wipe::wipe(&mut input);
        let expand = |info: &'static [u8], out: &mut [u8; 32]| {
            let infos = [info];
            let okm = prk.expand(&infos, HKDF_SHA256).expect("32 bytes is a valid HKDF length");
            okm.fill(out).expect("32 bytes is a valid HKDF length");
        };
        let (mut naming, mut sealing) = ([0u8; 32], [0u8; 32]);
        expand(b"store key name", &mut naming);
        expand(b"store value seal", &mut sealing);
        let keys = Sealing {
            naming: hmac::Key::new(hmac::HMAC_SHA256, &naming),
            sealing: LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &sealing).expect("a 32-byte AES key")),
            prefix: prefix.to_owned(),
        };
        crate::wipe::wipe(&mut naming);
        crate::wipe::wipe(&mut sealing);
        keys
    }

    /// `{prefix}{kind}:{hex}`, the hex a keyed hash of `parts`.
    pub(crate) fn name(&self, kind: &str, parts: &[&[u8]]) -> String {
        let tag = hmac::sign(&self.naming, &length_prefixed(parts));
        let hex: String = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        format!("{}{kind}:{hex}", self.prefix)
    }

    /// `plain` encrypted and authenticated, bound to `name`: nonce, then ciphertext and tag.
    pub(crate) fn seal(&self, name: &str, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).expect("the operating system's random source works");
        let mut sealed = Vec::with_capacity(NONCE_LEN + plain.len() + AES_256_GCM.tag_len());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(plain);
        let body = &mut sealed[NONCE_LEN..];
        let tag = self
            .sealing
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::from(name.as_bytes()), body)
            .expect("a value far below AES-GCM's limit");
        sealed.extend_from_slice(tag.as_ref());
        sealed
    }

    /// The plain value, if `sealed` was sealed by these keys under `name`; `None` for anything
    /// else (garbage, another credential's, another name's, tampered).
    pub(crate) fn open(&self, name: &str, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_first_chunk::<NONCE_LEN>()?;
        let mut body = body.to_vec();
        let nonce = Nonce::assume_unique_for_key(*nonce);
        let plain = self.sealing.open_in_place(nonce, Aad::from(name.as_bytes()), &mut body).ok()?;
        Some(plain.to_vec())
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

    #[test]
    fn names_hide_their_parts_and_values_open_only_under_their_keys_and_name() {
        let (a, b) = (Sealing::derive(&[b"one"], "p:"), Sealing::derive(&[b"two"], "p:"));
        let name = a.name("token", &[b"client-id", b"123456"]);
        assert!(name.starts_with("p:token:") && !name.contains("client-id") && !name.contains("123456"));
        assert_ne!(name, b.name("token", &[b"client-id", b"123456"]), "another secret, another name");
        assert_eq!(name, Sealing::derive(&[b"one"], "p:").name("token", &[b"client-id", b"123456"]), "stable");
        let sealed = a.seal(&name, b"the token");
        assert!(!sealed.windows(9).any(|w| w == b"the token"));
        assert_eq!(a.open(&name, &sealed).as_deref(), Some(&b"the token"[..]));
        assert_eq!(b.open(&name, &sealed), None, "sealed under another secret");
        assert_eq!(a.open("p:token:moved", &sealed), None, "moved to another name");
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(a.open(&name, &tampered), None);
        assert_eq!(a.open(&name, b"garbage"), None);
    }
}
