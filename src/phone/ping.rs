//! The webhook Vipps can send instead of being polled (`login.merchant-initiated.ping.v1`):
//! a JSON body naming the `auth_req_id` whose user answered. Its HMAC signature belongs to
//! Vipps' Webhooks API and is checked by the receiving web stack; a forged ping gains nothing
//! here, since completing still needs this client's own credentials.

use crate::error::{Error, Result};

/// The `auth_req_id` of a ping body `{"auth_req_id": "…"}`.
pub fn parse_phone_login_ping(body: &[u8]) -> Result<String> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| Error::protocol("the phone-login ping is not JSON: expected {\"auth_req_id\": \"…\"}"))?;
    match value.get("auth_req_id").and_then(|id| id.as_str()) {
        Some(id) if !id.is_empty() && id.len() <= 512 => Ok(id.to_owned()),
        _ => Err(Error::protocol("the phone-login ping has no `auth_req_id` string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_id_and_refuses_anything_else() {
        assert_eq!(parse_phone_login_ping(br#"{"auth_req_id":"abc","extra":1}"#).unwrap(), "abc");
        for body in [&b"{}"[..], b"[]", b"{\"auth_req_id\":5}", b"{\"auth_req_id\":\"\"}", b"not json"] {
            assert!(parse_phone_login_ping(body).is_err());
        }
    }
}
