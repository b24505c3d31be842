//! What a browser or app login asks for and gives back, for Kotlin, Swift and Python. Objects
//! where a value is secret (the pending login, a completed login's tokens, the authorize URL
//! with its state and nonce): their text form is redacted.

use super::user_info::UserInfo;
use crate::login;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// A phone app's login: how the Vipps app returns to it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum AppFlow {
    /// `app_to_app_v2`: straight back to the redirect URI, the app's universal link.
    AppToAppV2,
    /// `app_to_app`: first to `app_callback_uri` with a `resume_uri`, then on to the redirect URI.
    AppToApp { app_callback_uri: String },
}

/// What a login asks Vipps for. `scope` is space-separated; `openid` is always added.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AuthorizeRequest {
    pub redirect_uri: String,
    #[uniffi(default = "openid")]
    pub scope: String,
    #[uniffi(default = false)]
    pub automatic_return: bool,
    #[uniffi(default = None)]
    pub market: Option<String>,
    #[uniffi(default = None)]
    pub acr_values: Option<String>,
    #[uniffi(default = None)]
    pub app_flow: Option<AppFlow>,
    /// The merchant a partner's login is for (its MSN), when one partner client acts for many.
    #[uniffi(default = None)]
    pub msn: Option<String>,
}

impl AuthorizeRequest {
    pub(crate) fn to_core(&self) -> crate::Result<login::AuthorizeRequest> {
        let mut request = login::AuthorizeRequest::new(&self.redirect_uri, login::Scopes::parse(&self.scope)?);
        request.automatic_return = self.automatic_return;
        request.market = self.market.clone();
        request.acr_values = self.acr_values.clone();
        request.msn = self.msn.clone();
        request.app_flow = self.app_flow.clone().map(|flow| match flow {
            AppFlow::AppToAppV2 => login::AppFlow::AppToAppV2,
            AppFlow::AppToApp { app_callback_uri } => login::AppFlow::AppToApp { app_callback_uri },
        });
        Ok(request)
    }
}

/// A login between the redirect to Vipps and the return: keep it server-side keyed by
/// `state()` (or, on a phone, in the Keychain / Keystore) as `serialize()` writes it.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct PendingLogin {
    pub(crate) inner: login::PendingLogin,
}

#[uniffi::export]
impl PendingLogin {
    /// Reads what `serialize()` wrote (this or an earlier version).
    #[uniffi::constructor]
    pub fn restore(text: String) -> Result<Arc<Self>, super::VippsAuthError> {
        Ok(Arc::new(PendingLogin { inner: login::PendingLogin::restore(&text)? }))
    }

    /// A versioned string that completes this login: store it like a secret.
    pub fn serialize(&self) -> String {
        self.inner.serialize().expose().to_owned()
    }

    /// The key to store it under.
    pub fn state(&self) -> String {
        self.inner.state().to_owned()
    }

    /// The merchant a partner's login is for; none for a sales unit's own keys.
    pub fn msn(&self) -> Option<String> {
        self.inner.msn().map(str::to_owned)
    }

    pub fn redirect_uri(&self) -> String {
        self.inner.redirect_uri().to_owned()
    }

    pub fn is_expired(&self) -> bool {
        self.inner.is_expired(std::time::SystemTime::now())
    }
}

impl fmt::Display for PendingLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PendingLogin(redirect_uri={}, secrets redacted)", self.inner.redirect_uri())
    }
}

impl fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

/// Where to send the browser, the pending login to keep, and any warnings.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Authorization {
    url: String,
    pending: Arc<PendingLogin>,
    warnings: Vec<String>,
}

impl From<login::Authorization> for Authorization {
    fn from(authorization: login::Authorization) -> Self {
        let pending = Arc::new(PendingLogin { inner: authorization.pending });
        Authorization { url: authorization.url, pending, warnings: authorization.warnings }
    }
}

#[uniffi::export]
impl Authorization {
    /// The authorize URL (it carries the state and nonce: do not log it).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    pub fn pending(&self) -> Arc<PendingLogin> {
        self.pending.clone()
    }

    /// What works but could be better, such as a custom-scheme URI in an app flow.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }
}

impl fmt::Display for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Authorization({}?<redacted>)", self.url.split('?').next().unwrap_or_default())
    }
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The verified claims of an ID token. Vipps adds user data to ID tokens (email, and more
/// since 2025), so its text form shows the `sub` and which other claims are present, never
/// their values.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct IdTokenClaims {
    inner: login::IdTokenClaims,
}

impl From<login::IdTokenClaims> for IdTokenClaims {
    fn from(inner: login::IdTokenClaims) -> Self {
        IdTokenClaims { inner }
    }
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[uniffi::export]
impl IdTokenClaims {
    pub fn sub(&self) -> String {
        self.inner.sub.clone()
    }
    pub fn iss(&self) -> String {
        self.inner.iss.clone()
    }
    /// `aud` as a list, whether Vipps sent a string or an array.
    pub fn aud(&self) -> Vec<String> {
        self.inner.aud.clone()
    }
    pub fn exp(&self) -> i64 {
        signed(self.inner.exp)
    }
    pub fn iat(&self) -> i64 {
        signed(self.inner.iat)
    }
    pub fn auth_time(&self) -> Option<i64> {
        self.inner.auth_time.map(signed)
    }
    pub fn acr(&self) -> Option<String> {
        self.inner.acr.clone()
    }
    pub fn msn(&self) -> Option<String> {
        self.inner.msn.clone()
    }
    pub fn sid(&self) -> Option<String> {
        self.inner.sid.clone()
    }
    /// Every other claim, as JSON text.
    pub fn other(&self) -> HashMap<String, String> {
        json_map(&self.inner.other)
    }
}

impl fmt::Display for IdTokenClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let others: Vec<&str> = self.inner.other.keys().map(String::as_str).collect();
        write!(f, "IdTokenClaims(sub={}, other claims: {})", self.inner.sub, others.join(", "))
    }
}

impl fmt::Debug for IdTokenClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

pub(crate) fn json_map(map: &serde_json::Map<String, Value>) -> HashMap<String, String> {
    map.iter().map(|(name, value)| (name.clone(), value.to_string())).collect()
}

/// A verified login. Its text form shows the user's `sub`, never the tokens.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct CompletedLogin {
    inner: Box<login::CompletedLogin>,
}

impl From<Box<login::CompletedLogin>> for CompletedLogin {
    fn from(inner: Box<login::CompletedLogin>) -> Self {
        CompletedLogin { inner }
    }
}

#[uniffi::export]
impl CompletedLogin {
    pub fn claims(&self) -> Arc<IdTokenClaims> {
        Arc::new(self.inner.claims.clone().into())
    }

    /// The user's data, when it was asked for.
    pub fn userinfo(&self) -> Option<Arc<UserInfo>> {
        self.inner.userinfo.clone().map(|info| Arc::new(info.into()))
    }

    /// The granted scopes, space-separated.
    pub fn scope(&self) -> Option<String> {
        self.inner.scope.clone()
    }

    /// Reads userinfo for about ten minutes.
    pub fn access_token(&self) -> String {
        self.inner.access_token.expose().to_owned()
    }

    pub fn id_token(&self) -> String {
        self.inner.id_token.expose().to_owned()
    }
}

impl fmt::Display for CompletedLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CompletedLogin(sub={}, tokens redacted)", self.inner.claims.sub)
    }
}

impl fmt::Debug for CompletedLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// How a browser or app login ended.
#[derive(uniffi::Enum)]
pub enum LoginResult {
    Completed {
        login: Arc<CompletedLogin>,
    },
    /// The user cancelled: a normal outcome.
    Cancelled {
        description: Option<String>,
    },
}

impl From<login::LoginOutcome> for LoginResult {
    fn from(outcome: login::LoginOutcome) -> Self {
        match outcome {
            login::LoginOutcome::Completed(done) => LoginResult::Completed { login: Arc::new(done.into()) },
            login::LoginOutcome::Cancelled { description } => LoginResult::Cancelled { description },
        }
    }
}
