//! A string that must never be shown: redacted in Debug/Display, wiped from memory on drop.

use crate::wipe::wipe_string;
use std::fmt;

/// A secret value (client secret, subscription key, token, code, verifier, phone number).
///
/// `Debug` and `Display` print `<redacted>`; the memory is zeroed when the value is dropped.
/// Read it with [`Secret::expose`] only where it is put on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Call sites are the places where it leaves the SDK.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Moves the value out; the wipe on drop then has nothing left to clear.
    pub(crate) fn into_string(mut self) -> String {
        std::mem::take(&mut self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        wipe_string(&mut self.0);
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Replaces every occurrence of any secret in `text`, for server messages that echo input.
pub(crate) fn scrub(text: &str, secrets: &[&Secret]) -> String {
    secrets
        .iter()
        .filter(|s| s.expose().len() >= 4)
        .fold(text.to_owned(), |acc, s| acc.replace(s.expose(), "<redacted>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{s}"), "<redacted>");
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn scrub_removes_echoed_secrets() {
        let s = Secret::new("abc123secret");
        assert_eq!(scrub("bad secret abc123secret given", &[&s]), "bad secret <redacted> given");
    }
}
