//! ID-token verification, one rule at a time, each failure its own [`IdTokenRule`].
//!
//! Only RS256 and ES256 can ever verify: `alg: none` and every HMAC algorithm are refused
//! whatever the key set says, and keys come from Vipps' JWKS by `kid` only — a token's own
//! `jku`, `x5u`, `jwk` or `x5c` header is never read.

use super::jwks::PublicKey;
use super::random::constant_time_eq;
use crate::error::{Error, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::signature::{self, UnparsedPublicKey};
use serde_json::{Map, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Larger tokens are refused before any work: Vipps' are about 1–2 KiB.
pub const MAX_ID_TOKEN_BYTES: usize = 16 * 1024;

/// The most clock leeway a verifier accepts: more would accept expired tokens.
pub const MAX_LEEWAY: Duration = Duration::from_secs(600);

/// A leeway within [`MAX_LEEWAY`], or the configuration error that names it.
pub(crate) fn check_leeway(leeway: Duration) -> Result<Duration> {
    match leeway <= MAX_LEEWAY {
        true => Ok(leeway),
        false => Err(Error::config("leeway", "at most 600 s: a larger leeway would accept expired tokens")),
    }
}

/// The rule an ID token broke. Stable names, for support engineers and the shared vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdTokenRule {
    TooLarge,
    Malformed,
    /// `alg` is not RS256 or ES256 (`none`, HS256...), or does not fit the key.
    Algorithm,
    UnknownKey,
    Signature,
    Issuer,
    Audience,
    Msn,
    Expired,
    IssuedInFuture,
    Nonce,
    Acr,
    Subject,
    /// A phone login's redirect token names another `auth_req_id` (or none).
    AuthReqId,
}

impl IdTokenRule {
    pub const ALL: [IdTokenRule; 14] = [
        IdTokenRule::TooLarge,
        IdTokenRule::Malformed,
        IdTokenRule::Algorithm,
        IdTokenRule::UnknownKey,
        IdTokenRule::Signature,
        IdTokenRule::Issuer,
        IdTokenRule::Audience,
        IdTokenRule::Msn,
        IdTokenRule::Expired,
        IdTokenRule::IssuedInFuture,
        IdTokenRule::Nonce,
        IdTokenRule::Acr,
        IdTokenRule::Subject,
        IdTokenRule::AuthReqId,
    ];

    pub fn name(self) -> &'static str {
        match self {
            IdTokenRule::TooLarge => "too_large",
            IdTokenRule::Malformed => "malformed",
            IdTokenRule::Algorithm => "algorithm",
            IdTokenRule::UnknownKey => "unknown_key",
            IdTokenRule::Signature => "signature",
            IdTokenRule::Issuer => "issuer",
            IdTokenRule::Audience => "audience",
            IdTokenRule::Msn => "msn",
            IdTokenRule::Expired => "expired",
            IdTokenRule::IssuedInFuture => "issued_in_future",
            IdTokenRule::Nonce => "nonce",
            IdTokenRule::Acr => "acr",
            IdTokenRule::Subject => "subject",
            IdTokenRule::AuthReqId => "auth_req_id",
        }
    }

    pub(crate) fn hint(self) -> &'static str {
        match self {
            IdTokenRule::Expired | IdTokenRule::IssuedInFuture => {
                "Check this machine's clock (NTP); the message says how far it is from Vipps' when that was measured. Leeway is configurable."
            }
            IdTokenRule::Issuer => "The token is from another environment or issuer: check the base URL (test vs production).",
            IdTokenRule::Audience | IdTokenRule::Msn => {
                "The token was issued to another client or merchant: check the client_id (or, for partners, the MSN)."
            }
            IdTokenRule::Nonce | IdTokenRule::AuthReqId => {
                "The token belongs to another login: complete each login with its own pending login."
            }
            IdTokenRule::Acr => "The login did not reach the requested assurance (acr_values): ask the user to log in again.",
            IdTokenRule::UnknownKey => {
                "Signed with a key Vipps does not publish: if Vipps just rotated keys, retry in a minute; otherwise the token is forged."
            }
            _ => "The ID token did not come from Vipps unaltered: do not trust it; start a new login.",
        }
    }
}

/// The algorithms that may ever verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Algorithm {
    Rs256,
    Es256,
}

/// What the header says: which algorithm and which of Vipps' keys.
pub(crate) struct Header {
    pub alg: Algorithm,
    pub kid: String,
}

/// Who the token must be for.
pub(crate) enum Audience<'a> {
    ClientId(&'a str),
    /// Partners do not know the merchant's client_id: the `msn` claim names the merchant.
    Msn(&'a str),
    /// Both known: both checked.
    ClientIdAndMsn(&'a str, &'a str),
}

impl<'a> Audience<'a> {
    fn client_id(&self) -> Option<&'a str> {
        match *self {
            Audience::ClientId(id) | Audience::ClientIdAndMsn(id, _) => Some(id),
            Audience::Msn(_) => None,
        }
    }

    fn msn(&self) -> Option<&'a str> {
        match *self {
            Audience::Msn(msn) | Audience::ClientIdAndMsn(_, msn) => Some(msn),
            Audience::ClientId(_) => None,
        }
    }
}

/// What the claims must say.
pub(crate) struct Expected<'a> {
    pub issuer: &'a str,
    pub audience: Audience<'a>,
    /// The nonce the login sent; `None` when it sent none (phone login), and then unchecked.
    pub nonce: Option<&'a str>,
    pub acr: Option<&'a str>,
    pub leeway: Duration,
    pub now: SystemTime,
    /// Added to time errors: "this machine's clock is 94 s behind Vipps".
    pub clock_note: Option<String>,
}

/// The verified claims of an ID token. Vipps puts user data (a phone number, an e-mail) in
/// ID tokens: Debug shows who issued it, for whom and when, and only the names of the rest.
/// As JSON: one object, the other claims beside the named ones.
#[derive(Clone, PartialEq, serde::Serialize)]
pub struct IdTokenClaims {
    pub sub: String,
    pub iss: String,
    /// `aud` as a list, whether Vipps sent a string or an array.
    pub aud: Vec<String>,
    pub exp: u64,
    pub iat: u64,
    pub auth_time: Option<u64>,
    pub acr: Option<String>,
    pub msn: Option<String>,
    pub sid: Option<String>,
    /// Every other claim (user data Vipps may add, `jti`, `rat`...), as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl std::fmt::Debug for IdTokenClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTokenClaims")
            .field("sub", &"<redacted>")
            .field("iss", &self.iss)
            .field("aud", &self.aud)
            .field("exp", &self.exp)
            .field("iat", &self.iat)
            .field("acr", &self.acr)
            .field("msn", &self.msn)
            .field("other", &self.other.keys().collect::<Vec<_>>())
            .finish()
    }
}

fn refuse(rule: IdTokenRule, detail: impl Into<String>) -> Error {
    Error::IdToken { rule, detail: detail.into() }
}

/// The header, checked: size, shape, algorithm, kid.
pub(crate) fn header(token: &str) -> Result<Header> {
    if token.len() > MAX_ID_TOKEN_BYTES {
        return Err(refuse(IdTokenRule::TooLarge, format!("{} bytes, more than {MAX_ID_TOKEN_BYTES}", token.len())));
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(refuse(IdTokenRule::Malformed, "not a compact JWS (three dot-separated parts)"));
    }
    let header = json_part(parts[0], "header")?;
    let alg = match header.get("alg").and_then(Value::as_str) {
        Some("RS256") => Algorithm::Rs256,
        Some("ES256") => Algorithm::Es256,
        Some(other) => {
            return Err(refuse(
                IdTokenRule::Algorithm,
                format!("`{}` is not accepted: only RS256 and ES256", shown(other)),
            ));
        }
        None => return Err(refuse(IdTokenRule::Algorithm, "the header names no algorithm")),
    };
    let kid = header.get("kid").and_then(Value::as_str).ok_or_else(|| refuse(IdTokenRule::UnknownKey, "no `kid`"))?;
    Ok(Header { alg, kid: kid.to_owned() })
}

/// Checks the signature with Vipps' key for the header's kid.
pub(crate) fn verify_signature(token: &str, header: &Header, key: &PublicKey) -> Result<()> {
    if key.algorithm() != header.alg {
        return Err(refuse(IdTokenRule::Algorithm, "the header's algorithm does not fit the key's type"));
    }
    let (signed, signature) = token.rsplit_once('.').ok_or_else(|| refuse(IdTokenRule::Malformed, "no signature"))?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| refuse(IdTokenRule::Malformed, "the signature is not base64url"))?;
    let verified = match key {
        PublicKey::Rsa { n, e } => signature::RsaPublicKeyComponents { n, e }.verify(
            &signature::RSA_PKCS1_2048_8192_SHA256,
            signed.as_bytes(),
            &signature,
        ),
        PublicKey::P256 { point } => {
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point).verify(signed.as_bytes(), &signature)
        }
    };
    verified.map_err(|_| refuse(IdTokenRule::Signature, "the signature does not verify with Vipps' key"))
}

/// Checks the claims of a token whose signature verified.
pub(crate) fn check_claims(token: &str, expected: &Expected) -> Result<IdTokenClaims> {
    let payload = token.split('.').nth(1).ok_or_else(|| refuse(IdTokenRule::Malformed, "no payload"))?;
    let mut claims = json_part(payload, "payload")?;
    let text = |claims: &Map<String, Value>, name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
    let number = |claims: &Map<String, Value>, name: &str| claims.get(name).and_then(Value::as_u64);

    let iss = text(&claims, "iss").unwrap_or_default();
    if iss != expected.issuer {
        return Err(refuse(IdTokenRule::Issuer, format!("`iss` is `{}`, expected `{}`", shown(&iss), expected.issuer)));
    }
    let aud = match claims.get("aud") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let msn = text(&claims, "msn");
    if let Some(client_id) = expected.audience.client_id() {
        if !aud.iter().any(|a| a == client_id) {
            return Err(refuse(IdTokenRule::Audience, format!("`aud` does not contain the client_id `{client_id}`")));
        }
        // OpenID Connect Core 3.1.3.7: with several audiences, `azp` names the one it is for.
        let azp = text(&claims, "azp");
        if (aud.len() > 1 || azp.is_some()) && azp.as_deref() != Some(client_id) {
            return Err(refuse(
                IdTokenRule::Audience,
                format!("`azp` is not the client_id `{client_id}` (the token has {} audiences)", aud.len()),
            ));
        }
    }
    if let Some(wanted) = expected.audience.msn() {
        if msn.as_deref() != Some(wanted) {
            return Err(refuse(IdTokenRule::Msn, format!("the `msn` claim is not the merchant's MSN `{wanted}`")));
        }
    }
    let now = expected.now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let leeway = expected.leeway.as_secs();
    let clock = expected.clock_note.as_deref().map(|note| format!("; {note}")).unwrap_or_default();
    let exp = number(&claims, "exp").ok_or_else(|| refuse(IdTokenRule::Malformed, "no numeric `exp`"))?;
    if now > exp.saturating_add(leeway) {
        return Err(refuse(IdTokenRule::Expired, format!("expired {} s ago (leeway {leeway} s){clock}", now - exp)));
    }
    let iat = number(&claims, "iat").ok_or_else(|| refuse(IdTokenRule::Malformed, "no numeric `iat`"))?;
    if iat > now.saturating_add(leeway) {
        return Err(refuse(
            IdTokenRule::IssuedInFuture,
            format!("issued {} s in the future (leeway {leeway} s){clock}", iat - now),
        ));
    }
    if let Some(sent) = expected.nonce {
        if !constant_time_eq(&text(&claims, "nonce").unwrap_or_default(), sent) {
            return Err(refuse(IdTokenRule::Nonce, "`nonce` is not the one this login sent"));
        }
    }
    let acr = text(&claims, "acr");
    if let Some(wanted) = expected.acr {
        if acr.as_deref() != Some(wanted) {
            return Err(refuse(IdTokenRule::Acr, format!("`acr` is not `{wanted}`, which this login asked for")));
        }
    }
    let sub = text(&claims, "sub").filter(|s| !s.is_empty()).ok_or_else(|| refuse(IdTokenRule::Subject, "no `sub`"))?;
    let auth_time = number(&claims, "auth_time");
    let sid = text(&claims, "sid");
    for known in ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "msn", "sid", "nonce"] {
        claims.remove(known);
    }
    Ok(IdTokenClaims { sub, iss, aud, exp, iat, auth_time, acr, msn, sid, other: claims })
}

/// A value from the token as an error may quote it: the token is not trusted, so its values
/// are cut short.
fn shown(value: &str) -> String {
    let mut shown: String = value.chars().take(80).collect();
    if shown.len() < value.len() {
        shown.push('…');
    }
    shown
}

fn json_part(part: &str, what: &str) -> Result<Map<String, Value>> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| refuse(IdTokenRule::Malformed, format!("the {what} is not base64url")))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(refuse(IdTokenRule::Malformed, format!("the {what} is not a JSON object"))),
    }
}
