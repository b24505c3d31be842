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
    /// `aud` (a string or an array) contains this client_id.
    ClientId(String),
    /// Partners: the `msn` claim is this Merchant-Serial-Number.
    Msn(String),
}

pub struct IdTokenVerifier {
    keys: KeySet,
    issuer: String,
    audience: ExpectedAudience,
    leeway: Duration,
}

impl IdTokenVerifier {
    /// `jwks` is the JWKS document as Vipps serves it.
    pub fn new(jwks: &[u8], issuer: impl Into<String>, audience: ExpectedAudience, leeway: Duration) -> Result<Self> {
        Ok(IdTokenVerifier { keys: KeySet::parse(jwks)?, issuer: issuer.into(), audience, leeway })
    }

    /// Verifies `token` for the login that sent `nonce` (and `acr`, if it asked for one).
    pub fn verify(&self, token: &str, nonce: &str, acr: Option<&str>, now: SystemTime) -> Result<IdTokenClaims> {
        let header = id_token::header(token)?;
        let key = self.keys.find(&header.kid).ok_or_else(|| Error::IdToken {
            rule: IdTokenRule::UnknownKey,
            detail: "no key with this kid in the given JWKS".into(),
        })?;
        id_token::verify_signature(token, &header, key)?;
        let audience = match &self.audience {
            ExpectedAudience::ClientId(id) => Audience::ClientId(id),
            ExpectedAudience::Msn(msn) => Audience::Msn(msn),
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
