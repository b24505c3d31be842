//! The code handoff: the small message a phone app sends its backend after the login came
//! back — the code and state and, when the phone built the authorize URL itself, the PKCE
//! verifier, nonce and redirect URI the exchange needs. Never a client secret: the backend
//! holds that. Versioned JSON, so apps and backends can be updated apart.

use crate::error::{Error, Result};
use crate::login::PendingLogin;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;

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

    /// Reads what [`to_json`](Self::to_json) wrote; anything else is refused clearly.
    pub fn parse(json: &str) -> Result<CodeHandoff> {
        let refuse = |why: &str| Error::config("handoff", why.to_owned());
        let value: serde_json::Value = serde_json::from_str(json).map_err(|_| refuse("not JSON"))?;
        match value.get("v").and_then(serde_json::Value::as_u64) {
            Some(1) => {}
            Some(v) => return Err(refuse(&format!("version {v} is newer than this backend reads (1)"))),
            None => return Err(refuse("no version `v`")),
        }
        let wire: Wire = serde_json::from_value(value).map_err(|_| refuse("fields missing or unknown"))?;
        if wire.code.is_empty() || wire.state.len() < 8 {
            return Err(refuse("an empty code or a state shorter than 8 characters"));
        }
        let device = match (wire.code_verifier, wire.nonce, wire.redirect_uri) {
            (None, None, None) => None,
            (Some(verifier), Some(nonce), Some(redirect_uri)) if verifier.len() >= 43 => {
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
        assert!(refused(r#"{"v":1,"code":"c","state":"short"}"#).contains("shorter than 8"));
        assert!(refused(r#"{"v":1,"code":"c","state":"state-123456","client_secret":"x"}"#).contains("unknown"));
        let half = r#"{"v":1,"code":"c","state":"state-123456","code_verifier":"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"}"#;
        assert!(refused(half).contains("travel together"));
        assert!(refused("not json").contains("not JSON"));
    }
}
