//! Whatever arrives — a forged callback, a garbage token, a broken userinfo answer — the
//! parsers answer with a value or an error, never a panic.

use proptest::prelude::*;
use std::time::{Duration, SystemTime};
use vipps_auth::login::{parse_callback, parse_userinfo, ExpectedAudience, IdTokenVerifier};

const JWKS: &str = include_str!("vectors/id_tokens.json");

fn verifier() -> IdTokenVerifier {
    let file: serde_json::Value = serde_json::from_str(JWKS).unwrap();
    let audience = ExpectedAudience::ClientId("vectors-client".into());
    IdTokenVerifier::new(file["jwks"].to_string().as_bytes(), "issuer", audience, Duration::from_secs(60)).unwrap()
}

/// The pending logins of the shared app-URL vectors.
fn app_pending() -> Vec<vipps_auth::PendingLogin> {
    let file: serde_json::Value = serde_json::from_str(include_str!("vectors/app_urls.json")).unwrap();
    let stored = file["pending_logins"].as_array().unwrap();
    stored.iter().map(|p| vipps_auth::PendingLogin::restore(p.as_str().unwrap()).unwrap()).collect()
}

/// Pieces that make the parsers take their deeper paths more often than random text would.
fn callback_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("code=".to_owned()),
        Just("state=".to_owned()),
        Just("error=".to_owned()),
        Just("error_description=".to_owned()),
        Just("?state=".to_owned()),
        Just("&".to_owned()),
        Just("?".to_owned()),
        Just("#".to_owned()),
        Just("https://x/cb?".to_owned()),
        Just("stateAAAA1111".to_owned()),
        Just("resume_uri=https%3A%2F%2Fx".to_owned()),
        "[a-zA-Z0-9%_=&?#:/.+-]{0,12}",
    ];
    proptest::collection::vec(part, 0..12).prop_map(|parts| parts.concat())
}

fn token_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("eyJhbGciOiJSUzI1NiIsImtpZCI6InB1YmxpYzowZjBlMGQwYy0wYjBhLTQ5MDgtODcwNi0wNTA0MDMwMjAxMDAifQ".to_owned()),
        Just("eyJhbGciOiJub25lIn0".to_owned()),
        Just("e30".to_owned()),
        Just(".".to_owned()),
        "[A-Za-z0-9_=-]{0,40}",
    ];
    proptest::collection::vec(part, 0..8).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn callbacks(input in callback_like()) {
        let _ = parse_callback(&input);
    }

    #[test]
    fn callbacks_from_any_text(input in "\\PC{0,200}") {
        let _ = parse_callback(&input);
    }

    #[test]
    fn app_urls(input in callback_like(), prefix in prop_oneof![Just(""), Just("com.example.app://callback?"), Just("https://example.com/app/callback?")]) {
        let _ = vipps_auth::parse_app_url(&format!("{prefix}{input}"), &app_pending());
    }

    #[test]
    fn app_urls_from_any_text(input in "\\PC{0,200}") {
        let _ = vipps_auth::parse_app_url(&input, &app_pending());
    }

    #[test]
    fn code_handoffs_from_any_text(input in "\\PC{0,200}") {
        let _ = vipps_auth::CodeHandoff::parse(&input);
    }

    #[test]
    fn id_tokens(token in token_like()) {
        let _ = verifier().verify(&token, "nonce", None, SystemTime::now());
    }

    #[test]
    fn id_tokens_from_any_text(token in "\\PC{0,300}") {
        let _ = verifier().verify(&token, "nonce", Some("acr"), SystemTime::now());
    }

    #[test]
    fn userinfo_from_any_bytes(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_userinfo(&body);
    }

    #[test]
    fn userinfo_from_json_of_any_shape(value in json_value()) {
        let _ = parse_userinfo(value.to_string().as_bytes());
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "\\PC{0,10}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let keys = prop_oneof![
            Just("sub".to_owned()),
            Just("address".to_owned()),
            Just("other_addresses".to_owned()),
            Just("email_verified".to_owned()),
            Just("phone_number".to_owned()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(keys, inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}
