//! Tokens that look like Vipps' (a JWT of realistic size) and say when they expire. The
//! signature is random bytes: nothing verifies machine tokens client-side.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::json;

pub(crate) fn mint(subject: &str, issued_at: u64, expires_at: u64) -> String {
    let header = json!({"typ": "JWT", "alg": "RS256", "kid": "emulator-machine-key"});
    let claims = json!({
        "aud": "00000002-0000-0000-c000-000000000000",
        "iss": "https://vipps-emulator.invalid/",
        "sub": subject,
        "iat": issued_at,
        "nbf": issued_at,
        "exp": expires_at,
        "jti": random_hex(16),
        "ver": "1.0",
    });
    let signature: Vec<u8> = (0..256).map(|_| fastrand::u8(..)).collect();
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

pub(crate) fn random_hex(bytes: usize) -> String {
    (0..bytes).map(|_| format!("{:02x}", fastrand::u8(..))).collect()
}
