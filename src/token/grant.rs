//! Reads a token answer into a [`Grant`]: the token and how long it lives.
//!
//! Vipps sends `expires_in`/`expires_on` as numeric strings (2023 spec) or numbers (2019
//! spec, `/miami/v1/token` examples); both are accepted. No expiry means no token.

use crate::bounds;
use crate::error::{Error, Result};
use crate::http::{refusal, Reply};
use crate::secret::Secret;
use serde_json::{Map, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Beyond this the two expiry fields disagree because a clock is wrong, not by latency.
const CLOCK_SKEW_TOLERANCE: Duration = Duration::from_secs(300);

/// A token as Vipps granted it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub access_token: Secret,
    /// Always `Bearer`: other types are refused.
    pub token_type: &'static str,
    /// Counted from `sent_at`.
    pub lifetime: Duration,
    /// When the request that got this grant was sent.
    pub sent_at: SystemTime,
}

impl Grant {
    pub fn expires_at(&self) -> SystemTime {
        bounds::system_after(self.sent_at, self.lifetime)
    }
}

/// Decodes a token endpoint's answer: a grant for 2xx, a typed error otherwise.
///
/// `sent_at` is when the request left; `secrets` are scrubbed from any server message.
pub fn decode_token_response(status: u16, body: &[u8], sent_at: SystemTime, secrets: &[&Secret]) -> Result<Grant> {
    let reply = Reply::received(status, body, sent_at);
    decode(&reply, secrets)
}

pub(crate) fn decode(reply: &Reply, secrets: &[&Secret]) -> Result<Grant> {
    if !(200..300).contains(&reply.status) {
        return Err(refusal(reply, secrets));
    }
    let fields = match serde_json::from_slice::<Value>(&reply.body) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return Err(Error::protocol("token response is not a JSON object")),
        Err(e) => return Err(Error::protocol(format!("token response is not JSON ({} bytes): {e}", reply.body.len()))),
    };
    let access_token = match fields.get("access_token") {
        Some(Value::String(token)) if !token.trim().is_empty() => Secret::new(token.as_str()),
        _ => return Err(Error::protocol("token response has no access_token")),
    };
    match fields.get("token_type").and_then(Value::as_str) {
        None => {}
        Some(kind) if kind.eq_ignore_ascii_case("bearer") => {}
        Some(kind) => return Err(Error::protocol(format!("unsupported token_type `{kind}`"))),
    }
    let lifetime = lifetime(&fields, reply.sent_at)?;
    Ok(Grant { access_token, token_type: "Bearer", lifetime, sent_at: reply.sent_at })
}

/// From `expires_in`, cross-checked with `expires_on`; from `expires_on` alone if need be.
fn lifetime(fields: &Map<String, Value>, sent_at: SystemTime) -> Result<Duration> {
    let expires_in = seconds(fields, "expires_in")?.map(Duration::from_secs);
    let expires_on = seconds(fields, "expires_on")?;
    let sent_epoch = sent_at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let implied = expires_on.map(|on| Duration::from_secs(on).saturating_sub(sent_epoch));
    let lifetime = match (expires_in, implied) {
        (Some(relative), Some(absolute)) if relative.max(absolute) - relative.min(absolute) <= CLOCK_SKEW_TOLERANCE => {
            relative.min(absolute)
        }
        (Some(relative), Some(_)) => {
            log::warn!("token expires_on disagrees with expires_in by more than 5 minutes: is the local clock wrong? Using expires_in");
            relative
        }
        (Some(relative), None) => relative,
        (None, Some(absolute)) => absolute,
        (None, None) => return Err(Error::protocol("token response has neither expires_in nor expires_on")),
    };
    if lifetime.is_zero() {
        return Err(Error::protocol("token response says the token has already expired"));
    }
    // No Vipps token lives longer than a day; a month is surely a malformed answer.
    if lifetime > bounds::TOKEN_LIFETIME.max {
        return Err(Error::protocol(format!("implausible token lifetime of {} s", lifetime.as_secs())));
    }
    Ok(lifetime)
}

/// A whole number of seconds, as a JSON number or a numeric string.
fn seconds(fields: &Map<String, Value>, name: &str) -> Result<Option<u64>> {
    let bad = || Error::protocol(format!("{name} is not a whole number of seconds"));
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(bad),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s.trim().parse::<u64>().map(Some).map_err(|_| bad()),
        Some(_) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_at(body: &str, sent_epoch: u64) -> Result<Grant> {
        decode_token_response(200, body.as_bytes(), UNIX_EPOCH + Duration::from_secs(sent_epoch), &[])
    }

    #[test]
    fn expiry_cross_checked_with_expires_on() {
        let g = decode_at(
            r#"{"access_token":"t","token_type":"Bearer","expires_in":"3600","expires_on":"1003590"}"#,
            1_000_000,
        )
        .unwrap();
        assert_eq!(g.lifetime, Duration::from_secs(3590), "the earlier of the two wins");
        let skewed = decode_at(r#"{"access_token":"t","expires_in":3600,"expires_on":"99999999"}"#, 1_000_000).unwrap();
        assert_eq!(skewed.lifetime, Duration::from_secs(3600), "a wrong clock does not stretch the token");
    }

    #[test]
    fn rejects_bad_lifetimes() {
        for body in [
            r#"{"access_token":"t","expires_in":0}"#,
            r#"{"access_token":"t","expires_in":-5}"#,
            r#"{"access_token":"t","expires_in":"soon"}"#,
            r#"{"access_token":"t","expires_in":99999999999}"#,
            r#"{"access_token":"t","expires_in":1.5}"#,
        ] {
            assert!(matches!(decode_at(body, 0), Err(Error::Protocol(_))), "{body}");
        }
    }
}
