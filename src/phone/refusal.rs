//! Vipps' phone-login errors, in whichever field they arrive: its docs write `error_code=…`,
//! its OAuth server writes `error`. Both are read.

use crate::error::Error;
use crate::http::Reply;
use crate::secret::{scrub, Secret};
use serde_json::Value;
use std::time::Duration;

/// Why Vipps would not start a phone login.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhoneRefusal {
    /// No Vipps MobilePay user may log in with this number (`unknown_user_id`, or
    /// `invalid_user`: no account, an inactive one, or under 15).
    UnknownUser,
    /// The user's app is too old for login from phone number (`old_app`).
    AppTooOld,
    /// Too many logins are open toward this user (HTTP 429).
    TooManyLogins,
}

impl PhoneRefusal {
    /// Stable names, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            PhoneRefusal::UnknownUser => "unknown_user",
            PhoneRefusal::AppTooOld => "app_too_old",
            PhoneRefusal::TooManyLogins => "too_many_logins",
        }
    }

    pub(crate) fn hint(self) -> &'static str {
        match self {
            PhoneRefusal::UnknownUser => {
                "This number cannot log in with Vipps MobilePay (no account, inactive, or under 15): offer another way; do not retry."
            }
            PhoneRefusal::AppTooOld => "Ask the user to update the Vipps or MobilePay app, then try again.",
            PhoneRefusal::TooManyLogins => {
                "Logins toward this user are already waiting: let the user answer them, or retry after the server's Retry-After."
            }
        }
    }
}

/// The OAuth error codes of an answer: `error`, then `error_code` when it is text.
pub(crate) fn codes(reply: &Reply) -> Vec<String> {
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&reply.body) else { return Vec::new() };
    ["error", "error_code"].iter().filter_map(|name| body.get(*name)?.as_str().map(str::to_owned)).collect()
}

/// Vipps' `error_description`, cut short, with anything in `secrets` (a phone number Vipps
/// echoes) removed.
pub(crate) fn description(reply: &Reply, secrets: &[&Secret]) -> Option<String> {
    let body: Value = serde_json::from_slice(&reply.body).ok()?;
    let said = body.get("error_description")?.as_str()?;
    Some(scrub(said, secrets).chars().take(300).collect())
}

/// The typed refusal of a start request, when it is one of the phone-login kinds.
pub(crate) fn phone_refusal(reply: &Reply, secrets: &[&Secret]) -> Option<Error> {
    let reason = match reply.status {
        429 => PhoneRefusal::TooManyLogins,
        _ => codes(reply).iter().find_map(|code| match code.as_str() {
            "unknown_user_id" | "invalid_user" => Some(PhoneRefusal::UnknownUser),
            "old_app" => Some(PhoneRefusal::AppTooOld),
            _ => None,
        })?,
    };
    let retry_after = reply.retry_after.filter(|_| reason == PhoneRefusal::TooManyLogins);
    Some(Error::PhoneLogin {
        reason,
        description: description(reply, secrets),
        retry_after: retry_after.or(default_wait(reason)),
    })
}

/// Without a `Retry-After`, a throttled start is worth retrying after half a minute.
fn default_wait(reason: PhoneRefusal) -> Option<Duration> {
    (reason == PhoneRefusal::TooManyLogins).then_some(Duration::from_secs(30))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn refused(status: u16, body: &str) -> Option<Error> {
        phone_refusal(&Reply::received(status, body.as_bytes(), SystemTime::now()), &[])
    }

    #[test]
    fn the_code_is_found_in_error_or_error_code() {
        let reason = |e: Option<Error>| match e {
            Some(Error::PhoneLogin { reason, .. }) => Some(reason),
            _ => None,
        };
        assert_eq!(reason(refused(400, r#"{"error":"unknown_user_id"}"#)), Some(PhoneRefusal::UnknownUser));
        assert_eq!(
            reason(refused(400, r#"{"error":"invalid_request","error_code":"invalid_user"}"#)),
            Some(PhoneRefusal::UnknownUser)
        );
        assert_eq!(reason(refused(400, r#"{"error_code":"old_app"}"#)), Some(PhoneRefusal::AppTooOld));
        assert_eq!(reason(refused(429, "")), Some(PhoneRefusal::TooManyLogins));
        assert_eq!(reason(refused(400, r#"{"error":"invalid_request","error_code":5}"#)), None);
    }

    #[test]
    fn an_echoed_phone_number_is_scrubbed_from_the_description() {
        let number = Secret::new("4712345678");
        let body = r#"{"error":"unknown_user_id","error_description":"no user 4712345678"}"#;
        let reply = Reply::received(400, body.as_bytes(), SystemTime::now());
        match phone_refusal(&reply, &[&number]) {
            Some(Error::PhoneLogin { description, .. }) => {
                assert_eq!(description.as_deref(), Some("no user <redacted>"))
            }
            other => panic!("{other:?}"),
        }
    }
}
