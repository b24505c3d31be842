//! Writes `tests/vectors/id_tokens.json`: ID tokens signed with fixed, throwaway keys (their
//! public halves are in the file; the private halves are discarded), each with the rule it
//! must break, for every language's suite to check at a fixed clock.
//!
//!     cargo run -p vipps-emulator --example id_token_vectors > tests/vectors/id_tokens.json
//!
//! Independent of the SDK, like the rest of the emulator.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::Mac;
use p256::ecdsa::signature::Signer;
use rand_core::OsRng;
use rsa::pkcs8::EncodePublicKey;
use rsa::signature::SignatureEncoding;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Value};

const NOW: u64 = 1_800_000_000;
const ISSUER: &str = "https://apitest.vipps.no/access-management-1.0/access/";
const CLIENT_ID: &str = "vectors-client";
const NONCE: &str = "vectors-nonce-0123";
const RSA_KID: &str = "public:0f0e0d0c-0b0a-4908-8706-050403020100";
const EC_KID: &str = "public:10203040-5060-4708-9900-aabbccddeeff";

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

struct Keys {
    rsa: rsa::pkcs1v15::SigningKey<sha2::Sha256>,
    rsa_public: rsa::RsaPublicKey,
    ec: p256::ecdsa::SigningKey,
}

impl Keys {
    fn sign(&self, header: &Value, claims: &Value, how: &str) -> String {
        let input = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let signature = match how {
            "rs256" => self.rsa.sign(input.as_bytes()).to_vec(),
            "es256" => {
                let signature: p256::ecdsa::Signature = self.ec.sign(input.as_bytes());
                signature.to_bytes().to_vec()
            }
            "hs256_public_key" => {
                let pem = self.rsa_public.to_public_key_pem(rsa::pkcs8::LineEnding::LF).unwrap();
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(pem.as_bytes()).unwrap();
                mac.update(input.as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            "corrupt" => {
                let mut signature = self.rsa.sign(input.as_bytes()).to_vec();
                signature[7] ^= 0x40;
                signature
            }
            _ => Vec::new(),
        };
        format!("{input}.{}", b64(&signature))
    }
}

fn claims() -> Value {
    json!({"iss": ISSUER, "aud": [CLIENT_ID], "sub": "c0ffee00-4712-4345-8678-e00000000001", "exp": NOW + 3600,
           "iat": NOW - 10, "auth_time": NOW - 10, "nonce": NONCE, "sid": "sid-1", "msn": "123456", "jti": "j-1"})
}

fn with(changes: Value) -> Value {
    let mut claims = claims();
    for (name, value) in changes.as_object().unwrap() {
        match value {
            Value::Null => claims.as_object_mut().unwrap().remove(name),
            value => claims.as_object_mut().unwrap().insert(name.clone(), value.clone()),
        };
    }
    claims
}

fn main() {
    let private = rsa::RsaPrivateKey::new(&mut OsRng, 2048).unwrap();
    let keys = Keys {
        rsa_public: private.to_public_key(),
        rsa: rsa::pkcs1v15::SigningKey::new(private),
        ec: p256::ecdsa::SigningKey::random(&mut OsRng),
    };
    let point = keys.ec.verifying_key().to_encoded_point(false);
    let jwks = json!({"keys": [
        {"use": "sig", "kty": "RSA", "kid": RSA_KID, "alg": "RS256",
         "n": b64(&keys.rsa_public.n().to_bytes_be()), "e": b64(&keys.rsa_public.e().to_bytes_be())},
        {"use": "sig", "kty": "EC", "crv": "P-256", "kid": EC_KID, "alg": "ES256",
         "x": b64(point.x().unwrap()), "y": b64(point.y().unwrap())},
        {"use": "enc", "kty": "RSA", "kid": "encryption-key-is-skipped", "n": "AQAB", "e": "AQAB"},
    ]});
    let rs = |alg: &str, kid: &str| json!({"alg": alg, "kid": kid, "typ": "JWT"});
    let big = "x".repeat(17 * 1024);
    // (name, header, claims, signing, expected outcome, extra expectations)
    let cases: Vec<(&str, Value, Value, &str, &str, Value)> = vec![
        ("valid RS256", rs("RS256", RSA_KID), claims(), "rs256", "ok", json!({})),
        ("valid ES256", rs("ES256", EC_KID), claims(), "es256", "ok", json!({})),
        ("aud as a string", rs("RS256", RSA_KID), with(json!({"aud": CLIENT_ID})), "rs256", "ok", json!({})),
        ("expired within the leeway", rs("RS256", RSA_KID), with(json!({"exp": NOW - 59})), "rs256", "ok", json!({})),
        (
            "acr requested and present",
            rs("RS256", RSA_KID),
            with(json!({"acr": "urn:vipps:acr:app_auth"})),
            "rs256",
            "ok",
            json!({"acr": "urn:vipps:acr:app_auth"}),
        ),
        (
            "partner: msn matches",
            rs("RS256", RSA_KID),
            with(json!({"aud": ["merchant-client"]})),
            "rs256",
            "ok",
            json!({"msn": "123456"}),
        ),
        ("alg none", rs("none", RSA_KID), claims(), "none", "algorithm", json!({})),
        (
            "HS256 with the RSA public key as secret",
            rs("HS256", RSA_KID),
            claims(),
            "hs256_public_key",
            "algorithm",
            json!({}),
        ),
        ("ES256 header on an RSA key", rs("ES256", RSA_KID), claims(), "rs256", "algorithm", json!({})),
        ("RS256 header on an EC key", rs("RS256", EC_KID), claims(), "es256", "algorithm", json!({})),
        ("corrupted signature", rs("RS256", RSA_KID), claims(), "corrupt", "signature", json!({})),
        ("claims changed after signing", rs("RS256", RSA_KID), claims(), "rs256-then-edit", "signature", json!({})),
        ("unknown kid", rs("RS256", "public:not-in-the-jwks"), claims(), "rs256", "unknown_key", json!({})),
        ("no kid", json!({"alg": "RS256", "typ": "JWT"}), claims(), "rs256", "unknown_key", json!({})),
        (
            "jwk in the header is ignored",
            json!({"alg": "RS256", "kid": "public:attacker", "jwk": {"kty": "RSA", "n": "AQAB", "e": "AQAB"}, "jku": "https://evil.example/jwks"}),
            claims(),
            "rs256",
            "unknown_key",
            json!({}),
        ),
        (
            "wrong issuer",
            rs("RS256", RSA_KID),
            with(json!({"iss": "https://evil.example/"})),
            "rs256",
            "issuer",
            json!({}),
        ),
        (
            "issuer without the trailing slash",
            rs("RS256", RSA_KID),
            with(json!({"iss": ISSUER.trim_end_matches('/')})),
            "rs256",
            "issuer",
            json!({}),
        ),
        (
            "wrong audience",
            rs("RS256", RSA_KID),
            with(json!({"aud": ["someone-else"]})),
            "rs256",
            "audience",
            json!({}),
        ),
        ("no audience", rs("RS256", RSA_KID), with(json!({"aud": null})), "rs256", "audience", json!({})),
        (
            "several audiences, azp the client",
            rs("RS256", RSA_KID),
            with(json!({"aud": [CLIENT_ID, "another-client"], "azp": CLIENT_ID})),
            "rs256",
            "ok",
            json!({}),
        ),
        (
            "several audiences, no azp",
            rs("RS256", RSA_KID),
            with(json!({"aud": [CLIENT_ID, "another-client"]})),
            "rs256",
            "audience",
            json!({}),
        ),
        (
            "azp another client",
            rs("RS256", RSA_KID),
            with(json!({"aud": [CLIENT_ID], "azp": "another-client"})),
            "rs256",
            "audience",
            json!({}),
        ),
        (
            "partner: wrong msn",
            rs("RS256", RSA_KID),
            with(json!({"msn": "654321"})),
            "rs256",
            "msn",
            json!({"msn": "123456"}),
        ),
        (
            "expired beyond the leeway",
            rs("RS256", RSA_KID),
            with(json!({"exp": NOW - 61})),
            "rs256",
            "expired",
            json!({}),
        ),
        (
            "issued in the future",
            rs("RS256", RSA_KID),
            with(json!({"iat": NOW + 61})),
            "rs256",
            "issued_in_future",
            json!({}),
        ),
        ("wrong nonce", rs("RS256", RSA_KID), with(json!({"nonce": "another-login"})), "rs256", "nonce", json!({})),
        ("no nonce", rs("RS256", RSA_KID), with(json!({"nonce": null})), "rs256", "nonce", json!({})),
        (
            "acr requested but missing",
            rs("RS256", RSA_KID),
            claims(),
            "rs256",
            "acr",
            json!({"acr": "urn:vipps:acr:app_auth"}),
        ),
        ("no sub", rs("RS256", RSA_KID), with(json!({"sub": null})), "rs256", "subject", json!({})),
        ("no exp", rs("RS256", RSA_KID), with(json!({"exp": null})), "rs256", "malformed", json!({})),
        ("oversized", rs("RS256", RSA_KID), with(json!({"padding": big})), "rs256", "too_large", json!({})),
    ];
    let mut out = Vec::new();
    for (name, header, claims, how, expect, extra) in cases {
        let token = match how {
            "rs256-then-edit" => {
                let signed = keys.sign(&header, &claims, "rs256");
                let parts: Vec<&str> = signed.split('.').collect();
                let edited = b64(with(json!({"sub": "someone-else"})).to_string().as_bytes());
                format!("{}.{edited}.{}", parts[0], parts[2])
            }
            how => keys.sign(&header, &claims, how),
        };
        let mut case = json!({"name": name, "token": token, "expect": expect});
        case.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        out.push(case);
    }
    out.push(json!({"name": "two parts", "token": "eyJhbGciOiJSUzI1NiJ9.e30", "expect": "malformed"}));
    let unsigned = format!("{}.{}", b64(rs("RS256", RSA_KID).to_string().as_bytes()), b64(b"not json"));
    let signed = format!("{unsigned}.{}", b64(&keys.rsa.sign(unsigned.as_bytes()).to_vec()));
    out.push(json!({"name": "a signed payload that is not JSON", "token": signed, "expect": "malformed"}));
    out.push(json!({"name": "an unsigned payload that is not JSON", "token": format!("{unsigned}.AAAA"), "expect": "signature"}));
    let file = json!({
        "about": "ID tokens with the rule each breaks. Verify at `now` (seconds since the epoch) with `leeway` seconds, the issuer, the client_id as audience (or, when a case has `msn`, that MSN instead), the nonce, and the case's `acr` when it has one. `expect` is `ok` or the rule's name. Keys are throwaway; regenerate with `cargo run -p vipps-emulator --example id_token_vectors`.",
        "now": NOW, "leeway": 60, "issuer": ISSUER, "client_id": CLIENT_ID, "nonce": NONCE, "jwks": jwks, "cases": out,
    });
    println!("{}", serde_json::to_string_pretty(&file).unwrap());
}
