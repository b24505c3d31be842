//! Login from phone number (CIBA), as Vipps runs it: a merchant starts a login for a phone
//! number at the backchannel endpoint, the scripted user answers in the "app" after a delay,
//! and the merchant polls the token endpoint — or, in the redirect variant, the user's phone
//! opens `redirect_uri?code=…` and the merchant redeems that code.

mod grant;
mod start;
mod users;

pub(crate) use grant::{opened_urls, phone_redirects, poll, redeem_redirect_code, CIBA_GRANT, CIBA_REDIRECT_GRANT};
pub(crate) use start::{start, user_exists};

use crate::login::Caller;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use users::Script;

/// Phone logins started, by `auth_req_id`, and the codes their redirects carried.
#[derive(Default)]
pub(crate) struct PhoneLogins {
    pub started: HashMap<String, PhoneLogin>,
    pub codes: HashMap<String, RedirectCode>,
}

pub(crate) struct PhoneLogin {
    pub caller: Caller,
    /// Digits with the country code.
    pub phone: String,
    pub script: Script,
    pub scope: String,
    pub started: Instant,
    pub expires: Instant,
    /// The least time between polls; grows by 5 s with every `slow_down`.
    pub interval: Duration,
    pub last_poll: Option<Instant>,
    /// Tokens were issued or the user declined: the token endpoint answers once.
    pub finished: bool,
    /// Set in the redirect variant (`requested_flow=login_to_webpage`).
    pub redirect: Option<Redirect>,
}

pub(crate) struct Redirect {
    pub redirect_uri: String,
    pub state: Option<String>,
    /// The URL the phone opened once the user answered.
    pub opened: Option<String>,
}

/// A code from a redirect: redeemable once, for a while, by the caller that started it.
pub(crate) struct RedirectCode {
    pub auth_req_id: String,
    pub expires: Instant,
    pub used: bool,
}

impl PhoneLogin {
    /// Whether the user has answered in the app by `now`.
    pub(crate) fn answered(&self, delay: Duration, now: Instant) -> bool {
        self.script.answers() && now >= self.started + delay
    }

    pub(crate) fn open(&self, now: Instant) -> bool {
        !self.finished && now < self.expires
    }
}
