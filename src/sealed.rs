//! The versioned strings a pending login or a phone login is stored as, so that another
//! process can finish it: `<kind>.v1.` and base64url JSON. Not encrypted — the caller stores
//! it like a secret — and its JSON is wiped once read or written. A later version of the SDK
//! reads v1, or refuses what it cannot read with an error that says why.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::wipe::wipe;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What was stored, for the `kind` and the configuration field named in errors.
pub(crate) struct Format {
    /// `vipps-login`, `vipps-phone-login`.
    pub kind: &'static str,
    /// `pending_login`, `phone_login`.
    pub field: &'static str,
    /// `a pending login`, for "not a pending login written by vipps-auth".
    pub what: &'static str,
}

impl Format {
    pub(crate) fn seal(&self, value: &impl Serialize) -> Secret {
        let json = Secret::new(serde_json::to_string(value).expect("plain data serialises"));
        // Encoded straight into the result: a temporary would be freed unwiped.
        let mut sealed = format!("{}.v1.", self.kind);
        sealed.reserve(json.expose().len() * 4 / 3 + 4);
        URL_SAFE_NO_PAD.encode_string(json.expose(), &mut sealed);
        Secret::new(sealed)
    }

    pub(crate) fn open<T: DeserializeOwned>(&self, text: &str) -> Result<T> {
        let text = text.trim();
        let Some(version_and_rest) = text.strip_prefix(self.kind).and_then(|rest| rest.strip_prefix(".v")) else {
            return Err(self.refuse(&format!("not {} written by vipps-auth", self.what)));
        };
        let Some(encoded) = version_and_rest.strip_prefix("1.") else {
            let version = version_and_rest.split('.').next().unwrap_or("?");
            return Err(
                self.refuse(&format!("written in format v{version} by a newer vipps-auth; this version reads v1"))
            );
        };
        let json = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| self.refuse("damaged: not base64url"))?;
        let json = Secret::new(String::from_utf8(json).map_err(|refused| {
            wipe(&mut refused.into_bytes());
            self.refuse("damaged: not UTF-8")
        })?);
        serde_json::from_str(json.expose()).map_err(|_| self.refuse("damaged: fields missing"))
    }

    pub(crate) fn refuse(&self, why: &str) -> Error {
        Error::config(self.field, why.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: Format = Format { kind: "vipps-test", field: "test", what: "a test value" };

    #[test]
    fn round_trips_and_refuses_what_it_cannot_read() {
        let sealed = TEST.seal(&vec!["a", "b"]);
        assert!(sealed.expose().starts_with("vipps-test.v1."));
        assert_eq!(TEST.open::<Vec<String>>(sealed.expose()).unwrap(), ["a", "b"]);
        let refused = |text: &str| TEST.open::<Vec<String>>(text).unwrap_err().to_string();
        assert!(refused("vipps-test.v2.abc").contains("v2 by a newer vipps-auth"));
        assert!(refused("vipps-testing.v1.abc").contains("not a test value"));
        assert!(refused("hello").contains("not a test value"));
        assert!(refused("vipps-test.v1.!!!").contains("not base64url"));
        assert!(refused("vipps-test.v1._w").contains("not UTF-8"));
        assert!(refused("vipps-test.v1.e30").contains("fields missing"));
    }
}
