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
#[derive(Clone, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct Authorization {
    /// The authorize URL (it carries the state and nonce: do not log it).
    pub url: String,
    pub pending: Arc<PendingLogin>,
    /// What works but could be better, such as a custom-scheme URI in an app flow.
    pub warnings: Vec<String>,
}

impl From<login::Authorization> for Authorization {
    fn from(authorization: login::Authorization) -> Self {
        let pending = Arc::new(PendingLogin { inner: authorization.pending });
        Authorization { url: authorization.url, pending, warnings: authorization.warnings }
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
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct IdTokenClaims {
    pub sub: String,
    pub iss: String,
    /// `aud` as a list, whether Vipps sent a string or an array.
    pub aud: Vec<String>,
    pub exp: i64,
    pub iat: i64,
    pub auth_time: Option<i64>,
    pub acr: Option<String>,
    pub msn: Option<String>,
    pub sid: Option<String>,
    /// Every other claim, as JSON text.
    pub other: HashMap<String, String>,
}

impl From<login::IdTokenClaims> for IdTokenClaims {
    fn from(claims: login::IdTokenClaims) -> Self {
        IdTokenClaims {
            other: json_map(&claims.other),
            exp: signed(claims.exp),
            iat: signed(claims.iat),
            auth_time: claims.auth_time.map(signed),
            sub: claims.sub,
            iss: claims.iss,
            aud: claims.aud,
            acr: claims.acr,
            msn: claims.msn,
            sid: claims.sid,
        }
    }
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl fmt::Display for IdTokenClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdTokenClaims(sub={}, other claims: {})", self.sub, sorted_names(&self.other))
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

/// The names of a map's entries, sorted, for a text form that shows which are present.
pub(crate) fn sorted_names(map: &HashMap<String, String>) -> String {
    let mut names: Vec<&str> = map.keys().map(String::as_str).collect();
    names.sort_unstable();
    names.join(", ")
}

/// A verified login. Its text form shows the user's `sub`, never the tokens.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct CompletedLogin {
    pub claims: IdTokenClaims,
    /// The user's data, when it was asked for.
    pub userinfo: Option<UserInfo>,
    /// The granted scopes, space-separated.
    pub scope: Option<String>,
    /// Reads userinfo for about ten minutes. Keep it out of logs.
    pub access_token: String,
    /// Keep it out of logs.
    pub id_token: String,
}

impl From<Box<login::CompletedLogin>> for CompletedLogin {
    fn from(login: Box<login::CompletedLogin>) -> Self {
        let login = *login;
        CompletedLogin {
            claims: login.claims.into(),
            userinfo: login.userinfo.map(Into::into),
            scope: login.scope,
            access_token: login.access_token.expose().to_owned(),
            id_token: login.id_token.expose().to_owned(),
        }
    }
}

impl fmt::Display for CompletedLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CompletedLogin(sub={}, tokens redacted)", self.claims.sub)
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
        login: CompletedLogin,
    },
    /// The user cancelled: a normal outcome.
    Cancelled {
        description: Option<String>,
    },
}

impl From<login::LoginOutcome> for LoginResult {
    fn from(outcome: login::LoginOutcome) -> Self {
        match outcome {
            login::LoginOutcome::Completed(done) => LoginResult::Completed { login: done.into() },
            login::LoginOutcome::Cancelled { description } => LoginResult::Cancelled { description },
        }
    }
}
