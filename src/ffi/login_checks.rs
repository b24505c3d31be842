//! Login's pure checks for every binding: the redirect-URI rules, the callback parser, the
//! token endpoint's answers and offline ID-token verification — the same code the Rust
//! `LoginClient` runs, so the shared vectors prove the same behaviour in every language.
//! (The Login client itself comes to the bindings with the bindings issue.)

use super::error::VippsAuthError;
use super::login_types::IdTokenClaims;
use crate::login::{self, Callback, ExpectedAudience};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Checks a redirect URI against Vipps' rules (for production, or the test environment);
/// the error names the rule.
#[uniffi::export]
pub fn check_redirect_uri(uri: String, production: bool) -> Result<(), VippsAuthError> {
    Ok(login::check_redirect_uri(&uri, production)?)
}

/// What came back on the redirect URI. Its text form never shows the code.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug, Display)]
pub enum CallbackOutcome {
    /// The user consented: redeem `code` once.
    Code { code: String, state: String, scope: Option<String> },
    /// The user cancelled: a normal outcome.
    Cancelled { state: String, description: Option<String> },
    /// Vipps sent the user back with an error.
    Failed { state: String, error: String, description: Option<String> },
}

/// Parses a callback URL or query string, as `LoginClient::complete` does.
#[uniffi::export]
pub fn parse_login_callback(input: String) -> Result<CallbackOutcome, VippsAuthError> {
    Ok(match login::parse_callback(&input)? {
        Callback::Code { code, state, scope } => CallbackOutcome::Code { code: code.into_string(), state, scope },
        Callback::Cancelled { state, description } => CallbackOutcome::Cancelled { state, description },
        Callback::Failed { state, error, description } => CallbackOutcome::Failed { state, error, description },
    })
}

/// Reads the token endpoint's answer to a code exchange; the granted scope on success.
#[uniffi::export]
pub fn decode_login_token_answer(http_status: i32, body: Vec<u8>) -> Result<Option<String>, VippsAuthError> {
    let status = u16::try_from(http_status)
        .map_err(|_| crate::Error::config("http_status", format!("not an HTTP status: {http_status}")))?;
    Ok(login::decode_token_endpoint_answer(status, &body)?.scope)
}

/// Verifies an ID token with a JWKS document in hand, at `now`: for `client_id` (or, for
/// partners, `msn`), the login's `nonce` and, if it asked for one, `acr`. The `sub` on success.
#[uniffi::export]
#[allow(clippy::too_many_arguments)]
pub fn verify_id_token_offline(
    token: String,
    jwks: String,
    issuer: String,
    client_id: Option<String>,
    msn: Option<String>,
    nonce: String,
    acr: Option<String>,
    leeway_seconds: i64,
    now: SystemTime,
) -> Result<String, VippsAuthError> {
    let verifier = IdTokenVerifier::new(jwks, issuer, client_id, msn, leeway_seconds)?;
    Ok(verifier.verify(token, nonce, acr, now)?.sub)
}

/// ID-token verification with Vipps' keys in hand (the JWKS read once), at a clock the
/// caller chooses: the same rules as the Login client, without the network.
#[derive(uniffi::Object)]
pub struct IdTokenVerifier {
    inner: login::IdTokenVerifier,
}

#[uniffi::export]
impl IdTokenVerifier {
    /// For `client_id`, the merchant `msn`, or both (then both are checked); `leeway_seconds`
    /// 0 to 600.
    #[uniffi::constructor]
    pub fn new(
        jwks: String,
        issuer: String,
        client_id: Option<String>,
        msn: Option<String>,
        leeway_seconds: i64,
    ) -> Result<Arc<Self>, VippsAuthError> {
        let audience = ExpectedAudience::from_parts(client_id, msn)?;
        let leeway = Duration::from_secs(
            u64::try_from(leeway_seconds).map_err(|_| crate::Error::config("leeway", "not negative"))?,
        );
        let inner = login::IdTokenVerifier::new(jwks.as_bytes(), issuer, audience, leeway)?;
        Ok(Arc::new(IdTokenVerifier { inner }))
    }

    /// The verified claims, for the login that sent `nonce` (and `acr`, if it asked).
    pub fn verify(
        &self,
        token: String,
        nonce: String,
        acr: Option<String>,
        now: SystemTime,
    ) -> Result<IdTokenClaims, VippsAuthError> {
        Ok(self.inner.verify(&token, &nonce, acr.as_deref(), now)?.into())
    }
}

impl fmt::Display for CallbackOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackOutcome::Code { .. } => f.write_str("Code(code redacted, state redacted)"),
            CallbackOutcome::Cancelled { .. } => f.write_str("Cancelled"),
            CallbackOutcome::Failed { error, .. } => write!(f, "Failed({error})"),
        }
    }
}

impl fmt::Debug for CallbackOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
