//! A completed login as JSON, for the C ABI and the CLI: the ID token's claims (every claim
//! Vipps adds shows up without a new field), userinfo and the granted scope. The access token
//! is included, for userinfo later: treat the text like a secret.

use super::client::CompletedLogin;
use super::id_token::IdTokenClaims;
use super::userinfo::{Address, UserInfo};
use serde_json::{json, Value};

pub fn completed_login_json(login: &CompletedLogin) -> Value {
    json!({
        "claims": claims_json(&login.claims),
        "userinfo": login.userinfo.as_ref().map(userinfo_json),
        "scope": login.scope,
        "access_token": login.access_token.expose(),
    })
}

pub fn claims_json(claims: &IdTokenClaims) -> Value {
    serde_json::to_value(claims).expect("claims are JSON")
}

/// Userinfo with Vipps' claim names; absent claims are left out.
pub fn userinfo_json(info: &UserInfo) -> Value {
    let address = |a: &Address| {
        json!({"street_address": a.street_address, "postal_code": a.postal_code, "region": a.region,
               "country": a.country, "formatted": a.formatted, "address_type": a.address_type, "default": a.default})
    };
    let mut value = json!({
        "sub": info.sub, "name": info.name, "given_name": info.given_name, "family_name": info.family_name,
        "email": info.email, "email_verified": info.email_verified, "phone_number": info.phone_number,
        "phone_number_verified": info.phone_number_verified, "birthdate": info.birthdate, "nin": info.nin,
        "gender": info.gender, "address": info.address.as_ref().map(address),
        "other_addresses": info.other_addresses.iter().map(address).collect::<Vec<_>>(),
        "delegatedConsents": info.delegated_consents,
    });
    let object = value.as_object_mut().expect("an object");
    object.retain(|_, v| !v.is_null());
    object.extend(info.other.clone());
    value
}
