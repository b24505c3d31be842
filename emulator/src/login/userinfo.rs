//! `GET /vipps-userinfo-api/userinfo` with the Login access token: the test user's claims for
//! the granted scopes, for about ten minutes. Errors are problem documents whose `status` is a
//! string, as Vipps' spec has it; a subscription key makes it answer 401, as Vipps' 2026
//! guidance warns.

use crate::answers::json;
use crate::config::TestUser;
use crate::state::State;
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{HeaderMap, Response, StatusCode};
use serde_json::{json, Map, Value};
use std::time::Instant;

pub(crate) async fn userinfo(Shared(state): Shared<State>, headers: HeaderMap) -> Response<Body> {
    if headers.contains_key("ocp-apim-subscription-key") {
        return unauthorized("Do not send a subscription key to userinfo.");
    }
    let token = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|a| a.strip_prefix("Bearer "));
    let grant = token.and_then(|token| {
        let inner = state.lock();
        let grant = inner.login.access_tokens.get(token).filter(|grant| Instant::now() < grant.expires)?;
        Some((grant.scope.clone(), grant.user.clone()))
    });
    let Some((scope, user)) = grant else {
        return unauthorized("The access token is missing, unknown, or older than the userinfo window.");
    };
    json(StatusCode::OK, Value::Object(claims(&user, &scope)))
}

fn claims(user: &TestUser, scope: &str) -> Map<String, Value> {
    let mut claims = Map::new();
    claims.insert("sub".into(), json!(user.sub));
    claims.insert("sid".into(), json!(crate::jwt::random_hex(8)));
    let address = json!({
        "street_address": user.street_address, "postal_code": user.postal_code, "region": user.region,
        "country": user.country, "formatted": format!("{}\n{} {}\n{}", user.street_address, user.postal_code, user.region, user.country),
        "address_type": "home", "default": true,
    });
    for granted in scope.split(' ') {
        let more = match granted {
            "name" => json!({"name": format!("{} {}", user.given_name, user.family_name),
                              "given_name": user.given_name, "family_name": user.family_name}),
            "email" => json!({"email": user.email, "email_verified": true}),
            "phoneNumber" => json!({"phone_number": user.phone_number, "phone_number_verified": true}),
            "address" => json!({"address": address, "other_addresses": []}),
            "birthDate" => json!({"birthdate": user.birthdate}),
            "nin" => json!({"nin": user.nin}),
            "gender" => json!({"gender": "female"}),
            "delegatedConsents" => json!({"delegatedConsents": {
                "language": "en", "heading": "Consents", "timeOfConsent": "2026-01-01T00:00:00Z",
                "consents": [{"id": "email", "accepted": true, "required": false, "textDisplayedToUser": "Email"}]}}),
            _ => json!({}),
        };
        claims.extend(more.as_object().cloned().unwrap_or_default());
    }
    claims
}

fn unauthorized(detail: &str) -> Response<Body> {
    json(
        StatusCode::UNAUTHORIZED,
        json!({"type": "https://developer.vippsmobilepay.com/docs/APIs/userinfo-api", "title": "Unauthorized",
               "status": "401", "detail": detail, "instance": "/vipps-userinfo-api/userinfo"}),
    )
}
