//! The app-to-app flows, played as the Vipps app would. `app_to_app_v2`: straight back to the
//! redirect URI (the merchant app's universal link) with a code. `app_to_app`: first to
//! `app_callback_uri?state=…&resume_uri=…`; opening `resume_uri` (in the same browser
//! session, at Vipps) then sends the browser to the redirect URI with a code. A test scripts
//! the app with `_emulator_app=cancel` (the user cancels in the app) or `=outdated` (an app
//! too old).

use super::authorize::{grant, redirect};
use super::{clients, Authorization};
use crate::jwt::random_hex;
use crate::state::State;
use axum::body::Body;
use axum::extract::{Query, State as Shared};
use axum::http::Response;
use std::collections::HashMap;

pub(crate) const RESUME_PATH: &str = "/vipps-login-idp/resume";

/// `requested_flow=app_to_app_v2`.
pub(crate) fn simple(state: &State, authorization: Authorization, script: Option<&str>) -> Response<Body> {
    match scripted_error(script) {
        Some((error, description)) => {
            let back = authorization.redirect_uri.clone();
            redirect(&back, &[("error", error), ("error_description", description), ("state", &authorization.state)])
        }
        None => grant(state, authorization),
    }
}

/// `requested_flow=app_to_app` with `app_callback_uri`.
pub(crate) fn advanced(
    state: &State,
    authorization: Authorization,
    app_callback_uri: Option<&str>,
    script: Option<&str>,
) -> Response<Body> {
    let back = |error: &str, description: &str| {
        redirect(
            &authorization.redirect_uri,
            &[("error", error), ("error_description", description), ("state", &authorization.state)],
        )
    };
    let Some(app_callback_uri) = app_callback_uri.filter(|uri| !uri.is_empty() && !uri.contains('#')) else {
        return back("invalid_app_callback_uri", "The app_callback_uri is missing or malformed.");
    };
    if !clients::redirect_uri_registered(&state.config, app_callback_uri) {
        return back("app_callback_uri_not_registered", "The app_callback_uri is not registered as a redirect URI.");
    }
    if let Some((error, description)) = scripted_error(script) {
        let params = [("state", authorization.state.as_str()), ("error", error), ("error_description", description)];
        return redirect(app_callback_uri, &params);
    }
    let ticket = random_hex(16);
    let resume_uri = format!("{}{RESUME_PATH}?tabId={ticket}", state.base_url);
    let sent_state = authorization.state.clone();
    state.lock().login.resumes.insert(ticket, authorization);
    redirect(app_callback_uri, &[("state", &sent_state), ("resume_uri", &resume_uri)])
}

/// `GET /vipps-login-idp/resume?tabId=…`: the browser session resumes and goes on to the
/// redirect URI with a code. Each resume works once.
pub(crate) async fn resume(
    Shared(state): Shared<State>,
    Query(query): Query<HashMap<String, String>>,
) -> Response<Body> {
    let waiting = query.get("tabId").and_then(|ticket| state.lock().login.resumes.remove(ticket));
    match waiting {
        Some(authorization) => grant(&state, authorization),
        None => super::authorize::error_page("This login session is unknown or was already resumed."),
    }
}

fn scripted_error(script: Option<&str>) -> Option<(&'static str, &'static str)> {
    match script? {
        "cancel" => Some(("access_denied", "The user cancelled in the app.")),
        "outdated" => Some(("outdated_app_version", "The Vipps MobilePay app is too old for this login.")),
        _ => Some(("unknown_error", "The emulator does not know this _emulator_app script.")),
    }
}
