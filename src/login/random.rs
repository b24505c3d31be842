//! Unguessable values for state, nonce and the PKCE verifier, from the operating system's
//! CSPRNG, URL-safe so they travel in a query string unchanged.

use crate::error::{Error, Result};
use crate::secret::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};

/// `bytes` random bytes as unpadded base64url: 16 bytes give 22 characters.
pub(crate) fn url_safe(bytes: usize) -> Result<Secret> {
    let mut buffer = vec![0u8; bytes];
    SystemRandom::new()
        .fill(&mut buffer)
        .map_err(|_| Error::Internal("the operating system's random source failed".into()))?;
    Ok(Secret::new(URL_SAFE_NO_PAD.encode(&buffer)))
}

/// Equal or not, in a time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_url_safe_and_differ() {
        let (a, b) = (url_safe(16).unwrap(), url_safe(16).unwrap());
        assert_eq!(a.expose().len(), 22);
        assert_ne!(a, b);
        assert!(a.expose().bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }

    #[test]
    fn comparison() {
        assert!(constant_time_eq("abcdefgh", "abcdefgh"));
        assert!(!constant_time_eq("abcdefgh", "abcdefgX"));
        assert!(!constant_time_eq("abcdefgh", "abcdefg"));
    }
}
