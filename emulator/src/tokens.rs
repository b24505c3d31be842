//! `POST /accesstoken/get` and `POST /miami/v1/token`, checked the way Vipps checks them.

use crate::answers::{apim, json, oauth, problem};
use crate::jwt::mint;
use crate::state::State;
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{HeaderMap, Response, StatusCode};
use base64::Engine;
use serde_json::json;

pub(crate) async fn standard(Shared(state): Shared<State>, headers: HeaderMap) -> Response<Body> {
    let config = &state.config;
    let (keys, registered) = (state.lock().keys.clone(), state.registered());
    // Partner keys are a second key set; their tokens are what Login accepts as Bearer. A
    // registered sales unit is a third, found by its client_id.
    let sent_id = header(&headers, "client_id").unwrap_or_default();
    let partner = sent_id == config.partner.client_id;
    let unit = registered.merchant_by_client_id(sent_id);
    let (client_id, client_secret, subscription_key) = match &unit {
        _ if partner => {
            (config.partner.client_id.clone(), config.partner.client_secret.clone(), &config.partner.subscription_key)
        }
        Some(unit) => (unit.client_id(), unit.client_secret(), &config.subscription_key),
        None => (config.client_id.clone(), keys.client_secret, &keys.subscription_key),
    };
    let may_act_for = |msn: &str| match &unit {
        _ if partner => {
            config.partner.msns.iter().any(|known| known == msn) || registered.merchant_by_msn(msn).is_some()
        }
        Some(unit) => unit.msn == msn,
        None => config.msns.iter().any(|known| known == msn),
    };
    match header(&headers, "ocp-apim-subscription-key") {
        None => return apim("Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."),
        Some(key) if key != subscription_key.as_str() => {
            return apim("Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.")
        }
        Some(_) => {}
    }
    let Some(sent_id) = header(&headers, "client_id") else {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
        );
    };
    if sent_id != client_id {
        return oauth(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            "AADSTS700016: Application with the given identifier was not found in the directory. This can happen if the application has not been installed or if you sent your authentication request to the wrong tenant.",
        );
    }
    if header(&headers, "client_secret") != Some(client_secret.as_str()) {
        return oauth(StatusCode::UNAUTHORIZED, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
    }
    if partner && header(&headers, "merchant-serial-number").is_none() {
        return problem(StatusCode::BAD_REQUEST, "Bad Request", "Partner keys need a Merchant-Serial-Number.");
    }
    if let Some(refusal) = check_msn(&headers, may_act_for) {
        return refusal;
    }
    let (now, expires) = window(&state, config.standard_lifetime.as_secs());
    let number = |n: u64| if config.numeric_expiry { json!(n) } else { json!(n.to_string()) };
    let access_token = mint(&client_id, now, expires);
    if partner {
        state.lock().login.partner_tokens.insert(access_token.clone());
    }
    json(
        StatusCode::OK,
        json!({
            "token_type": "Bearer",
            "expires_in": number(expires - now),
            "ext_expires_in": number(0),
            "expires_on": number(expires),
            "not_before": number(now),
            "resource": "00000002-0000-0000-c000-000000000000",
            "access_token": access_token,
        }),
    )
}

pub(crate) async fn specialized(Shared(state): Shared<State>, headers: HeaderMap, body: Bytes) -> Response<Body> {
    let config = &state.config;
    let (keys, registered) = (state.lock().keys.clone(), state.registered());
    if header(&headers, "ocp-apim-subscription-key").is_some() {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The subscription key must not be sent to this endpoint.",
        );
    }
    let unit = match basic_credentials(&headers) {
        Some((id, secret)) if id == config.client_id && secret == keys.client_secret => None,
        Some((id, secret)) => match registered.merchant_by_client_id(&id) {
            Some(unit) if secret == unit.client_secret() => Some(unit),
            _ => return oauth(StatusCode::UNAUTHORIZED, "invalid_client", "Client authentication failed."),
        },
        None => return oauth(StatusCode::UNAUTHORIZED, "invalid_client", "Client authentication failed."),
    };
    let grant_type = form_urlencoded::parse(&body).find(|(k, _)| k == "grant_type").map(|(_, v)| v.into_owned());
    match grant_type.as_deref() {
        None => {
            return oauth(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The request is missing the required parameter: grant_type.",
            )
        }
        Some("client_credentials") => {}
        Some(_) => {
            return oauth(StatusCode::BAD_REQUEST, "unsupported_grant_type", "Only client_credentials is supported.")
        }
    }
    let may_act_for = |msn: &str| match &unit {
        Some(unit) => unit.msn == msn,
        None => config.msns.iter().any(|known| known == msn),
    };
    if let Some(refusal) = check_msn(&headers, may_act_for) {
        return refusal;
    }
    let client_id = unit.map_or_else(|| config.client_id.clone(), |unit| unit.client_id());
    let (now, expires) = window(&state, config.specialized_lifetime.as_secs());
    json(
        StatusCode::OK,
        json!({"access_token": mint(&client_id, now, expires), "token_type": "Bearer", "expires_in": expires - now}),
    )
}

/// `Authorization: Basic` with both parts form-decoded after base64 (RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = header(headers, "authorization")?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form_decode(id), form_decode(secret)))
}

fn form_decode(part: &str) -> String {
    form_urlencoded::parse(format!("v={part}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default()
}

fn check_msn(headers: &HeaderMap, may_act_for: impl Fn(&str) -> bool) -> Option<Response<Body>> {
    let msn = header(headers, "merchant-serial-number")?;
    if !(4..=6).contains(&msn.len()) || !msn.bytes().all(|b| b.is_ascii_digit()) {
        return Some(problem(
            StatusCode::BAD_REQUEST,
            "Bad Request",
            "The Merchant-Serial-Number must be 4 to 6 digits.",
        ));
    }
    if !may_act_for(msn) {
        return Some(problem(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The Merchant-Serial-Number is not connected to this client_id.",
        ));
    }
    None
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn window(state: &State, lifetime: u64) -> (u64, u64) {
    let now = state.now_secs();
    (now, now + lifetime)
}
