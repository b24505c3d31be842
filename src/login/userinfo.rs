//! Userinfo: the user's data for the granted scopes, read with the Login access token — and
//! no subscription key, which makes Vipps answer 401. Read it at once: the token works for
//! about ten minutes, and Vipps issues no refresh tokens.
//!
//! Parsed tolerantly: Vipps' spec has known mistakes (a phone-number pattern the examples
//! break, problem documents whose `status` is a string), so fields are read for what they
//! are and anything unknown is kept.

use crate::error::{Error, Result};
use crate::http::{client_auth, refusal, Http, Replay, Request, Target};
use crate::metrics::Endpoint;
use crate::secret::Secret;
use reqwest::header::{HeaderMap, AUTHORIZATION};
use serde_json::{Map, Value};
use std::fmt;
use url::Url;

/// A postal address as Vipps gives it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// All lines, joined by `\n`.
    pub formatted: Option<String>,
    /// `home`, `work` or `other`.
    pub address_type: Option<String>,
    pub default: Option<bool>,
}

/// The user's data. Personal data: Debug shows which claims are present, not their values
/// (nor the `sub`).
#[derive(Clone, Default, PartialEq)]
pub struct UserInfo {
    pub sub: String,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    /// Digits with the country code, e.g. `4712345678`.
    pub phone_number: Option<String>,
    pub phone_number_verified: Option<bool>,
    /// `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    pub nin: Option<String>,
    pub gender: Option<String>,
    pub address: Option<Address>,
    pub other_addresses: Vec<Address>,
    /// The marketing consents, as Vipps sends them (only on the first consenting login).
    pub delegated_consents: Option<Value>,
    /// Every other claim, as sent.
    pub other: Map<String, Value>,
}

pub(crate) async fn fetch(http: &Http, endpoint: &Url, access_token: &Secret) -> Result<UserInfo> {
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, client_auth::bearer(access_token)?);
    let request = Request {
        endpoint: Endpoint::Userinfo,
        target: Target::Url(endpoint.clone()),
        headers,
        form: None,
        post: false,
        replay: Replay::Safe,
    };
    let reply = http.send(&request).await?;
    match reply.status {
        200 => parse_userinfo(&reply.body),
        401 => Err(expired_window(refusal(&reply, &[access_token]))),
        _ => Err(refusal(&reply, &[access_token])),
    }
}

fn expired_window(error: Error) -> Error {
    let Error::Refused(mut server) = error else { return error };
    server.hint = "The Login access token reads userinfo for about ten minutes after the login, and Vipps issues no refresh tokens: redo the login.".into();
    Error::Refused(server)
}

/// Reads a userinfo answer (public for tests and for code that calls userinfo itself).
pub fn parse_userinfo(body: &[u8]) -> Result<UserInfo> {
    let Ok(Value::Object(mut claims)) = serde_json::from_slice::<Value>(body) else {
        return Err(Error::protocol("the userinfo answer is not a JSON object"));
    };
    let sub = text(claims.remove("sub")).filter(|s| !s.is_empty());
    let sub = sub.ok_or_else(|| Error::protocol("the userinfo answer has no `sub`"))?;
    let mut take = |name: &str| claims.remove(name);
    let info = UserInfo {
        sub,
        name: text(take("name")),
        given_name: text(take("given_name")),
        family_name: text(take("family_name")),
        email: text(take("email")),
        email_verified: flag(take("email_verified")),
        phone_number: text(take("phone_number")),
        phone_number_verified: flag(take("phone_number_verified")),
        birthdate: text(take("birthdate")),
        nin: text(take("nin")),
        gender: text(take("gender")),
        address: take("address").as_ref().and_then(address),
        other_addresses: match take("other_addresses") {
            Some(Value::Array(list)) => list.iter().filter_map(address).collect(),
            _ => Vec::new(),
        },
        delegated_consents: take("delegatedConsents"),
        other: Map::new(),
    };
    Ok(UserInfo { other: claims, ..info })
}

/// A string, or a number written as one (a phone number sent as digits).
fn text(value: Option<Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A boolean, or `"true"`/`"false"`.
fn flag(value: Option<Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn address(value: &Value) -> Option<Address> {
    let object = value.as_object()?;
    let field = |name: &str| text(object.get(name).cloned());
    Some(Address {
        street_address: field("street_address"),
        postal_code: field("postal_code"),
        region: field("region"),
        country: field("country"),
        formatted: field("formatted"),
        address_type: field("address_type"),
        default: flag(object.get("default").cloned()),
    })
}

impl fmt::Debug for UserInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let present: Vec<&str> = [
            ("name", self.name.is_some()),
            ("email", self.email.is_some()),
            ("phone_number", self.phone_number.is_some()),
            ("birthdate", self.birthdate.is_some()),
            ("nin", self.nin.is_some()),
            ("gender", self.gender.is_some()),
            ("address", self.address.is_some()),
            ("delegatedConsents", self.delegated_consents.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, here)| here.then_some(name))
        .chain(self.other.keys().map(String::as_str))
        .collect();
        f.debug_struct("UserInfo").field("sub", &"<redacted>").field("claims", &present).finish()
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Address(<redacted>)")
    }
}
