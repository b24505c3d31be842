//! `GET …/oauth2/auth`: the browser arrives here. Requests that cannot be sent back (unknown
//! client, unregistered redirect URI) get Vipps' own error page; the others go back to the
//! redirect URI with a code, or with an error. By default the test user consents at once; a
//! consent page with Accept and Cancel can be asked for.

use super::{app_flow, clients, Authorization, IssuedCode, CONSENT_PATH};
use crate::jwt::random_hex;
use crate::state::State;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State as Shared};
use axum::http::{Response, StatusCode};
use std::collections::HashMap;
use std::time::Instant;

const KNOWN_SCOPES: [&str; 9] =
    ["openid", "name", "email", "phoneNumber", "address", "birthDate", "nin", "gender", "delegatedConsents"];
const APP_AUTH: &str = "urn:vipps:acr:app_auth";

pub(crate) async fn authorize(Shared(state): Shared<State>, RawQuery(query): RawQuery) -> Response<Body> {
    let params = match single_valued(query.as_deref().unwrap_or_default().as_bytes()) {
        Ok(params) => params,
        Err(name) => return error_page(&format!("The parameter `{name}` was given more than once.")),
    };
    let get = |name: &str| params.get(name).map(String::as_str);
    let config = &state.config;
    let client = match (get("client_id"), get("msn")) {
        (Some(id), None) => clients::find(&state, id),
        (None, Some(msn)) => clients::for_msn(&state, msn),
        _ => None,
    };
    let Some(client) = client else {
        return error_page("The client is unknown, or the request named both or neither of client_id and msn.");
    };
    let Some(redirect_uri) = get("redirect_uri").filter(|uri| clients::redirect_uri_registered(config, uri)) else {
        return error_page(
            "The redirect_uri is missing or not registered for this sales unit (an exact match is required).",
        );
    };
    let sent_state = get("state").unwrap_or_default();
    let back = |error: &str, description: &str| {
        redirect(redirect_uri, &[("error", error), ("error_description", description), ("state", sent_state)])
    };
    if get("response_type") != Some("code") {
        return back("unsupported_response_type", "Only response_type=code is supported.");
    }
    if sent_state.len() < 8 {
        return back("invalid_state", "The state is missing or shorter than 8 characters.");
    }
    let scope = get("scope").unwrap_or_default();
    let scopes: Vec<&str> = scope.split(' ').collect();
    if !scopes.contains(&"openid") || scopes.iter().any(|s| !KNOWN_SCOPES.contains(s)) {
        return back("invalid_scope", "The scope must include openid and only known scopes.");
    }
    let (Some(challenge), Some("S256")) = (get("code_challenge"), get("code_challenge_method")) else {
        return back("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
    };
    if get("acr_values").is_some_and(|acr| acr != APP_AUTH) {
        return back("invalid_request", "acr_values supports only urn:vipps:acr:app_auth.");
    }
    let authorization = Authorization {
        client_id: client.client_id.clone(),
        msn: get("msn").map(str::to_owned),
        redirect_uri: redirect_uri.to_owned(),
        scope: scope.to_owned(),
        state: sent_state.to_owned(),
        nonce: get("nonce").map(str::to_owned),
        code_challenge: challenge.to_owned(),
        acr: get("acr_values").map(str::to_owned),
    };
    match (get("requested_flow"), get("app_callback_uri")) {
        (Some("app_to_app"), callback) => {
            return app_flow::advanced(&state, authorization, callback, get("_emulator_app"))
        }
        (_, Some(_)) => return back("invalid_request", "app_callback_uri is only for requested_flow=app_to_app."),
        (Some("app_to_app_v2"), None) => return app_flow::simple(&state, authorization, get("_emulator_app")),
        (None | Some("automatic_return_from_vipps_app"), None) => {}
        (Some(_), None) => return back("invalid_request", "Unknown requested_flow."),
    }
    if config.consent_page || get("_emulator_consent") == Some("page") {
        let ticket = random_hex(16);
        state.lock().login.consents.insert(ticket.clone(), authorization);
        return consent_page(&ticket, scope);
    }
    grant(&state, authorization)
}

/// `POST …/auth/consent` from the consent page's form: `ticket` and `decision`.
pub(crate) async fn consent(Shared(state): Shared<State>, body: Bytes) -> Response<Body> {
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let waiting = form.get("ticket").and_then(|ticket| state.lock().login.consents.remove(ticket));
    let Some(authorization) = waiting else {
        return error_page("This consent page has expired or was already answered.");
    };
    match form.get("decision").map(String::as_str) {
        Some("accept") => grant(&state, authorization),
        _ => redirect(
            &authorization.redirect_uri,
            &[
                ("error", "access_denied"),
                ("error_description", "User cancelled the login"),
                ("state", &authorization.state),
            ],
        ),
    }
}

/// The user consented: back to the redirect URI with a fresh single-use code.
pub(crate) fn grant(state: &State, authorization: Authorization) -> Response<Body> {
    let code = random_hex(24);
    let (redirect_uri, sent_state, scope) =
        (authorization.redirect_uri.clone(), authorization.state.clone(), authorization.scope.clone());
    let expires = Instant::now() + state.config.code_lifetime;
    state.lock().login.codes.insert(code.clone(), IssuedCode { authorization, expires, used: false });
    redirect(&redirect_uri, &[("code", &code), ("state", &sent_state), ("scope", &scope)])
}

pub(crate) fn redirect(redirect_uri: &str, params: &[(&str, &str)]) -> Response<Body> {
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish();
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    let location = format!("{redirect_uri}{separator}{query}");
    match location.parse() {
        Ok(value) => {
            response.headers_mut().insert("location", value);
            response
        }
        Err(_) => error_page("The redirect URI cannot be used in a Location header."),
    }
}

/// Every parameter once; the name of the first one that repeats otherwise.
fn single_valued(query: &[u8]) -> Result<HashMap<String, String>, String> {
    let mut params = HashMap::new();
    for (name, value) in form_urlencoded::parse(query).into_owned() {
        if params.insert(name.clone(), value).is_some() {
            return Err(name);
        }
    }
    Ok(params)
}

fn html(status: StatusCode, body: String) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert("content-type", "text/html; charset=utf-8".parse().expect("valid"));
    response
}

pub(crate) fn error_page(message: &str) -> Response<Body> {
    html(
        StatusCode::BAD_REQUEST,
        format!(
            "<!doctype html><title>Vipps MobilePay</title><h1>Something went wrong</h1><p id=\"error\">{}</p>",
            escape(message)
        ),
    )
}

fn consent_page(ticket: &str, scope: &str) -> Response<Body> {
    html(
        StatusCode::OK,
        format!(
            r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in with Vipps MobilePay (emulator)</title></head>
<body>
<h1>Log in with Vipps MobilePay</h1>
<p>The emulator's test user is asked to share: <span id="scope">{scope}</span></p>
<form method="post" action="{CONSENT_PATH}">
<input type="hidden" name="ticket" value="{ticket}">
<button id="accept" type="submit" name="decision" value="accept">Accept</button>
<button id="cancel" type="submit" name="decision" value="cancel">Cancel</button>
</form>
</body></html>"#,
            scope = escape(scope),
        ),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
