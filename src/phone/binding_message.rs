//! The binding message: a short code shown on the till and in the user's app, so the user
//! approves the login they started and not someone else's. Vipps accepts `^[A-Z0-9-]{5,8}$`.

use crate::error::{Error, Result};
use ring::rand::{SecureRandom, SystemRandom};
use std::fmt;

/// Letters and digits that cannot be mistaken for each other on a screen (no O/0, I/1).
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

#[derive(Clone, PartialEq, Eq)]
pub struct BindingMessage(String);

impl BindingMessage {
    /// Checks `text` against Vipps' rule: 5 to 8 of `A-Z`, `0-9` and `-`.
    pub fn new(text: &str) -> Result<BindingMessage> {
        let valid = (5..=8).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        match valid {
            true => Ok(BindingMessage(text.to_owned())),
            false => Err(Error::config(
                "binding_message",
                "must be 5 to 8 characters of A-Z, 0-9 and - (e.g. 4MZ-CQ3); BindingMessage::generate makes one",
            )),
        }
    }

    /// A fresh random message like `4MZ-CQ3`, easy to read aloud and compare.
    pub fn generate() -> Result<BindingMessage> {
        let mut bytes = [0u8; 6];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| Error::Internal("the operating system's random source failed".into()))?;
        // 256 is a multiple of 32: every character is equally likely.
        let chars: Vec<char> = bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect();
        let text: String = chars[..3].iter().chain(['-'].iter()).chain(chars[3..].iter()).collect();
        Ok(BindingMessage(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BindingMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BindingMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BindingMessage({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_messages_are_valid_and_differ() {
        let (a, b) = (BindingMessage::generate().unwrap(), BindingMessage::generate().unwrap());
        assert_eq!(BindingMessage::new(a.as_str()).unwrap(), a);
        assert_eq!(a.as_str().len(), 7);
        assert_ne!(a, b);
    }
}
