//! `/.well-known/openid-configuration` and `jwks.json`, as Vipps serves them (the 2026
//! document: userinfo and CIBA live outside the issuer's path).

use super::{AUTHORIZE_PATH, CIBA_PATH, JWKS_PATH, TOKEN_PATH, USERINFO_PATH};
use crate::answers::json;
use crate::state::State;
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{Response, StatusCode};
use serde_json::json;

/// The issuer ends with a slash, and ID tokens repeat it exactly.
pub(crate) fn issuer(state: &State) -> String {
    format!("{}/access-management-1.0/access/", state.base_url)
}

pub(crate) async fn discovery(Shared(state): Shared<State>) -> Response<Body> {
    let base = &state.base_url;
    let document = json!({
        "issuer": issuer(&state),
        "authorization_endpoint": format!("{base}{AUTHORIZE_PATH}"),
        "token_endpoint": format!("{base}{TOKEN_PATH}"),
        "jwks_uri": format!("{base}{JWKS_PATH}"),
        "userinfo_endpoint": format!("{base}{USERINFO_PATH}"),
        "backchannel_authentication_endpoint": format!("{base}{CIBA_PATH}"),
        "revocation_endpoint": format!("{base}/access-management-1.0/access/oauth2/revoke"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment"],
        "subject_types_supported": ["public", "pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "grant_types_supported": ["authorization_code", "client_credentials"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "name", "phoneNumber", "nin", "address", "birthDate", "delegatedConsents", "email", "gender"],
        "claims_supported": ["sub"],
        "backchannel_logout_supported": false,
        "frontchannel_logout_supported": false,
    });
    let mut response = json(StatusCode::OK, document);
    let max_age = format!("max-age={}", state.config.discovery_max_age.as_secs());
    response.headers_mut().insert("cache-control", max_age.parse().expect("a valid header"));
    response
}

pub(crate) async fn jwks(Shared(state): Shared<State>) -> Response<Body> {
    let signing = state.lock().login.signing.clone();
    json(StatusCode::OK, signing.jwks())
}
