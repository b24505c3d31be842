//! ID-token verification with keys the caller already holds, at a clock the caller chooses:
//! for the shared vectors, benchmarks, and code that fetches Vipps' JWKS itself. The same
//! rules as [`LoginClient`](super::LoginClient), without the network (an unknown `kid` is
//! refused at once: there is nothing to refetch).

use super::id_token::{self, Audience, Expected, IdTokenClaims, IdTokenRule};
use super::jwks::KeySet;
use crate::error::{Error, Result};
use std::time::{Duration, SystemTime};

/// Who the tokens must be for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpectedAudience {
    /// `aud` (a string or an array) contains this client_id (and `azp` names it, when the
    /// token has several audiences or an `azp`).
    ClientId(String),
    /// Partners: the `msn` claim is this Merchant-Serial-Number.
    Msn(String),
    /// Both rules, when both are known.
    ClientIdAndMsn { client_id: String, msn: String },
}

impl ExpectedAudience {
    /// What a caller gave: a client_id, an MSN, or both (then both are checked).
    pub fn from_parts(client_id: Option<String>, msn: Option<String>) -> Result<Self> {
        match (client_id, msn) {
            (Some(client_id), Some(msn)) => Ok(ExpectedAudience::ClientIdAndMsn { client_id, msn }),
            (Some(client_id), None) => Ok(ExpectedAudience::ClientId(client_id)),
            (None, Some(msn)) => Ok(ExpectedAudience::Msn(msn)),
            (None, None) => Err(Error::config("client_id", "give a client_id or, for partners, an msn")),
        }
    }
}

pub struct IdTokenVerifier {
    keys: KeySet,
    issuer: String,
    audience: ExpectedAudience,
    leeway: Duration,
}

impl IdTokenVerifier {
    /// `jwks` is the JWKS document as Vipps serves it; `leeway` at most
    /// [`MAX_LEEWAY`](super::MAX_LEEWAY), as for the Login client.
    pub fn new(jwks: &[u8], issuer: impl Into<String>, audience: ExpectedAudience, leeway: Duration) -> Result<Self> {
        let leeway = id_token::check_leeway(leeway)?;
        Ok(IdTokenVerifier { keys: KeySet::parse(jwks)?, issuer: issuer.into(), audience, leeway })
    }

    /// Verifies `token` for the login that sent `nonce` (and `acr`, if it asked for one).
    pub fn verify(&self, token: &str, nonce: &str, acr: Option<&str>, now: SystemTime) -> Result<IdTokenClaims> {
        if nonce.is_empty() {
            // Vipps puts `"nonce":""` in tokens of logins that sent none: "" would match them.
            return Err(Error::config("nonce", "the nonce the login sent: an empty one would match any token without"));
        }
        let header = id_token::header(token)?;
        let key = self.keys.find(&header.kid).ok_or_else(|| Error::IdToken {
            rule: IdTokenRule::UnknownKey,
            detail: "no key with this kid in the given JWKS".into(),
        })?;
        id_token::verify_signature(token, &header, key)?;
        let audience = match &self.audience {
            ExpectedAudience::ClientId(id) => Audience::ClientId(id),
            ExpectedAudience::Msn(msn) => Audience::Msn(msn),
            ExpectedAudience::ClientIdAndMsn { client_id, msn } => Audience::ClientIdAndMsn(client_id, msn),
        };
        let expected = Expected {
            issuer: &self.issuer,
            audience,
            nonce: Some(nonce),
            acr,
            leeway: self.leeway,
            now,
            clock_note: None,
        };
        id_token::check_claims(token, &expected)
    }
}
