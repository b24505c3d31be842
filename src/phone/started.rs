//! A phone login Vipps has accepted: its `auth_req_id`, when it expires, how often it may be
//! polled, and — in the redirect variant — where the phone will come back. It serialises to
//! a versioned string, so that another server instance can finish it (a webhook ping, the
//! phone's redirect). The `auth_req_id` completes the login: store it like a secret.

use super::schedule::Schedule;
use crate::bounds;
use crate::error::Result;
use crate::sealed::Format;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

const FORMAT: Format = Format { kind: "vipps-phone-login", field: "phone_login", what: "a phone login" };

/// Vipps' default when the answer names no interval (or zero).
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

/// Clones share one polling schedule: they are the same login.
#[derive(Clone)]
pub struct PhoneLogin {
    pub(crate) auth_req_id: Secret,
    /// `+47 *** ** 678`.
    pub(crate) phone: String,
    pub(crate) expires_at_ms: u64,
    pub(crate) interval: Duration,
    pub(crate) redirect_uri: Option<String>,
    /// Sent along in the redirect variant; checked when the phone's URL carries it back.
    pub(crate) state: Option<Secret>,
    /// When to poll next, and the poll in flight: not serialised (another instance starts
    /// one interval from its restore).
    pub(crate) schedule: Arc<Schedule>,
    /// The merchant a partner's login is for; `None` for a sales unit's own keys.
    pub(crate) msn: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    id: String,
    phone: String,
    expires_ms: u64,
    interval: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redirect_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    msn: Option<String>,
}

impl PhoneLogin {
    pub(crate) fn new(
        auth_req_id: Secret,
        phone: String,
        expires_at_ms: u64,
        interval: Duration,
        redirect_uri: Option<String>,
        state: Option<Secret>,
    ) -> PhoneLogin {
        let interval = if interval.is_zero() { DEFAULT_INTERVAL } else { bounds::CIBA_INTERVAL.clamp(interval) };
        let schedule = Arc::new(Schedule::new(interval));
        PhoneLogin { auth_req_id, phone, expires_at_ms, interval, redirect_uri, state, schedule, msn: None }
    }

    /// Vipps' id of this login: what a webhook ping names.
    pub fn auth_req_id(&self) -> &str {
        self.auth_req_id.expose()
    }

    /// The phone number, masked: `+47 *** ** 678`.
    pub fn phone(&self) -> &str {
        &self.phone
    }

    pub fn expires_at(&self) -> SystemTime {
        bounds::epoch_plus(Duration::from_millis(self.expires_at_ms))
    }

    /// How long until it expires (zero once it has).
    pub fn remaining(&self) -> Duration {
        self.expires_at().duration_since(SystemTime::now()).unwrap_or_default()
    }

    /// The least time between two polls, as Vipps said.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The merchant a partner's login is for (its MSN); `None` for a sales unit's own keys.
    pub fn msn(&self) -> Option<&str> {
        self.msn.as_deref()
    }

    /// `Some` in the redirect variant: where the user's phone will come back with a code.
    pub fn redirect_uri(&self) -> Option<&str> {
        self.redirect_uri.as_deref()
    }

    /// A versioned, opaque string to store; [`restore`](Self::restore) reads it back.
    pub fn serialize(&self) -> Secret {
        let stored = Stored {
            id: self.auth_req_id.expose().to_owned(),
            phone: self.phone.clone(),
            expires_ms: self.expires_at_ms,
            interval: self.interval.as_secs(),
            redirect_uri: self.redirect_uri.clone(),
            state: self.state.as_ref().map(|s| s.expose().to_owned()),
            msn: self.msn.clone(),
        };
        FORMAT.seal(&stored)
    }

    pub fn restore(text: &str) -> Result<PhoneLogin> {
        let stored: Stored = FORMAT.open(text)?;
        if stored.id.is_empty() {
            return Err(FORMAT.refuse("damaged: no auth_req_id"));
        }
        let login = PhoneLogin::new(
            stored.id.into(),
            stored.phone,
            stored.expires_ms,
            Duration::from_secs(stored.interval),
            stored.redirect_uri,
            stored.state.map(Secret::new),
        );
        Ok(PhoneLogin { msn: stored.msn, ..login })
    }
}

/// The same login: everything but the schedule, which only says how far a wait has got.
impl PartialEq for PhoneLogin {
    fn eq(&self, other: &Self) -> bool {
        (&self.auth_req_id, &self.phone, self.expires_at_ms, self.interval, &self.redirect_uri, &self.state)
            == (
                &other.auth_req_id,
                &other.phone,
                other.expires_at_ms,
                other.interval,
                &other.redirect_uri,
                &other.state,
            )
    }
}

impl Eq for PhoneLogin {}

impl fmt::Debug for PhoneLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PhoneLogin")
            .field("auth_req_id", &self.auth_req_id)
            .field("phone", &self.phone)
            .field("expires_at_ms", &self.expires_at_ms)
            .field("interval", &self.interval)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_hides_the_id() {
        let login = PhoneLogin::new(
            "req-id-123456".into(),
            "+47 *** ** 678".into(),
            1_800_000_000_000,
            Duration::from_secs(5),
            Some("https://example.com/app/callback".into()),
            Some("state-123456".into()),
        );
        assert_eq!(PhoneLogin::restore(login.serialize().expose()).unwrap(), login);
        assert!(!format!("{login:?}").contains("req-id"));
        assert!(PhoneLogin::restore("vipps-login.v1.abc").unwrap_err().to_string().contains("not a phone login"));
    }
}
