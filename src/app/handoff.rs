//! The code handoff: the small message a phone app sends its backend after the login came
//! back — the code and state and, when the phone built the authorize URL itself, the PKCE
//! verifier, nonce and redirect URI the exchange needs. Never a client secret: the backend
//! holds that. Versioned JSON, so apps and backends can be updated apart.

use crate::error::{Error, Result};
use crate::login::PendingLogin;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;

/// No real handoff comes near these: a code of Vipps' is tens of characters, a state or nonce
/// of ours 22, and Vipps answers 502 to values of about 1,000.
const MAX_CODE: usize = 2048;
const MAX_STATE: usize = 512;
const MAX_URI: usize = 2048;
const MAX_JSON: usize = 8192;

/// RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`.
fn is_pkce_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// What the backend needs to finish a login the phone started.
#[derive(Clone, PartialEq, Eq)]
pub struct CodeHandoff {
    pub(crate) code: Secret,
    pub(crate) state: String,
    /// Present when the phone built the authorize URL (and so holds the verifier).
    pub(crate) device: Option<DeviceBuilt>,
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) struct DeviceBuilt {
    pub code_verifier: Secret,
    pub nonce: Secret,
    pub redirect_uri: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    v: u32,
    code: String,
    state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code_verifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nonce: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redirect_uri: Option<String>,
}

impl CodeHandoff {
    /// The backend built the URL and keeps the pending login: only code and state travel.
    pub fn new(code: &str, state: &str) -> CodeHandoff {
        CodeHandoff { code: Secret::new(code), state: state.to_owned(), device: None }
    }

    /// The phone built the URL: its pending login's verifier, nonce and redirect URI travel
    /// with the code.
    pub fn from_device(code: &str, pending: &PendingLogin) -> CodeHandoff {
        let device = DeviceBuilt {
            code_verifier: pending.code_verifier.clone(),
            nonce: pending.nonce.clone(),
            redirect_uri: pending.redirect_uri.clone(),
        };
        CodeHandoff { code: Secret::new(code), state: pending.state().to_owned(), device: Some(device) }
    }

    pub fn state(&self) -> &str {
        &self.state
    }

    /// `{"v":1,"code":…,"state":…[,"code_verifier","nonce","redirect_uri"]}`: send it to
    /// the backend over TLS, in a request body, never in a URL.
    pub fn to_json(&self) -> Secret {
        let wire = Wire {
            v: 1,
            code: self.code.expose().to_owned(),
            state: self.state.clone(),
            code_verifier: self.device.as_ref().map(|d| d.code_verifier.expose().to_owned()),
            nonce: self.device.as_ref().map(|d| d.nonce.expose().to_owned()),
            redirect_uri: self.device.as_ref().map(|d| d.redirect_uri.clone()),
        };
        Secret::new(serde_json::to_string(&wire).expect("plain data serialises"))
    }

    /// Reads what [`to_json`](Self::to_json) wrote; anything else is refused clearly —
    /// including fields no real login has (too long, or a verifier outside RFC 7636), so that
    /// a forged handoff never makes the backend send a token request.
    pub fn parse(json: &str) -> Result<CodeHandoff> {
        let refuse = |why: &str| Error::config("handoff", why.to_owned());
        if json.len() > MAX_JSON {
            return Err(refuse(&format!("longer than {MAX_JSON} bytes")));
        }
        let value: serde_json::Value = serde_json::from_str(json).map_err(|_| refuse("not JSON"))?;
        match value.get("v").and_then(serde_json::Value::as_u64) {
            Some(1) => {}
            Some(v) => return Err(refuse(&format!("version {v} is newer than this backend reads (1)"))),
            None => return Err(refuse("no version `v`")),
        }
        let wire: Wire = serde_json::from_value(value).map_err(|_| refuse("fields missing or unknown"))?;
        if wire.code.is_empty() || wire.code.len() > MAX_CODE {
            return Err(refuse(&format!("the code is empty or longer than {MAX_CODE} characters")));
        }
        if !(8..=MAX_STATE).contains(&wire.state.len()) {
            return Err(refuse(&format!("the state is not 8 to {MAX_STATE} characters")));
        }
        let device = match (wire.code_verifier, wire.nonce, wire.redirect_uri) {
            (None, None, None) => None,
            (Some(verifier), Some(nonce), Some(redirect_uri)) => {
                if !is_pkce_verifier(&verifier) {
                    return Err(refuse("the code_verifier is not 43 to 128 unreserved characters (RFC 7636)"));
                }
                if nonce.is_empty() || nonce.len() > MAX_STATE || redirect_uri.len() > MAX_URI {
                    return Err(refuse(&format!(
                        "the nonce is empty or longer than {MAX_STATE}, or the redirect_uri longer than {MAX_URI}"
                    )));
                }
                Some(DeviceBuilt { code_verifier: verifier.into(), nonce: nonce.into(), redirect_uri })
            }
            _ => return Err(refuse("code_verifier (43+ characters), nonce and redirect_uri travel together")),
        };
        Ok(CodeHandoff { code: wire.code.into(), state: wire.state, device })
    }
}

impl fmt::Debug for CodeHandoff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CodeHandoff")
            .field("code", &self.code)
            .field("state", &"<redacted>")
            .field("device_built", &self.device.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_what_it_cannot_trust() {
        let handoff = CodeHandoff::new("the-code-123", "state-123456");
        assert_eq!(CodeHandoff::parse(handoff.to_json().expose()).unwrap(), handoff);
        assert!(!format!("{handoff:?}").contains("the-code") && !format!("{handoff:?}").contains("state-123"));
        let refused = |json: &str| CodeHandoff::parse(json).unwrap_err().to_string();
        assert!(refused(r#"{"v":2,"code":"c","state":"state-123456"}"#).contains("newer"));
        assert!(refused(r#"{"code":"c","state":"state-123456"}"#).contains("no version"));
        assert!(refused(r#"{"v":1,"code":"c","state":"short"}"#).contains("8 to 512"));
        assert!(refused(r#"{"v":1,"code":"c","state":"state-123456","client_secret":"x"}"#).contains("unknown"));
        let half = r#"{"v":1,"code":"c","state":"state-123456","code_verifier":"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"}"#;
        assert!(refused(half).contains("travel together"));
        assert!(refused("not json").contains("not JSON"));
    }

    #[test]
    fn fields_no_real_login_has_are_refused_before_anything_is_sent() {
        let refused = |json: String| CodeHandoff::parse(&json).unwrap_err().to_string();
        let state = "s".repeat(513);
        assert!(refused(format!(r#"{{"v":1,"code":"c","state":"{state}"}}"#)).contains("8 to 512"));
        let code = "c".repeat(2049);
        assert!(refused(format!(r#"{{"v":1,"code":"{code}","state":"state-123456"}}"#)).contains("code"));
        let device = |verifier: &str, nonce: &str| {
            format!(
                r#"{{"v":1,"code":"c","state":"state-123456","code_verifier":"{verifier}","nonce":"{nonce}","redirect_uri":"https://example.com/cb"}}"#
            )
        };
        let good = "v".repeat(43);
        assert!(CodeHandoff::parse(&device(&good, "n")).is_ok());
        assert!(refused(device(&"v".repeat(129), "n")).contains("RFC 7636"));
        assert!(refused(device(&format!("{good} "), "n")).contains("RFC 7636"));
        assert!(refused(device(&good, "")).contains("nonce"));
        assert!(refused(format!(r#"{{"v":1,"code":"c","state":"{}"}}"#, "s".repeat(9000))).contains("8192 bytes"));
    }
}
