//! Vipps' signing keys (JWKS): RSA keys for RS256 and P-256 keys for ES256, chosen by `kid`.
//! Kept for an hour (or the server's max-age). A token with an unknown `kid` — Vipps rotated
//! its keys — makes one refetch; further unknown kids within a cooldown do not, so a flood of
//! forged tokens cannot become a flood of requests to Vipps.

use super::id_token::{Algorithm, IdTokenRule};
use super::memo::Memo;
use crate::bounds;
use crate::error::{Error, Result};
use crate::http::{Http, Target};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use url::Url;

const DEFAULT_MAX_AGE: Duration = Duration::from_secs(3600);

/// A public key that can check one algorithm's signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PublicKey {
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// An uncompressed P-256 point: `04 || x || y`.
    P256 {
        point: Vec<u8>,
    },
}

impl PublicKey {
    pub(crate) fn algorithm(&self) -> Algorithm {
        match self {
            PublicKey::Rsa { .. } => Algorithm::Rs256,
            PublicKey::P256 { .. } => Algorithm::Es256,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct KeySet {
    keys: Vec<(String, PublicKey)>,
}

impl KeySet {
    pub(crate) fn find(&self, kid: &str) -> Option<&PublicKey> {
        self.keys.iter().find(|(id, _)| id == kid).map(|(_, key)| key)
    }

    /// Reads `{"keys": [...]}`, keeping the signing keys it can use: RSA and EC P-256 with a
    /// `kid`. Others (encryption keys, curves it does not know, RSA keys past 8192 bits) are
    /// skipped, not an error; so is every key past the 64th ([`bounds::JWKS_KEYS`]).
    pub(crate) fn parse(body: &[u8]) -> Result<KeySet> {
        let document: Value =
            serde_json::from_slice(body).map_err(|_| Error::protocol("the JWKS document is not JSON"))?;
        let keys = document
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::protocol("the JWKS document has no `keys` array"))?;
        Ok(KeySet { keys: keys.iter().filter_map(parse_key).take(bounds::JWKS_KEYS).collect() })
    }
}

fn parse_key(jwk: &Value) -> Option<(String, PublicKey)> {
    let field = |name: &str| jwk.get(name).and_then(Value::as_str);
    let bytes = |name: &str| field(name).and_then(|v| URL_SAFE_NO_PAD.decode(v.trim_end_matches('=')).ok());
    if field("use").is_some_and(|u| u != "sig") {
        return None;
    }
    let kid = field("kid")?.to_owned();
    let key = match (field("kty")?, field("alg")) {
        ("RSA", None | Some("RS256")) => {
            let (n, e) = (bytes("n")?, bytes("e")?);
            if n.len() > bounds::RSA_MODULUS_BYTES || e.len() > 8 {
                return None;
            }
            PublicKey::Rsa { n, e }
        }
        ("EC", None | Some("ES256")) if field("crv") == Some("P-256") => {
            let (x, y) = (bytes("x")?, bytes("y")?);
            if x.len() != 32 || y.len() != 32 {
                return None;
            }
            PublicKey::P256 { point: [&[4u8][..], &x, &y].concat() }
        }
        _ => return None,
    };
    Some((kid, key))
}

/// The cached key set of one Login client.
pub(crate) struct Jwks {
    memo: Arc<Memo<KeySet>>,
    /// When an unknown kid last made a refetch.
    last_forced: Mutex<Option<Instant>>,
    cooldown: Duration,
}

impl Jwks {
    pub(crate) fn new(cooldown: Duration) -> Self {
        Jwks { memo: Memo::new(), last_forced: Mutex::new(None), cooldown }
    }

    /// The key for `kid`, refetching once if it is unknown and the cooldown allows.
    pub(crate) async fn key(&self, http: &Http, url: &Url, kid: &str) -> Result<PublicKey> {
        let keys = self.memo.get(fetch(http.clone(), url.clone())).await?;
        if let Some(key) = keys.find(kid) {
            return Ok(key.clone());
        }
        if !self.may_force() {
            return Err(unknown(kid, "the keys were refetched moments ago"));
        }
        log::info!("ID token signed with an unknown key: refetching the JWKS");
        let keys = self.memo.refresh(fetch(http.clone(), url.clone())).await?;
        keys.find(kid).cloned().ok_or_else(|| unknown(kid, "not in the freshly fetched JWKS either"))
    }

    fn may_force(&self) -> bool {
        let mut last = self.last_forced.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if last.is_some_and(|at| now.duration_since(at) < self.cooldown) {
            return false;
        }
        *last = Some(now);
        true
    }
}

fn unknown(kid: &str, why: &str) -> Error {
    let kid: String = kid.chars().take(64).collect();
    Error::IdToken { rule: IdTokenRule::UnknownKey, detail: format!("no signing key `{kid}` ({why})") }
}

async fn fetch(http: Http, url: Url) -> Result<(KeySet, Duration)> {
    let reply = http.get_document("jwks", Target::Url(url)).await?;
    let keys = KeySet::parse(&reply.body)?;
    log::info!("jwks: {} signing keys", keys.keys.len());
    Ok((keys, reply.max_age.unwrap_or(DEFAULT_MAX_AGE)))
}
