//! Phone login on the [`LoginClient`]: the same keys, discovery, signing keys and checks as a
//! browser login.

use super::number::PhoneNumber;
use super::refusal::phone_refusal;
use super::request::PhoneLoginRequest;
use super::started::PhoneLogin;
use super::stored_wait::Turns;
use super::wait::{wait, Cancellation, PhoneLoginProgress};
use super::{poll, redirect, PhoneLoginOutcome};
use crate::bounds;
use crate::error::{Error, Result};
use crate::http::{refusal, Replay, Reply, Target};
use crate::login::random::url_safe;
use crate::login::LoginClient;
use crate::metrics::{self, Endpoint, PhoneEvent};
use crate::secret::Secret;
use crate::store::Kept;
use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};

const USER_EXISTS_PATH: &str = "/vipps-login-ciba/api/v1/user-exists";
/// Where Vipps serves it when an older discovery document does not say.
const BACKCHANNEL_PATH: &str = "/vipps-login-ciba/api/backchannel/authentication";

impl LoginClient {
    /// Whether this number belongs to someone who can log in. Optional: starting a phone
    /// login never depends on it.
    pub async fn user_exists(&self, phone: &PhoneNumber) -> Result<bool> {
        let hint = phone.login_hint();
        let target = Target::Path(USER_EXISTS_PATH);
        let fields = [("login_hint", hint.expose())];
        let reply = self.post_form(Endpoint::UserExists, target, &fields, Replay::Safe, None).await?;
        if reply.status != 200 {
            return Err(self.without_secrets(phone, |secrets| refusal(&reply, secrets)));
        }
        let answer: Value =
            serde_json::from_slice(&reply.body).map_err(|_| Error::protocol("user-exists answered no JSON"))?;
        answer.get("exists").and_then(Value::as_bool).ok_or_else(|| Error::protocol("user-exists: no `exists` boolean"))
    }

    /// Sends the push message to the user's app. The answer says how long the user has and
    /// how often to ask; keep it to wait, or serialise it for another server instance.
    pub async fn start_phone_login(&self, request: &PhoneLoginRequest) -> Result<PhoneLogin> {
        request.validate(self.is_production())?;
        let merchant = self.auth().merchant(request.msn.as_deref())?;
        let hint = request.phone.login_hint();
        let (scope, expiry) = (request.scopes.to_string(), request.requested_expiry.map(|e| e.as_secs().to_string()));
        let state = match request.redirect_uri {
            Some(_) => Some(url_safe(16)?),
            None => None,
        };
        let mut fields = vec![("login_hint", hint.expose()), ("scope", scope.as_str())];
        fields.extend(request.binding_message.as_ref().map(|m| ("binding_message", m.as_str())));
        fields.extend(expiry.as_deref().map(|e| ("requested_expiry", e)));
        if let (Some(uri), Some(state)) = (&request.redirect_uri, &state) {
            fields.extend([("requested_flow", "login_to_webpage"), ("redirect_uri", uri), ("state", state.expose())]);
        }
        let target = match self.discovery().await?.backchannel_authentication_endpoint.clone() {
            Some(url) => Target::Url(url),
            None => Target::Path(BACKCHANNEL_PATH),
        };
        // Not re-sent: a second start would push a second message to the user's phone.
        let reply =
            self.post_form(Endpoint::PhoneStart, target, &fields, Replay::OnlyIfUnsent, merchant.as_deref()).await?;
        if reply.status != 200 {
            return Err(self.without_secrets(&request.phone, |secrets| {
                phone_refusal(&reply, secrets).unwrap_or_else(|| refusal(&reply, secrets))
            }));
        }
        let login =
            PhoneLogin { msn: merchant, ..started(&reply, &request.phone, request.redirect_uri.clone(), state)? };
        // With a store, any instance can finish it: the redirect variant by its state, the
        // polled one by its auth_req_id.
        match &login.state {
            Some(state) => {
                self.keep(Kept::PhoneRedirect, state.expose(), &login.serialize(), login.expires_at()).await?
            }
            None => self.keep(Kept::PhoneLogin, login.auth_req_id(), &Turns::first(&login), login.expires_at()).await?,
        }
        log::info!(
            "phone login started for {}: expires in {} s, poll every {} s",
            login.phone,
            login.remaining().as_secs(),
            login.interval.as_secs()
        );
        metrics::phone_login(PhoneEvent::Started);
        Ok(login)
    }

    /// Reads a refusal with what its text must not repeat: the keys and the phone number.
    fn without_secrets(&self, phone: &PhoneNumber, read: impl FnOnce(&[&Secret]) -> Error) -> Error {
        let spellings = phone.spellings();
        let mut secrets = self.auth().secrets();
        secrets.extend(spellings.iter());
        read(&secrets)
    }

    /// Polls until the user approves, declines or lets the login expire, or `cancel` fires.
    /// `progress` hears of every poll.
    pub async fn wait_for_phone_login(
        &self,
        login: &PhoneLogin,
        with_userinfo: bool,
        cancel: &Cancellation,
        mut progress: impl FnMut(&PhoneLoginProgress) + Send,
    ) -> Result<PhoneLoginOutcome> {
        if login.redirect_uri.is_some() {
            return Err(Error::config(
                "phone_login",
                "this login finishes on its redirect_uri: use complete_phone_redirect",
            ));
        }
        metrics::spans::step("phone_login.wait", wait(self, login, with_userinfo, cancel, &mut progress)).await
    }

    /// One token request, no polling: for the webhook ping (see
    /// [`parse_phone_login_ping`](super::parse_phone_login_ping)). Vipps answers an approved
    /// login only once.
    pub async fn complete_phone_login_now(&self, auth_req_id: &str, with_userinfo: bool) -> Result<PhoneLoginOutcome> {
        use super::poll::PollAnswer;
        Ok(match poll::poll(self, &Secret::new(auth_req_id), None).await? {
            PollAnswer::Tokens(tokens) => return super::finish(self, tokens, with_userinfo, None, None).await,
            PollAnswer::Denied(description) => PhoneLoginOutcome::Cancelled { description },
            PollAnswer::Expired => PhoneLoginOutcome::Expired,
            PollAnswer::Pending | PollAnswer::SlowDown | PollAnswer::Unavailable(_) => PhoneLoginOutcome::Pending,
        })
    }

    /// The redirect variant's last step: `callback` is the URL the user's phone opened.
    pub async fn complete_phone_redirect(
        &self,
        login: &PhoneLogin,
        callback: &str,
        with_userinfo: bool,
    ) -> Result<PhoneLoginOutcome> {
        redirect::complete(self, login, callback, with_userinfo).await
    }

    /// [`complete_phone_redirect`](Self::complete_phone_redirect) for a login this client's
    /// store keeps (see [`with_store`](LoginClient::with_store)): the redirect's state finds
    /// it and takes it, once across the fleet.
    pub async fn complete_stored_phone_redirect(
        &self,
        callback: &str,
        with_userinfo: bool,
    ) -> Result<PhoneLoginOutcome> {
        let state = crate::login::callback::parameters(callback)?.remove("state").unwrap_or_default();
        let login = PhoneLogin::restore(self.take_kept(Kept::PhoneRedirect, &state).await?.expose())?;
        self.complete_phone_redirect(&login, callback, with_userinfo).await
    }
}

/// Reads `{auth_req_id, expires_in, interval}`; numbers may come as numeric strings.
pub(crate) fn started(
    reply: &Reply,
    phone: &PhoneNumber,
    redirect_uri: Option<String>,
    state: Option<Secret>,
) -> Result<PhoneLogin> {
    let answer: Value =
        serde_json::from_slice(&reply.body).map_err(|_| Error::protocol("the phone-login start answered no JSON"))?;
    let seconds = |name: &str| match answer.get(name) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let auth_req_id = answer
        .get("auth_req_id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| Error::protocol("the phone-login start has no `auth_req_id`"))?;
    let expires_in =
        seconds("expires_in").ok_or_else(|| Error::protocol("the phone-login start has no `expires_in`"))?;
    let expires_in = bounds::CIBA_EXPIRES_IN.clamp_secs(expires_in);
    let expires_at = bounds::system_after(reply.sent_at, expires_in);
    Ok(PhoneLogin::new(
        Secret::new(auth_req_id),
        phone.masked(),
        expires_at.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64,
        Duration::from_secs(seconds("interval").unwrap_or(0)),
        redirect_uri,
        state,
    ))
}
