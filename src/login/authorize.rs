//! The URL that sends the user's browser to Vipps, and the pending login that completes it.
//! Always with a fresh state, nonce and PKCE S256 challenge from the CSPRNG.

use super::pending::PendingLogin;
use super::random::url_safe;
use super::redirect_uri::{check_app_callback_uri, check_redirect_uri, is_custom_scheme};
use super::scope::Scopes;
use crate::error::{Error, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use url::Url;

/// Forces in-app confirmation: the ID token must then carry the same `acr`.
pub const ACR_APP_AUTH: &str = "urn:vipps:acr:app_auth";
const MARKETS: [&str; 4] = ["NO", "DK", "FI", "SE"];

/// How a phone app's login returns to the app (see the README's app-to-app section).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppFlow {
    /// `requested_flow=app_to_app_v2`, the recommended flow: the Vipps or MobilePay app
    /// returns straight to `redirect_uri` — the app's universal link or app link — with the
    /// code.
    AppToAppV2,
    /// `requested_flow=app_to_app` with `app_callback_uri`, the advanced flow: the Vipps app
    /// opens `app_callback_uri?state=…&resume_uri=…`, and the app reopens `resume_uri` in the
    /// same browser session, which then goes on to `redirect_uri`.
    AppToApp { app_callback_uri: String },
}

/// What a login asks Vipps for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizeRequest {
    /// Registered in the portal, matched exactly by Vipps.
    pub redirect_uri: String,
    pub scopes: Scopes,
    /// `requested_flow=automatic_return_from_vipps_app`: the app returns the user to a
    /// browser by itself — possibly another browser, so the login must not need cookies.
    pub automatic_return: bool,
    /// `NO`, `DK`, `FI` or `SE`: Vipps or MobilePay look.
    pub market: Option<String>,
    /// [`ACR_APP_AUTH`] to force confirmation in the app.
    pub acr_values: Option<String>,
    /// A phone app's login: the app-to-app flows.
    pub app_flow: Option<AppFlow>,
    /// The merchant this login is for, when a partner's client acts for many: its MSN. The
    /// pending login keeps it, so the code exchange, userinfo and the ID token's `msn` check
    /// are for this merchant. Only for partner clients.
    pub msn: Option<String>,
}

impl AuthorizeRequest {
    pub fn new(redirect_uri: impl Into<String>, scopes: Scopes) -> Self {
        AuthorizeRequest {
            redirect_uri: redirect_uri.into(),
            scopes,
            automatic_return: false,
            market: None,
            acr_values: None,
            app_flow: None,
            msn: None,
        }
    }

    /// The same request for a partner acting for merchant `msn`.
    pub fn for_merchant(mut self, msn: impl Into<String>) -> Self {
        self.msn = Some(msn.into());
        self
    }

    /// The same request for another redirect URI.
    pub fn with_redirect(mut self, redirect_uri: impl Into<String>) -> Self {
        self.redirect_uri = redirect_uri.into();
        self
    }

    /// Checks the request, and the redirect and app callback URIs against Vipps' rules.
    pub(crate) fn validate(&self, production: bool) -> Result<()> {
        check_redirect_uri(&self.redirect_uri, production)?;
        match &self.app_flow {
            Some(_) if self.automatic_return => {
                return Err(Error::config("app_flow", "one requested_flow at a time: app-to-app or automatic return"))
            }
            Some(AppFlow::AppToApp { app_callback_uri }) => check_app_callback_uri(app_callback_uri, production)?,
            _ => {}
        }
        if let Some(market) = &self.market {
            if !MARKETS.contains(&market.as_str()) {
                return Err(Error::config("market", format!("`{market}` is not one of NO, DK, FI, SE")));
            }
        }
        if let Some(acr) = &self.acr_values {
            if acr.is_empty() || !acr.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::config("acr_values", "must be a non-empty URN such as urn:vipps:acr:app_auth"));
            }
        }
        Ok(())
    }
}

/// Where to send the browser, and what to keep until it comes back.
#[derive(Clone)]
pub struct Authorization {
    pub url: String,
    pub pending: PendingLogin,
    /// What works but could be better: a custom-scheme URI for an app flow, which any app
    /// can claim, where a universal link or app link opens only the merchant's.
    pub warnings: Vec<String>,
}

/// The URL's query holds the state and nonce: Debug shows the endpoint only.
impl std::fmt::Debug for Authorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let endpoint = self.url.split('?').next().unwrap_or_default();
        f.debug_struct("Authorization")
            .field("url", &format!("{endpoint}?<redacted>"))
            .field("pending", &self.pending)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Builds the URL on `endpoint` (from discovery); `client` is `("client_id", id)` or, for
/// partners, `("msn", MSN)`.
pub(crate) fn build(
    endpoint: &Url,
    client: (&str, &str),
    request: &AuthorizeRequest,
    merchant: Option<String>,
    lifetime: Duration,
) -> Result<Authorization> {
    let (state, nonce, verifier) = (url_safe(16)?, url_safe(16)?, url_safe(32)?);
    let challenge = URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, verifier.expose().as_bytes()));
    let scope = request.scopes.to_string();
    let mut url = endpoint.clone();
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair(client.0, client.1)
            .append_pair("redirect_uri", &request.redirect_uri)
            .append_pair("scope", &scope)
            .append_pair("state", state.expose())
            .append_pair("nonce", nonce.expose())
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        if request.automatic_return {
            query.append_pair("requested_flow", "automatic_return_from_vipps_app");
        }
        match &request.app_flow {
            Some(AppFlow::AppToAppV2) => {
                query.append_pair("requested_flow", "app_to_app_v2");
            }
            Some(AppFlow::AppToApp { app_callback_uri }) => {
                query.append_pair("requested_flow", "app_to_app").append_pair("app_callback_uri", app_callback_uri);
            }
            None => {}
        }
        if let Some(market) = &request.market {
            query.append_pair("market", market);
        }
        if let Some(acr) = &request.acr_values {
            query.append_pair("acr_values", acr);
        }
    }
    // Spaces as %20, as Vipps' guide asks, not `+`.
    let url = url.as_str().replace('+', "%20");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let pending = PendingLogin {
        state,
        nonce,
        code_verifier: verifier,
        redirect_uri: request.redirect_uri.clone(),
        scope,
        acr: request.acr_values.clone(),
        app_callback_uri: match &request.app_flow {
            Some(AppFlow::AppToApp { app_callback_uri }) => Some(app_callback_uri.clone()),
            _ => None,
        },
        created_at: now,
        expires_at: now + lifetime.as_secs(),
        login_origin: Some(endpoint.origin().ascii_serialization()),
        msn: merchant,
    };
    Ok(Authorization { url, pending, warnings: warnings(request) })
}

/// Custom schemes in an app flow: allowed, but weaker than a universal link or app link.
fn warnings(request: &AuthorizeRequest) -> Vec<String> {
    let mut uris = vec![("redirect_uri", request.redirect_uri.as_str())];
    match &request.app_flow {
        None => return Vec::new(),
        Some(AppFlow::AppToApp { app_callback_uri }) => uris.push(("app_callback_uri", app_callback_uri)),
        Some(AppFlow::AppToAppV2) => {}
    }
    uris.into_iter()
        .filter(|(_, uri)| is_custom_scheme(uri))
        .map(|(field, _)| {
            format!("{field} uses a custom scheme, which any app can claim: prefer a universal link (iOS) or app link (Android) on your https domain")
        })
        .collect()
}
