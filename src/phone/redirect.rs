//! The redirect variant (`requested_flow=login_to_webpage`): after approving, the user's
//! phone opens `redirect_uri?code=…`. The code is redeemed once with
//! `grant_type=urn:vipps:params:grant-type:ciba-redirect` — never re-sent, it lives 30 s in
//! production — and the ID token (ES256 or RS256, `aud` a string or an array) must name this
//! login's `auth_req_id`, as `auth_req_id` or `authReqId`: Vipps' docs show both.

use super::started::PhoneLogin;
use super::PhoneLoginOutcome;
use crate::error::{Error, IdTokenRule, Result};
use crate::login::callback::parameters;
use crate::login::exchange::{parse, refused};
use crate::login::random::constant_time_eq;
use crate::login::{IdTokenClaims, LoginAuth, LoginClient};
use crate::metrics::{self, Endpoint, PhoneEvent};
use crate::secret::Secret;

pub(crate) const CIBA_REDIRECT_GRANT: &str = "urn:vipps:params:grant-type:ciba-redirect";

pub(crate) async fn complete(
    client: &LoginClient,
    login: &PhoneLogin,
    callback: &str,
    with_userinfo: bool,
) -> Result<PhoneLoginOutcome> {
    if login.redirect_uri.is_none() {
        return Err(Error::config("phone_login", "started without a redirect_uri: wait for it instead"));
    }
    let params = parameters(callback)?;
    // Checked before anything is marked or sent: a forged redirect must not burn the real one.
    match (params.get("state"), &login.state) {
        (Some(came), Some(sent)) if constant_time_eq(came, sent.expose()) => {}
        (Some(_), Some(_)) => {
            return Err(Error::StateMismatch("the redirect's state is not this phone login's".into()))
        }
        (None, _) => return Err(Error::StateMismatch("the redirect carries no state: it is not this login's".into())),
        (Some(_), None) => {
            return Err(Error::config("phone_login", "stored without its state (an older version): start a new login"))
        }
    }
    let code = match (params.get("code"), params.get("error")) {
        (Some(code), None) if !code.is_empty() => Secret::new(code.as_str()),
        (None, Some(error)) if error == "access_denied" => {
            metrics::phone_login(PhoneEvent::Declined);
            return Ok(PhoneLoginOutcome::Cancelled { description: params.get("error_description").cloned() });
        }
        (None, Some(error)) => {
            let description = params.get("error_description").cloned();
            return Err(Error::LoginFailed { error: error.clone(), description });
        }
        _ => return Err(Error::protocol("not a phone-login redirect: expected a code or an error")),
    };
    let expires = login.expires_at_ms / 1000 + 3600;
    client.mark_completed(login.auth_req_id.expose(), expires)?;
    let mut fields = vec![("grant_type", CIBA_REDIRECT_GRANT), ("code", code.expose())];
    if matches!(client.auth(), LoginAuth::Partner { .. }) {
        // Vipps' partner example names the login beside the code.
        fields.push(("auth_req_id", login.auth_req_id.expose()));
    }
    let reply = client.token_request(Endpoint::PhoneToken, &fields, login.msn()).await?;
    if reply.status != 200 {
        return Err(refused(&reply, client.auth(), &code));
    }
    super::finish(client, parse(&reply.body)?, with_userinfo, Some(login.auth_req_id.expose()), login.msn()).await
}

/// The token's auth-request-id claim, under either of its names, must be this login's.
pub(crate) fn check_auth_req_id(claims: &IdTokenClaims, sent: &str) -> Result<()> {
    let named = ["auth_req_id", "authReqId"].iter().find_map(|name| claims.other.get(*name)?.as_str());
    match named {
        Some(id) if constant_time_eq(id, sent) => Ok(()),
        Some(_) => Err(Error::IdToken {
            rule: IdTokenRule::AuthReqId,
            detail: "the token names another phone login's auth_req_id".into(),
        }),
        None => Err(Error::IdToken {
            rule: IdTokenRule::AuthReqId,
            detail: "the token names no auth_req_id (nor authReqId)".into(),
        }),
    }
}
