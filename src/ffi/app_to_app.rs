//! App-to-app helpers for Kotlin and Swift apps (and their backends): the authorize URL built
//! on the phone, the code handoff, and the association files with their checker. The URL an
//! app is opened with is read by `parse_app_url` (app_url.rs).

use super::environment::Environment;
use super::error::VippsAuthError;
use super::login_types::{Authorization, AuthorizeRequest, PendingLogin};
use crate::app::{self, AndroidApp, AppLinks, CodeHandoff, IosApp};
use std::sync::Arc;

/// The authorize URL and pending login, built on the phone: no network, no client secret.
/// The app keeps the pending login and later sends `code_handoff_from_device`.
#[uniffi::export]
pub fn authorize_on_device(
    environment: Arc<Environment>,
    client_id: String,
    request: AuthorizeRequest,
) -> Result<Authorization, VippsAuthError> {
    Ok(app::authorize_on_device(&environment.inner, &client_id, &request.to_core()?)?.into())
}

/// The handoff JSON for a login the backend started (it keeps the pending login).
#[uniffi::export]
pub fn code_handoff(code: String, state: String) -> String {
    CodeHandoff::new(&code, &state).to_json().expose().to_owned()
}

/// The handoff JSON for a login the phone started: it carries the verifier, nonce and
/// redirect URI the backend's exchange needs (never a client secret).
#[uniffi::export]
pub fn code_handoff_from_device(code: String, pending: Arc<PendingLogin>) -> String {
    CodeHandoff::from_device(&code, &pending.inner).to_json().expose().to_owned()
}

/// The files a backend's domain serves under `/.well-known/`; `None` for a platform without
/// apps.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AppLinkFiles {
    pub apple_app_site_association: Option<String>,
    pub assetlinks_json: Option<String>,
}

/// Writes both files for `ios` apps (`TEAMID.bundle.id`), `android` apps
/// (`package:SHA-256 fingerprint`) and the callback `paths`, each checked first.
#[uniffi::export]
pub fn app_link_files(
    ios: Vec<String>,
    android: Vec<String>,
    paths: Vec<String>,
) -> Result<AppLinkFiles, VippsAuthError> {
    let links = AppLinks {
        ios: ios.iter().map(|id| IosApp::parse(id)).collect::<crate::Result<_>>()?,
        android: android.iter().map(|a| AndroidApp::parse(a)).collect::<crate::Result<_>>()?,
        paths,
    };
    links.validate()?;
    Ok(AppLinkFiles {
        apple_app_site_association: (!links.ios.is_empty()).then(|| links.apple_app_site_association()).transpose()?,
        assetlinks_json: (!links.android.is_empty()).then(|| links.assetlinks_json()).transpose()?,
    })
}

/// Whether Vipps' return to `redirect_uri` will open the app on each platform, and why not.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AppLinksReport {
    pub ios_opens_app: bool,
    pub ios_why: String,
    pub android_opens_app: bool,
    pub android_why: String,
}

/// Reads a site's two files (absent: `None`) for `redirect_uri`.
#[uniffi::export]
pub fn check_app_links(
    redirect_uri: String,
    apple_app_site_association: Option<Vec<u8>>,
    assetlinks_json: Option<Vec<u8>>,
) -> AppLinksReport {
    let report = app::check_app_links(&redirect_uri, apple_app_site_association.as_deref(), assetlinks_json.as_deref());
    AppLinksReport {
        ios_opens_app: report.ios.opens_app,
        ios_why: report.ios.why,
        android_opens_app: report.android.opens_app,
        android_why: report.android.why,
    }
}
