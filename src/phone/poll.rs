//! One poll of the token endpoint for a phone login (`grant_type=urn:openid:params:grant-type:ciba`),
//! read into what the waiting loop does next.

use super::refusal::{codes, description};
use crate::error::{Error, Result};
use crate::http::Reply;
use crate::login::exchange::{parse, refused};
use crate::login::{LoginClient, LoginTokens};
use crate::metrics::{self, Endpoint, PhoneEvent};
use crate::secret::Secret;
use std::time::Duration;

pub(crate) const CIBA_GRANT: &str = "urn:openid:params:grant-type:ciba";

pub(crate) enum PollAnswer {
    /// The user approved: redeem these (the endpoint answers this only once).
    Tokens(LoginTokens),
    /// `authorization_pending`: ask again after the interval.
    Pending,
    /// `slow_down`: the interval grows by 5 s from now on.
    SlowDown,
    /// `access_denied`: the user declined.
    Denied(Option<String>),
    /// `expired_token`: the login ran out of time.
    Expired,
    /// 429, 5xx or no answer: ask again later, after `Retry-After` if given.
    Unavailable(Option<Duration>),
}

#[cfg(fuzzing)]
impl PollAnswer {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            PollAnswer::Tokens(_) => "tokens",
            PollAnswer::Pending => "pending",
            PollAnswer::SlowDown => "slow_down",
            PollAnswer::Denied(_) => "denied",
            PollAnswer::Expired => "expired",
            PollAnswer::Unavailable(_) => "unavailable",
        }
    }
}

pub(crate) async fn poll(client: &LoginClient, auth_req_id: &Secret, merchant: Option<&str>) -> Result<PollAnswer> {
    let fields = [("grant_type", CIBA_GRANT), ("auth_req_id", auth_req_id.expose())];
    match client.token_request(Endpoint::PhonePoll, &fields, merchant).await {
        Ok(reply) => read(&reply, client, auth_req_id).inspect(counted),
        Err(Error::Network { message, .. }) => {
            log::warn!("phone login poll: {message}; polling again");
            Ok(PollAnswer::Unavailable(None))
        }
        Err(error) => Err(error),
    }
}

/// What a poll's answer says of the login, for the metrics (completions count once verified).
fn counted(answer: &PollAnswer) {
    match answer {
        PollAnswer::SlowDown => metrics::once(&metrics::METRICS.phone_slow_downs, "vipps_auth_phone_slow_downs_total"),
        PollAnswer::Denied(_) => metrics::phone_login(PhoneEvent::Declined),
        PollAnswer::Expired => metrics::phone_login(PhoneEvent::Expired),
        _ => {}
    }
}

pub(crate) fn read(reply: &Reply, client: &LoginClient, auth_req_id: &Secret) -> Result<PollAnswer> {
    match reply.status {
        200 => return Ok(PollAnswer::Tokens(parse(&reply.body)?)),
        429 | 500..=599 => return Ok(PollAnswer::Unavailable(reply.retry_after)),
        _ => {}
    }
    for code in codes(reply) {
        match code.as_str() {
            "authorization_pending" => return Ok(PollAnswer::Pending),
            "slow_down" => return Ok(PollAnswer::SlowDown),
            "expired_token" => return Ok(PollAnswer::Expired),
            "access_denied" => return Ok(PollAnswer::Denied(description(reply, &[]))),
            _ => {}
        }
    }
    Err(refused(reply, client.auth(), auth_req_id))
}
