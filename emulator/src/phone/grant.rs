//! The two CIBA grants at the token endpoint — polling with an `auth_req_id`, and redeeming
//! the code a phone brought back in the redirect variant — and the admin view of the URLs the
//! phones opened.

use super::users::{profile, Script};
use super::RedirectCode;
use crate::answers::{json, oauth};
use crate::config::TestUser;
use crate::jwt::random_hex;
use crate::login::keys::Signing;
use crate::login::{access_token_for, clients, issuer, sign_id_token, Caller};
use crate::state::State;
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{Response, StatusCode};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub(crate) const CIBA_GRANT: &str = "urn:openid:params:grant-type:ciba";
pub(crate) const CIBA_REDIRECT_GRANT: &str = "urn:vipps:params:grant-type:ciba-redirect";

/// The standard's `slow_down` penalty.
const SLOW_DOWN: Duration = Duration::from_secs(5);

/// One poll: pending until the user answers, `slow_down` when polled sooner than the
/// interval, then tokens or `access_denied` once, `expired_token` after the expiry.
pub(crate) fn poll(state: &State, caller: &Caller, form: &HashMap<String, String>) -> Response<Body> {
    let refuse = |error: &str, description: &str| oauth(StatusCode::BAD_REQUEST, error, description);
    let Some(auth_req_id) = form.get("auth_req_id") else {
        return refuse("invalid_request", "auth_req_id is required.");
    };
    let (now, delay) = (Instant::now(), state.config.phone_login.approval_delay);
    let mut inner = state.lock();
    let Some(login) = inner.phone.started.get_mut(auth_req_id).filter(|login| login.caller == *caller) else {
        return refuse("invalid_grant", "The auth_req_id is unknown or was issued to another client.");
    };
    if login.redirect.is_some() {
        return refuse("invalid_request", "This login finishes on its redirect_uri: redeem the code sent there.");
    }
    let too_soon = login.last_poll.is_some_and(|last| now.duration_since(last) < login.interval);
    login.last_poll = Some(now);
    if too_soon {
        login.interval += SLOW_DOWN;
        return refuse("slow_down", "Polled faster than the interval: wait 5 seconds more from now on.");
    }
    if login.finished {
        return refuse("invalid_grant", "The authentication request was already completed.");
    }
    if now >= login.expires {
        return refuse("expired_token", "The authentication request has expired.");
    }
    if !login.answered(delay, now) {
        return refuse("authorization_pending", "The authorization request is still pending");
    }
    login.finished = true;
    if login.script == Script::Declines {
        return refuse("access_denied", "The user declined the login.");
    }
    let (caller, scope, phone) = (login.caller.clone(), login.scope.clone(), login.phone.clone());
    drop(inner);
    let user = profile(state, &phone);
    let claims = base_claims(state, &caller, 3600, json!([caller.client_id]), &user);
    json(
        StatusCode::OK,
        json!({
            "access_token": access_token_for(state, &scope, "ciba.", user),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": sign_id_token(state, claims, Signing::Rs256),
        }),
    )
}

/// The redirect variant's code: once, before it expires, by the client that started the
/// login. The ID token is ES256, names the login `authReqId` and has a string `aud`, as in
/// Vipps' own example.
pub(crate) fn redeem_redirect_code(state: &State, caller: &Caller, form: &HashMap<String, String>) -> Response<Body> {
    let invalid = || oauth(StatusCode::BAD_REQUEST, "invalid_grant", "The code is invalid, expired or already used.");
    let Some(code) = form.get("code") else {
        return oauth(StatusCode::BAD_REQUEST, "invalid_request", "code is required.");
    };
    let mut inner = state.lock();
    let Some(issued) = inner.phone.codes.get_mut(code) else { return invalid() };
    if issued.used || Instant::now() >= issued.expires {
        return invalid();
    }
    issued.used = true;
    let auth_req_id = issued.auth_req_id.clone();
    if form.get("auth_req_id").is_some_and(|sent| *sent != auth_req_id) {
        return invalid();
    }
    let Some(login) = inner.phone.started.get(&auth_req_id).filter(|login| login.caller == *caller) else {
        return invalid();
    };
    let (scope, phone) = (login.scope.clone(), login.phone.clone());
    drop(inner);
    let user = profile(state, &phone);
    let mut claims = base_claims(state, caller, 600, json!(caller.client_id), &user);
    claims["authReqId"] = Value::from(auth_req_id);
    json(
        StatusCode::OK,
        json!({
            "access_token": access_token_for(state, &scope, "", user),
            "id_token": sign_id_token(state, claims, Signing::Es256),
            "expires_in": 3599,
            "scope": scope,
            "token_type": "bearer",
        }),
    )
}

fn base_claims(state: &State, caller: &Caller, lifetime: u64, aud: Value, user: &TestUser) -> Value {
    let now = state.now_secs();
    json!({
        "iss": issuer(state),
        "aud": aud,
        "sub": user.sub,
        "exp": now + lifetime,
        "iat": now,
        "auth_time": now,
        "jti": random_hex(16),
        "sid": random_hex(16),
        "msn": caller.msn.clone().or_else(|| clients::own_msn(state, &caller.client_id)),
    })
}

/// The URLs phones opened in the redirect variant, oldest first. A user who has answered by
/// now opens `redirect_uri?code=…` (or `?error=access_denied` when declining) at that moment.
pub(crate) fn opened_urls(state: &State) -> Vec<String> {
    let (now, delay, code_lifetime) =
        (Instant::now(), state.config.phone_login.approval_delay, state.config.code_lifetime);
    let mut inner = state.lock();
    let phone = &mut inner.phone;
    let mut opened = Vec::new();
    for (auth_req_id, login) in phone.started.iter_mut() {
        let answered = login.answered(delay, now) && now < login.expires;
        let Some(redirect) = login.redirect.as_mut() else { continue };
        if redirect.opened.is_none() && answered {
            let mut query = form_urlencoded::Serializer::new(String::new());
            if login.script == Script::Approves {
                let code = random_hex(20);
                let expires = now + code_lifetime;
                phone
                    .codes
                    .insert(code.clone(), RedirectCode { auth_req_id: auth_req_id.clone(), expires, used: false });
                query.append_pair("code", &code);
            } else {
                query.append_pair("error", "access_denied").append_pair("error_description", "The user declined.");
            }
            if let Some(sent) = &redirect.state {
                query.append_pair("state", sent);
            }
            let joiner = if redirect.redirect_uri.contains('?') { '&' } else { '?' };
            redirect.opened = Some(format!("{}{joiner}{}", redirect.redirect_uri, query.finish()));
            login.finished = true;
        }
        if let Some(url) = &redirect.opened {
            opened.push((login.started, url.clone()));
        }
    }
    opened.sort();
    opened.into_iter().map(|(_, url)| url).collect()
}

/// `GET /_emulator/phone-redirects`: `{"redirects": [url, …]}`.
pub(crate) async fn phone_redirects(Shared(state): Shared<State>) -> Response<Body> {
    json(StatusCode::OK, json!({ "redirects": opened_urls(&state) }))
}
