//! What the token endpoint answers a Login grant (a code, a phone login): the tokens, or a
//! refusal with Login's hints. The requests themselves are [`LoginClient::token_request`](super::LoginClient).

use super::auth::LoginAuth;
use super::hints;
use crate::error::{Error, Result};
use crate::http::{refusal, Reply};
use crate::secret::Secret;
use serde_json::Value;

/// What the token endpoint gave for a code.
#[derive(Clone, Debug)]
pub struct LoginTokens {
    /// Opaque; only for userinfo, for about ten minutes.
    pub access_token: Secret,
    pub id_token: Secret,
    pub scope: Option<String>,
}

/// The error for a token endpoint's refusal, with Login's hints and no secret in it.
pub(crate) fn refused(reply: &Reply, auth: &LoginAuth, also_secret: &Secret) -> Error {
    let mut secrets = auth.secrets();
    secrets.push(also_secret);
    hints::token_endpoint(refusal(reply, &secrets))
}

/// Reads a token-endpoint answer exactly as [`LoginClient`](super::LoginClient) does: for the
/// shared vectors, and for code that calls the endpoint itself.
pub fn decode_token_endpoint_answer(status: u16, body: &[u8]) -> Result<LoginTokens> {
    if status == 200 {
        return parse(body);
    }
    let reply = crate::http::Reply::received(status, body, std::time::SystemTime::now());
    Err(hints::token_endpoint(refusal(&reply, &[])))
}

/// Reads a 200 answer: `id_token` required, `token_type` compared case-insensitively
/// (Vipps sends `bearer` and `Bearer`).
pub(crate) fn parse(body: &[u8]) -> Result<LoginTokens> {
    let answer: Value =
        serde_json::from_slice(body).map_err(|_| Error::protocol("the token endpoint's answer is not JSON"))?;
    let text = |name: &str| answer.get(name).and_then(Value::as_str);
    match text("token_type") {
        Some(kind) if kind.eq_ignore_ascii_case("bearer") => {}
        _ => return Err(Error::protocol("the token endpoint's `token_type` is not Bearer")),
    }
    let id_token = text("id_token").ok_or_else(|| match answer.get("id_token") {
        None => Error::protocol("the token endpoint's answer has no `id_token` (was `openid` in the scope?)"),
        Some(_) => Error::protocol("the token endpoint's `id_token` is not a string"),
    })?;
    let access_token =
        text("access_token").ok_or_else(|| Error::protocol("the token endpoint's answer has no `access_token`"))?;
    Ok(LoginTokens {
        access_token: Secret::new(access_token),
        id_token: Secret::new(id_token),
        scope: text("scope").map(str::to_owned),
    })
}
