//! `POST /vipps-login-ciba/api/backchannel/authentication` starts a phone login;
//! `POST /vipps-login-ciba/api/v1/user-exists` says whether a number has an account. Both
//! take the client authentication of the token endpoint, and form fields in snake_case (the
//! guides) or camelCase (the 2024 OpenAPI).

use super::users::{phone_of, Script};
use super::{PhoneLogin, Redirect};
use crate::answers::{json, oauth};
use crate::jwt::random_hex;
use crate::login::{authenticated_form, clients};
use crate::state::State;
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{HeaderMap, Response, StatusCode};
use serde_json::json;
use std::time::{Duration, Instant};

pub(crate) async fn start(Shared(state): Shared<State>, headers: HeaderMap, body: Bytes) -> Response<Body> {
    let (caller, form) = match authenticated_form(&state, &headers, &body) {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let field = |snake: &str, camel: &str| form.get(snake).or_else(|| form.get(camel)).map(String::as_str);
    let invalid = |description: &str| oauth(StatusCode::BAD_REQUEST, "invalid_request", description);
    let Some(phone) = field("login_hint", "loginHint").and_then(phone_of) else {
        return invalid("login_hint must be urn:msisdn:<country code and number>.");
    };
    let scope = field("scope", "scope").unwrap_or_default().to_owned();
    if scope.is_empty() {
        return invalid("scope is required.");
    }
    if field("binding_message", "bindingMessage").is_some_and(|m| !valid_binding_message(m)) {
        return invalid("binding_message must match ^[A-Z0-9-]{5,8}$.");
    }
    let config = &state.config.phone_login;
    let expiry = match field("requested_expiry", "requestedExpiry").map(str::parse::<u64>) {
        None => config.default_expiry,
        Some(Ok(seconds)) if (60..=900).contains(&seconds) => Duration::from_secs(seconds),
        Some(_) => return invalid("requested_expiry must be a number of seconds from 60 to 900."),
    };
    let redirect = match field("requested_flow", "requestedFlow") {
        None => None,
        Some("login_to_webpage") => match field("redirect_uri", "redirectUri") {
            Some(uri) if clients::redirect_uri_registered(&state.config, uri) => {
                if !scope.split(' ').any(|s| s == "openid") {
                    return invalid("The redirect flow requires the openid scope.");
                }
                Some(Redirect { redirect_uri: uri.to_owned(), state: form.get("state").cloned(), opened: None })
            }
            _ => return invalid("redirect_uri is missing or not registered for this sales unit."),
        },
        Some(_) => return invalid("requested_flow supports only login_to_webpage."),
    };
    let script = Script::of(&state, &phone);
    match script {
        // Echoing the hint, as servers do: a client must keep it out of its own messages.
        Script::Unknown => {
            let description = format!("No user is known for login_hint urn:msisdn:{phone}.");
            return oauth(StatusCode::BAD_REQUEST, "unknown_user_id", &description);
        }
        // Vipps documents these as `error_code=…`; one of them is sent so, the other in `error`.
        Script::Ineligible => {
            let body = json!({"error": "invalid_request", "error_code": "invalid_user",
                              "error_description": "The user cannot log in with this service."});
            return json(StatusCode::BAD_REQUEST, body);
        }
        Script::OldApp => {
            return oauth(StatusCode::BAD_REQUEST, "old_app", "The user's app is too old for login from phone number.")
        }
        _ => {}
    }
    let now = Instant::now();
    let mut inner = state.lock();
    let open = inner.phone.started.values().filter(|login| login.phone == phone && login.open(now)).count();
    if open >= config.max_open_per_user {
        drop(inner);
        let mut refusal =
            oauth(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", "Too many logins are open toward this user.");
        let seconds = config.retry_after.as_secs().to_string();
        refusal.headers_mut().insert("retry-after", seconds.parse().expect("digits"));
        return refusal;
    }
    let auth_req_id = random_hex(24);
    let login = PhoneLogin {
        caller,
        phone,
        script,
        scope,
        started: now,
        expires: now + expiry.min(config.max_expiry),
        interval: config.interval,
        last_poll: None,
        finished: false,
        redirect,
    };
    let answer = json!({
        "auth_req_id": auth_req_id,
        "expires_in": (login.expires - now).as_secs(),
        "interval": login.interval.as_secs(),
    });
    inner.phone.started.insert(auth_req_id, login);
    json(StatusCode::OK, answer)
}

pub(crate) async fn user_exists(Shared(state): Shared<State>, headers: HeaderMap, body: Bytes) -> Response<Body> {
    let form = match authenticated_form(&state, &headers, &body) {
        Ok((_, form)) => form,
        Err(refusal) => return refusal,
    };
    let hint = form.get("login_hint").or_else(|| form.get("loginHint"));
    match hint.and_then(|hint| phone_of(hint)) {
        Some(phone) => json(StatusCode::OK, json!({"exists": Script::of(&state, &phone).has_account()})),
        None => oauth(StatusCode::BAD_REQUEST, "invalid_request", "login_hint must be urn:msisdn:<number>."),
    }
}

fn valid_binding_message(message: &str) -> bool {
    (5..=8).contains(&message.len())
        && message.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}
