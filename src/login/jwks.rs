//! Vipps' signing keys (JWKS): RSA keys for RS256 and P-256 keys for ES256, chosen by `kid`.
//! Kept for an hour (or the server's max-age). A token with an unknown `kid` — Vipps rotated
//! its keys — makes one refetch; further unknown kids within a cooldown do not, so a flood of
//! forged tokens cannot become a flood of requests to Vipps.

use super::id_token::{Algorithm, IdTokenRule};
use super::memo::Memo;
use crate::bounds;
use crate::error::{Error, Result};
use crate::http::{Http, Target};
use crate::metrics::{self, Endpoint};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use std::future::Future;
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

#[derive(Debug, Default, PartialEq, Eq)]
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
    /// No refetch for an unknown kid before this instant.
    next_refetch: Arc<Mutex<Option<Instant>>>,
    cooldown: Duration,
}

impl Jwks {
    pub(crate) fn new(cooldown: Duration) -> Self {
        Jwks { memo: Memo::new(), next_refetch: Arc::default(), cooldown }
    }

    /// The key for `kid`. An unknown kid joins a refetch that is running or has just landed
    /// (so that every login meeting a rotation shares one), or starts one when the cooldown
    /// allows.
    pub(crate) async fn key(&self, http: &Http, url: &Url, kid: &str) -> Result<PublicKey> {
        let keys = self.memo.get(fetch(http.clone(), url.clone())).await?;
        if let Some(key) = keys.find(kid) {
            return Ok(key.clone());
        }
        let refetched = self.memo.newer_than(&keys, || self.may_refetch(), self.refetch(http, url, &keys)).await;
        let Some(newer) = refetched else {
            return Err(unknown(kid, "the keys were refetched moments ago"));
        };
        newer?.find(kid).cloned().ok_or_else(|| unknown(kid, "not in the freshly fetched JWKS either"))
    }

    /// Starts the cooldown; called under the memo's flight lock.
    fn may_refetch(&self) -> bool {
        let mut next = self.next_refetch.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if next.is_some_and(|at| now < at) {
            return false;
        }
        *next = Some(bounds::instant_after(now, self.cooldown));
        true
    }

    /// A refetch. If it brings the same keys — Vipps' answer not yet rotated, or a forged
    /// kid — the next may come after a tenth of the cooldown, so that a rotation seen late
    /// does not fail every login for the whole cooldown (a forged kid still costs at most ten
    /// requests per cooldown).
    fn refetch(&self, http: &Http, url: &Url, seen: &Arc<KeySet>) -> impl Future<Output = Result<(KeySet, Duration)>> {
        let (fetched, seen, cooldown) = (fetch(http.clone(), url.clone()), Arc::clone(seen), self.cooldown);
        let next_refetch = Arc::clone(&self.next_refetch);
        async move {
            log::info!("ID token signed with an unknown key: refetching the JWKS");
            metrics::once(&metrics::METRICS.jwks_refetches, "vipps_auth_jwks_refetches_total");
            let (keys, max_age) = fetched.await?;
            if keys == *seen {
                let sooner = bounds::instant_after(Instant::now(), cooldown / 10);
                *next_refetch.lock().unwrap_or_else(|p| p.into_inner()) = Some(sooner);
            }
            Ok((keys, max_age))
        }
    }
}

fn unknown(kid: &str, why: &str) -> Error {
    let kid: String = kid.chars().take(64).collect();
    Error::IdToken { rule: IdTokenRule::UnknownKey, detail: format!("no signing key `{kid}` ({why})") }
}

async fn fetch(http: Http, url: Url) -> Result<(KeySet, Duration)> {
    let reply = http.get_document(Endpoint::Jwks, Target::Url(url)).await?;
    let keys = KeySet::parse(&reply.body)?;
    log::info!("jwks: {} signing keys", keys.keys.len());
    Ok((keys, reply.max_age.unwrap_or(DEFAULT_MAX_AGE)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rsa(kid: &str, modulus_bytes: usize) -> Value {
        serde_json::json!({"kty": "RSA", "kid": kid, "n": URL_SAFE_NO_PAD.encode(vec![0xa5; modulus_bytes]), "e": "AQAB"})
    }

    #[test]
    fn a_key_set_is_bounded_in_keys_and_key_size() {
        let many: Vec<Value> = (0..100).map(|i| rsa(&format!("k{i}"), 256)).collect();
        let keys = KeySet::parse(serde_json::json!({ "keys": many }).to_string().as_bytes()).unwrap();
        assert_eq!(keys.keys.len(), bounds::JWKS_KEYS);
        assert!(keys.find("k63").is_some() && keys.find("k64").is_none());

        let sizes = serde_json::json!({"keys": [rsa("largest", 1024), rsa("too-large", 1025)]});
        let keys = KeySet::parse(sizes.to_string().as_bytes()).unwrap();
        assert!(keys.find("largest").is_some() && keys.find("too-large").is_none());
    }
}
