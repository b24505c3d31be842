//! `POST …/oauth2/token`, `grant_type=authorization_code`: client authentication by the
//! sales unit's method (or a partner's Bearer token and MSN), single-use codes that expire,
//! the exact redirect URI, PKCE S256; then an opaque access token and a signed ID token.

use super::discovery::issuer;
use super::keys::Signing;
use super::{clients, tamper, Authorization, Grant};
use crate::answers::{json, oauth};
use crate::config::{AuthMethod, TestUser};
use crate::jwt::random_hex;
use crate::state::State;
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{HeaderMap, Response, StatusCode};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};
use sha2::Digest;
use std::collections::HashMap;
use std::time::Instant;

pub(crate) async fn token(Shared(state): Shared<State>, headers: HeaderMap, body: Bytes) -> Response<Body> {
    let (caller, form) = match authenticated_form(&state, &headers, &body) {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {}
        Some(crate::phone::CIBA_GRANT) => return crate::phone::poll(&state, &caller, &form),
        Some(crate::phone::CIBA_REDIRECT_GRANT) => return crate::phone::redeem_redirect_code(&state, &caller, &form),
        _ => {
            return oauth(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Supported: authorization_code and the two CIBA grants.",
            )
        }
    }
    let authorization = match redeem(&state, &caller, &form) {
        Ok(authorization) => authorization,
        Err(description) => return oauth(StatusCode::BAD_REQUEST, "invalid_grant", description),
    };
    let access_token = access_token_for(&state, &authorization.scope, "", state.config.user.clone());
    json(
        StatusCode::OK,
        json!({
            "access_token": access_token,
            "expires_in": 3599,
            "id_token": id_token(&state, &authorization),
            "scope": authorization.scope,
            "token_type": "bearer",
        }),
    )
}

/// A Login access token that reads userinfo for `scope` during the userinfo window; phone
/// logins' start with `ciba.`, as in Vipps' example.
pub(crate) fn access_token_for(state: &State, scope: &str, prefix: &str, user: TestUser) -> String {
    let access_token = format!("{prefix}{}.{}", random_hex(20), random_hex(24));
    let grant = Grant { scope: scope.to_owned(), expires: Instant::now() + state.config.userinfo_window, user };
    state.lock().login.access_tokens.insert(access_token.clone(), grant);
    access_token
}

/// Who is calling: a sales unit's client_id, and the MSN when a partner acts for one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Caller {
    pub client_id: String,
    pub msn: Option<String>,
}

/// The caller and the form of a POST to an endpoint that takes the token endpoint's client
/// authentication (the token endpoint, and the phone-login endpoints).
pub(crate) fn authenticated_form(
    state: &State,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(Caller, HashMap<String, String>), Response<Body>> {
    let form = single_valued_form(body)?;
    Ok((authenticate(state, headers, &form)?, form))
}

/// Reads the form of a POST, refusing a repeated parameter.
fn single_valued_form(body: &[u8]) -> Result<HashMap<String, String>, Response<Body>> {
    let mut form = HashMap::new();
    for (name, value) in form_urlencoded::parse(body).into_owned() {
        if form.insert(name.clone(), value).is_some() {
            return Err(oauth(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                &format!("The parameter {name} is repeated."),
            ));
        }
    }
    Ok(form)
}

fn authenticate(state: &State, headers: &HeaderMap, form: &HashMap<String, String>) -> Result<Caller, Response<Body>> {
    let refused = |description: &str| Err(oauth(StatusCode::UNAUTHORIZED, "invalid_client", description));
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok());
    if let Some(bearer) = authorization.and_then(|a| a.strip_prefix("Bearer ")) {
        let msn = headers.get("merchant-serial-number").and_then(|v| v.to_str().ok());
        let known = state.lock().login.partner_tokens.contains(bearer);
        return match (known, msn) {
            (true, Some(msn)) => match clients::for_msn(state, msn) {
                Some(client) => Ok(Caller { client_id: client.client_id.clone(), msn: Some(msn.to_owned()) }),
                None => refused("The client or its related sales unit or merchant does not exist or is not active."),
            },
            (true, None) => refused("A partner must send the Merchant-Serial-Number it acts for."),
            (false, _) => refused("The access token is not a partner token from /accesstoken/get."),
        };
    }
    let (method, id, secret) = match authorization.and_then(|a| a.strip_prefix("Basic ")) {
        Some(basic) => match decode_basic(basic) {
            Some((id, secret)) => (AuthMethod::ClientSecretBasic, id, secret),
            None => return refused("The Authorization header is not valid HTTP Basic."),
        },
        None => match (form.get("client_id"), form.get("client_secret")) {
            (Some(id), Some(secret)) => (AuthMethod::ClientSecretPost, id.clone(), secret.clone()),
            _ => return refused("Client authentication failed: no client credentials were sent."),
        },
    };
    match clients::find(state, &id) {
        Some(client) if client.auth_method != method => refused(&format!(
            "Client authentication failed. The OAuth 2.0 Client supports client authentication method '{}', but method '{}' was requested.",
            method_name(client.auth_method),
            method_name(method)
        )),
        Some(client) if client.client_secret == secret => Ok(Caller { client_id: id, msn: None }),
        _ => refused("Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)."),
    }
}

/// The code's authorization, if this caller may redeem it now. A code is spent by any
/// attempt, as Vipps' server does: a replay never works.
fn redeem(state: &State, caller: &Caller, form: &HashMap<String, String>) -> Result<Authorization, &'static str> {
    const INVALID: &str = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
    let code = form.get("code").ok_or(INVALID)?;
    let mut inner = state.lock();
    let issued = inner.login.codes.get_mut(code).ok_or(INVALID)?;
    if issued.used || Instant::now() > issued.expires {
        return Err(INVALID);
    }
    issued.used = true;
    let authorization = issued.authorization.clone();
    if authorization.client_id != caller.client_id
        || authorization.msn.is_some() != caller.msn.is_some()
        || form.get("redirect_uri") != Some(&authorization.redirect_uri)
    {
        return Err(INVALID);
    }
    let verifier = form.get("code_verifier").ok_or("The PKCE code_verifier is missing.")?;
    if URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes())) != authorization.code_challenge {
        return Err("The PKCE code_verifier does not match the code_challenge.");
    }
    Ok(authorization)
}

fn id_token(state: &State, authorization: &Authorization) -> String {
    let now = state.now_secs();
    let mut claims = json!({
        "iss": issuer(state),
        "aud": [authorization.client_id],
        "sub": state.config.user.sub,
        "exp": now + 3600,
        "iat": now,
        "auth_time": now,
        "rat": now,
        "jti": random_hex(16),
        "nonce": authorization.nonce.clone().unwrap_or_default(),
        "sid": random_hex(16),
        "msn": authorization.msn.clone().or_else(|| clients::own_msn(state, &authorization.client_id)),
    });
    if let Some(acr) = &authorization.acr {
        claims["acr"] = Value::from(acr.as_str());
    }
    sign_id_token(state, claims, Signing::Rs256)
}

/// Signs `claims` as `signing` says, unless a tampering is queued: then as it says.
pub(crate) fn sign_id_token(state: &State, mut claims: Value, signing: Signing) -> String {
    let tampering = tamper::take(state).unwrap_or_else(|| tamper::Tampering {
        signing,
        claims: Default::default(),
        header: Default::default(),
        count: 1,
    });
    let object = claims.as_object_mut().expect("an object");
    for (name, value) in tampering.claims {
        match value {
            Value::Null => object.remove(&name),
            value => object.insert(name, value),
        };
    }
    let signing = state.lock().login.signing.clone();
    signing.sign(tampering.signing, &claims, &tampering.header)
}

/// `Authorization: Basic` with both parts form-decoded after base64 (RFC 6749 §2.3.1).
fn decode_basic(encoded: &str) -> Option<(String, String)> {
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let decode =
        |part: &str| form_urlencoded::parse(format!("v={part}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((decode(id)?, decode(secret)?))
}

fn method_name(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::ClientSecretBasic => "client_secret_basic",
        AuthMethod::ClientSecretPost => "client_secret_post",
    }
}
