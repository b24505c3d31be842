//! What the token cache files credentials under: a keyed digest of everything that
//! authenticates a token request — endpoint kind, client_id, client_secret, subscription key
//! and MSN. Keys that differ in any part, a wrong or rotated secret included, never share a
//! cached token. The key is random per process, so a digest is worthless outside it, and the
//! cache keeps no second copy of a secret.

use ring::hmac;
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

static PROCESS_KEY: LazyLock<hmac::Key> = LazyLock::new(|| {
    hmac::Key::generate(hmac::HMAC_SHA256, &ring::rand::SystemRandom::new())
        .expect("the operating system's random source works")
});

/// HMAC-SHA256 under the per-process key. Compared in full; hashed by its first 8 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct CredentialsDigest([u8; 32]);

impl CredentialsDigest {
    /// Each part length-prefixed, so no two different lists of parts give the same input.
    pub(crate) fn of(parts: &[&[u8]]) -> Self {
        let mut context = hmac::Context::with_key(&PROCESS_KEY);
        for part in parts {
            context.update(&(part.len() as u64).to_le_bytes());
            context.update(part);
        }
        let mut digest = [0; 32];
        digest.copy_from_slice(context.sign().as_ref());
        CredentialsDigest(digest)
    }
}

impl Hash for CredentialsDigest {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (head, _) = self.0.split_first_chunk::<8>().expect("32 bytes");
        state.write_u64(u64::from_le_bytes(*head));
    }
}

impl std::fmt::Debug for CredentialsDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CredentialsDigest(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::CredentialsDigest as D;

    #[test]
    fn every_part_and_its_boundaries_count() {
        assert!(D::of(&[b"id", b"secret"]) == D::of(&[b"id", b"secret"]));
        assert!(D::of(&[b"id", b"secret"]) != D::of(&[b"id", b"secreT"]));
        assert!(D::of(&[b"ids", b"ecret"]) != D::of(&[b"id", b"secret"]));
        assert!(D::of(&[b"id", b""]) != D::of(&[b"id"]));
    }
}
