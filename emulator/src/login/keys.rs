//! ID-token signing keys as Vipps publishes them: an RSA key (RS256, browser and app logins)
//! and a P-256 key (ES256, phone-login redirects), each with a `public:<uuid>` kid. Rotation
//! replaces both, so the old kids vanish from the JWKS.

use crate::jwt::random_hex;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::Mac;
use p256::ecdsa::signature::Signer;
use rand_core::OsRng;
use rsa::pkcs8::EncodePublicKey;
use rsa::signature::SignatureEncoding;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Value};
use std::sync::{Arc, LazyLock};

/// The keys every emulator in the process starts with: generating RSA keys is slow.
static FIRST: LazyLock<Arc<SigningKeys>> = LazyLock::new(|| Arc::new(SigningKeys::generate()));

pub(crate) struct SigningKeys {
    rsa_kid: String,
    rsa: rsa::pkcs1v15::SigningKey<sha2::Sha256>,
    rsa_public: rsa::RsaPublicKey,
    ec_kid: String,
    ec: p256::ecdsa::SigningKey,
}

/// How to sign: honestly, or in one of the ways an attacker would try.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Signing {
    #[default]
    Rs256,
    Es256,
    /// `alg: none`, empty signature.
    None,
    /// HS256 with the RSA public key (PEM) as the HMAC secret: the classic confusion attack.
    Hs256PublicKey,
    /// RS256 with one byte of the signature flipped.
    Corrupt,
    /// RS256 with a key that is not in the JWKS, under a kid that is not either.
    UnknownKey,
}

impl SigningKeys {
    pub(crate) fn first() -> Arc<SigningKeys> {
        Arc::clone(&FIRST)
    }

    pub(crate) fn generate() -> Self {
        let private = rsa::RsaPrivateKey::new(&mut OsRng, 2048).expect("RSA key generation");
        SigningKeys {
            rsa_kid: format!("public:{}", uuid()),
            rsa_public: private.to_public_key(),
            rsa: rsa::pkcs1v15::SigningKey::new(private),
            ec_kid: format!("public:{}", uuid()),
            ec: p256::ecdsa::SigningKey::random(&mut OsRng),
        }
    }

    /// The `jwks.json` document.
    pub(crate) fn jwks(&self) -> Value {
        let point = self.ec.verifying_key().to_encoded_point(false);
        json!({"keys": [
            {"use": "sig", "kty": "RSA", "kid": self.rsa_kid, "alg": "RS256",
             "n": b64(&self.rsa_public.n().to_bytes_be()), "e": b64(&self.rsa_public.e().to_bytes_be())},
            {"use": "sig", "kty": "EC", "crv": "P-256", "kid": self.ec_kid, "alg": "ES256",
             "x": b64(point.x().expect("uncompressed")), "y": b64(point.y().expect("uncompressed"))},
        ]})
    }

    /// A compact JWS of `claims`; `header` entries are added to (or, as `null`, removed from)
    /// the usual `alg`/`kid`/`typ`.
    pub(crate) fn sign(&self, signing: Signing, claims: &Value, header: &serde_json::Map<String, Value>) -> String {
        let (alg, kid) = match signing {
            Signing::Es256 => ("ES256", self.ec_kid.clone()),
            Signing::None => ("none", self.rsa_kid.clone()),
            Signing::Hs256PublicKey => ("HS256", self.rsa_kid.clone()),
            Signing::UnknownKey => ("RS256", format!("public:{}", uuid())),
            Signing::Rs256 | Signing::Corrupt => ("RS256", self.rsa_kid.clone()),
        };
        let mut head = json!({"alg": alg, "kid": kid, "typ": "JWT"});
        for (name, value) in header {
            match value {
                Value::Null => head.as_object_mut().expect("object").remove(name),
                _ => head.as_object_mut().expect("object").insert(name.clone(), value.clone()),
            };
        }
        let input = format!("{}.{}", b64(head.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let signature = match signing {
            Signing::Rs256 => self.rsa.sign(input.as_bytes()).to_vec(),
            Signing::Corrupt => {
                let mut signature = self.rsa.sign(input.as_bytes()).to_vec();
                signature[10] ^= 0x01;
                signature
            }
            Signing::Es256 => {
                let signature: p256::ecdsa::Signature = self.ec.sign(input.as_bytes());
                signature.to_bytes().to_vec()
            }
            Signing::None => Vec::new(),
            Signing::Hs256PublicKey => {
                let pem = self.rsa_public.to_public_key_pem(rsa::pkcs8::LineEnding::LF).expect("PEM");
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(pem.as_bytes()).expect("any key length");
                mac.update(input.as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            Signing::UnknownKey => {
                let stranger = SigningKeys::first_stranger();
                stranger.sign(input.as_bytes()).to_vec()
            }
        };
        format!("{input}.{}", b64(&signature))
    }

    /// A valid RSA key that no JWKS ever lists.
    fn first_stranger() -> &'static rsa::pkcs1v15::SigningKey<sha2::Sha256> {
        static STRANGER: LazyLock<rsa::pkcs1v15::SigningKey<sha2::Sha256>> = LazyLock::new(|| {
            rsa::pkcs1v15::SigningKey::new(rsa::RsaPrivateKey::new(&mut OsRng, 2048).expect("RSA key generation"))
        });
        &STRANGER
    }
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn uuid() -> String {
    let hex = random_hex(16);
    format!("{}-{}-4{}-a{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}
