//! A login between the redirect to Vipps and the callback: state, nonce, PKCE verifier and
//! what was asked for. A backend keeps it server-side keyed by state (or in a signed,
//! encrypted cookie) and restores it in its callback handler.
//!
//! It holds no client secret, but its verifier and nonce complete a login: store it like a
//! secret. Debug never shows them.

use crate::bounds;
use crate::error::{Error, Result};
use crate::sealed::Format;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime};

const FORMAT: Format = Format { kind: "vipps-login", field: "pending_login", what: "a pending login" };

#[derive(Clone, PartialEq, Eq)]
pub struct PendingLogin {
    pub(crate) state: Secret,
    pub(crate) nonce: Secret,
    pub(crate) code_verifier: Secret,
    pub(crate) redirect_uri: String,
    pub(crate) scope: String,
    pub(crate) acr: Option<String>,
    /// The advanced app flow's callback: where the Vipps app returns first.
    pub(crate) app_callback_uri: Option<String>,
    pub(crate) created_at: u64,
    pub(crate) expires_at: u64,
    /// Scheme, host and port of the authorize URL (`https://apitest.vipps.no`, an
    /// emulator's): the one place besides Vipps' own hosts a `resume_uri` may lead.
    pub(crate) login_origin: Option<String>,
    /// The merchant a partner's login is for; `None` for a sales unit's own keys.
    pub(crate) msn: Option<String>,
}

/// The stored form: short field names keep cookies small.
#[derive(Serialize, Deserialize)]
struct Stored {
    state: String,
    nonce: String,
    verifier: String,
    redirect_uri: String,
    scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    acr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    app_callback_uri: Option<String>,
    created: u64,
    expires: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    msn: Option<String>,
}

impl PendingLogin {
    /// The `state` sent to Vipps: the key to store this pending login under.
    pub fn state(&self) -> &str {
        self.state.expose()
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The scopes asked for, space-separated.
    pub fn scope(&self) -> &str {
        &self.scope
    }

    /// The `acr_values` asked for, which the ID token must then carry.
    pub fn acr(&self) -> Option<&str> {
        self.acr.as_deref()
    }

    /// The merchant a partner's login is for (its MSN); `None` for a sales unit's own keys.
    pub fn msn(&self) -> Option<&str> {
        self.msn.as_deref()
    }

    /// The advanced app flow's `app_callback_uri`, when it is one.
    pub fn app_callback_uri(&self) -> Option<&str> {
        self.app_callback_uri.as_deref()
    }

    pub fn expires_at(&self) -> SystemTime {
        bounds::epoch_plus(Duration::from_secs(self.expires_at))
    }

    pub fn is_expired(&self, now: SystemTime) -> bool {
        now >= self.expires_at()
    }

    /// [`Error::LoginExpired`] once past its expiry.
    pub(crate) fn check_not_expired(&self, now: SystemTime) -> Result<()> {
        match now.duration_since(self.expires_at()) {
            Ok(late) => Err(Error::LoginExpired(late.as_secs())),
            Err(_) => Ok(()),
        }
    }

    /// A versioned, opaque string to store; [`restore`](Self::restore) reads it back.
    pub fn serialize(&self) -> Secret {
        let stored = Stored {
            state: self.state.expose().to_owned(),
            nonce: self.nonce.expose().to_owned(),
            verifier: self.code_verifier.expose().to_owned(),
            redirect_uri: self.redirect_uri.clone(),
            scope: self.scope.clone(),
            acr: self.acr.clone(),
            app_callback_uri: self.app_callback_uri.clone(),
            created: self.created_at,
            expires: self.expires_at,
            origin: self.login_origin.clone(),
            msn: self.msn.clone(),
        };
        FORMAT.seal(&stored)
    }

    /// Reads what [`serialize`](Self::serialize) wrote, by this or an earlier version.
    pub fn restore(text: &str) -> Result<PendingLogin> {
        let stored: Stored = FORMAT.open(text)?;
        if stored.state.len() < 8 || stored.verifier.len() < 43 || stored.nonce.is_empty() {
            return Err(FORMAT.refuse("damaged: state or verifier too short, or no nonce"));
        }
        Ok(PendingLogin {
            state: stored.state.into(),
            nonce: stored.nonce.into(),
            code_verifier: stored.verifier.into(),
            redirect_uri: stored.redirect_uri,
            scope: stored.scope,
            acr: stored.acr,
            app_callback_uri: stored.app_callback_uri,
            created_at: stored.created,
            expires_at: stored.expires,
            login_origin: stored.origin,
            msn: stored.msn,
        })
    }
}

impl fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingLogin")
            .field("state", &self.state)
            .field("nonce", &self.nonce)
            .field("code_verifier", &self.code_verifier)
            .field("redirect_uri", &self.redirect_uri)
            .field("scope", &self.scope)
            .field("acr", &self.acr)
            .field("app_callback_uri", &self.app_callback_uri)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> PendingLogin {
        PendingLogin {
            state: "state-value-123".into(),
            nonce: "nonce-value-456".into(),
            code_verifier: "v".repeat(43).into(),
            redirect_uri: "https://example.com/app/callback".into(),
            scope: "openid name".into(),
            acr: None,
            app_callback_uri: None,
            created_at: 1_800_000_000,
            expires_at: 1_800_000_600,
            login_origin: Some("https://apitest.vipps.no".into()),
            msn: Some("100001".into()),
        }
    }

    #[test]
    fn round_trips_and_hides_its_secrets() {
        let text = pending().serialize();
        assert!(text.expose().starts_with("vipps-login.v1."));
        assert_eq!(PendingLogin::restore(text.expose()).unwrap(), pending());
        let debug = format!("{:?}", pending());
        assert!(!debug.contains("state-value") && !debug.contains("nonce-value") && !debug.contains("vvvv"), "{debug}");
    }

    #[test]
    fn a_newer_format_or_garbage_is_refused_clearly() {
        let newer = PendingLogin::restore("vipps-login.v2.abc").unwrap_err().to_string();
        assert!(newer.contains("v2") && newer.contains("newer"), "{newer}");
        assert!(PendingLogin::restore("hello").unwrap_err().to_string().contains("not a pending login"));
        assert!(PendingLogin::restore("vipps-login.v1.!!!").is_err());
    }

    #[test]
    fn a_stored_login_without_a_nonce_is_refused() {
        // An empty nonce would accept the `"nonce":""` Vipps puts in tokens of logins without one.
        let mut stripped = pending();
        stripped.nonce = "".into();
        let refused = PendingLogin::restore(stripped.serialize().expose()).unwrap_err().to_string();
        assert!(refused.contains("no nonce"), "{refused}");
    }

    #[test]
    fn an_expiry_past_any_clock_is_no_panic() {
        let mut far = pending();
        far.expires_at = u64::MAX;
        let restored = PendingLogin::restore(far.serialize().expose()).unwrap();
        assert!(!restored.is_expired(SystemTime::now()));
    }
}
