//! What an app was opened with. Any URL — universal link, app link, custom scheme, or a stray
//! deep link from somewhere else — becomes a typed outcome; nothing here fails or panics.
//! A URL is this login's when its address is the pending login's `redirect_uri` or
//! `app_callback_uri` and its `state` is a pending login's.

use crate::login::callback::parameters;
use crate::login::random::constant_time_eq;
use crate::login::PendingLogin;
use crate::metrics::{self, AppEvent};
use crate::secret::Secret;
use url::Url;

/// What the app should do with the URL it was opened with. Debug shows neither the state,
/// the code, nor the `resume_uri`'s query (it names the browser session).
#[derive(Clone, PartialEq, Eq)]
pub enum AppUrl {
    /// The advanced flow's first return: open `resume_uri` in the same browser session that
    /// started the login (it needs that session's cookies).
    Resume { state: String, resume_uri: String },
    /// The user consented: hand the code (and state) to the backend, or finish with the
    /// pending login.
    Code { state: String, code: Secret, scope: Option<String> },
    /// The user cancelled: a normal outcome.
    Cancelled { state: String, description: Option<String> },
    /// Vipps or its app reported an error (`outdated_app_version`, `app_callback_uri_not_registered`...).
    Failed { state: String, error: String, description: Option<String> },
    /// Not this login's: another path, another state, or no login parameters at all.
    NotOurs { reason: String },
}

impl AppUrl {
    /// The state of the pending login it belongs to, when it belongs to one.
    pub fn state(&self) -> Option<&str> {
        match self {
            AppUrl::Resume { state, .. }
            | AppUrl::Code { state, .. }
            | AppUrl::Cancelled { state, .. }
            | AppUrl::Failed { state, .. } => Some(state),
            AppUrl::NotOurs { .. } => None,
        }
    }
}

impl std::fmt::Debug for AppUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppUrl::Resume { resume_uri, .. } => {
                let page = address_of(resume_uri).unwrap_or_default();
                f.debug_struct("Resume").field("resume_uri", &format!("{page}?…")).finish_non_exhaustive()
            }
            AppUrl::Code { scope, .. } => f.debug_struct("Code").field("scope", scope).finish_non_exhaustive(),
            AppUrl::Cancelled { description, .. } => {
                f.debug_struct("Cancelled").field("description", description).finish_non_exhaustive()
            }
            AppUrl::Failed { error, description, .. } => {
                f.debug_struct("Failed").field("error", error).field("description", description).finish_non_exhaustive()
            }
            AppUrl::NotOurs { reason } => f.debug_struct("NotOurs").field("reason", reason).finish(),
        }
    }
}

/// Reads `url` for the pending logins the app keeps (several may be open at once).
pub fn parse_app_url(url: &str, pending: &[PendingLogin]) -> AppUrl {
    let parsed = parse(url, pending);
    metrics::app_url(match &parsed {
        AppUrl::Resume { .. } => AppEvent::Resume,
        AppUrl::Code { .. } => AppEvent::Code,
        AppUrl::Cancelled { .. } => AppEvent::Cancelled,
        AppUrl::Failed { .. } => AppEvent::Failed,
        AppUrl::NotOurs { .. } => AppEvent::NotOurs,
    });
    parsed
}

fn parse(url: &str, pending: &[PendingLogin]) -> AppUrl {
    let not_ours = |reason: &str| AppUrl::NotOurs { reason: reason.to_owned() };
    let Some(address) = address_of(url) else { return not_ours("not an absolute URL") };
    let Ok(params) = parameters(url) else { return not_ours("a parameter is repeated") };
    let Some(state) = params.get("state").filter(|s| !s.is_empty()) else {
        return not_ours("no state: not a login's return");
    };
    let Some(login) = pending.iter().find(|p| constant_time_eq(p.state(), state)) else {
        return not_ours("the state is no pending login's");
    };
    let state = state.clone();
    let on = |uri: Option<&str>| uri.and_then(address_of).is_some_and(|expected| expected == address);
    let text = |name: &str| params.get(name).cloned();
    if on(login.app_callback_uri()) {
        if let Some(error) = text("error") {
            return failed(state, error, text("error_description"));
        }
        return match text("resume_uri").and_then(|uri| safe_to_open(&uri, login)) {
            Some(resume_uri) => AppUrl::Resume { state, resume_uri },
            None => not_ours("the app callback has no resume_uri on Vipps' login host"),
        };
    }
    if !on(Some(login.redirect_uri())) {
        return not_ours("another address than this login's redirect_uri and app_callback_uri");
    }
    match (text("code").filter(|c| !c.is_empty()), text("error")) {
        (Some(code), None) => AppUrl::Code { state, code: Secret::new(code), scope: text("scope") },
        (None, Some(error)) => failed(state, error, text("error_description")),
        _ => not_ours("neither a code nor an error"),
    }
}

fn failed(state: String, error: String, description: Option<String>) -> AppUrl {
    match error.as_str() {
        "access_denied" => AppUrl::Cancelled { state, description },
        _ => AppUrl::Failed { state, error, description },
    }
}

/// Scheme, host and path, compared loosely where phones differ: case of scheme and host, a
/// trailing `/` (Vipps' own example adds one to `merchant-app://callback/`).
fn address_of(uri: &str) -> Option<String> {
    let url = Url::parse(uri.trim()).ok()?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(format!("{}://{host}{port}{}", url.scheme(), url.path().trim_end_matches('/')))
}

/// Vipps' login pages, for Vipps and MobilePay alike (one set of hosts serves both).
const VIPPS_LOGIN_HOSTS: [&str; 2] = ["api.vipps.no", "apitest.vipps.no"];

/// Only a page of Vipps' login is reopened — on Vipps' hosts over https, or on the host this
/// login's authorize URL was on (a configured environment, the emulator): never
/// `javascript:`, an app scheme or another site from a crafted link. The URL comes back as it
/// was checked, normalised: what a lenient parser (or browser) reads as Vipps' page, written
/// with control characters or backslashes, is handed on in the form that was checked.
fn safe_to_open(uri: &str, login: &PendingLogin) -> Option<String> {
    let url = Url::parse(uri).ok()?;
    let on_vipps = url.scheme() == "https" && url.host_str().is_some_and(|host| VIPPS_LOGIN_HOSTS.contains(&host));
    let on_login_host = login.login_origin.as_deref() == Some(url.origin().ascii_serialization().as_str());
    (on_vipps || on_login_host).then(|| url.to_string())
}
