//! The shared token-response vectors (`tests/vectors/`), as every binding runs them.

use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};
use vipps_auth::token::decode_token_response;

#[test]
fn token_response_vectors() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/token_responses.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let sent_at = UNIX_EPOCH + Duration::from_secs(case["sent_at"].as_u64().unwrap());
        let status = case["status"].as_u64().unwrap() as u16;
        let result = decode_token_response(status, case["body"].as_str().unwrap().as_bytes(), sent_at, &[]);
        match (&case["expect"], &case["expect_error"], result) {
            (expect, Value::Null, Ok(grant)) => {
                assert_eq!(grant.token_type, expect["token_type"], "{name}");
                assert_eq!(grant.lifetime.as_secs(), expect["lifetime_secs"].as_u64().unwrap(), "{name}");
                assert_eq!(grant.access_token.expose(), expect["access_token"], "{name}");
            }
            (Value::Null, expect, Err(error)) => {
                assert_eq!(error.code().name(), expect["code"], "{name}: {error}");
                if let Some(server) = error.server_error() {
                    assert_eq!(u64::from(server.status), expect["status"].as_u64().unwrap(), "{name}");
                    assert_eq!(server.error.as_deref(), expect["error"].as_str(), "{name}");
                    let phrase = expect["hint_contains"].as_str().unwrap();
                    assert!(error.hint().contains(phrase), "{name}: hint `{}` lacks `{phrase}`", error.hint());
                }
            }
            (_, _, outcome) => panic!("{name}: unexpected outcome {outcome:?}"),
        }
    }
}

#[test]
fn phone_input_vectors() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/phone_inputs.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    for case in vectors["phone_numbers"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        match (vipps_auth::PhoneNumber::parse(input), case["error"].as_str()) {
            (Ok(number), None) => {
                assert_eq!(number.login_hint().expose(), case["login_hint"], "{input}");
                assert_eq!(number.masked(), case["masked"], "{input}");
            }
            (Err(error), Some(code)) => {
                assert_eq!(error.code().name(), code, "{input}");
                let message = error.to_string();
                assert!(message.contains(case["reason_contains"].as_str().unwrap()), "{input}: {message}");
                let digits: String = input.chars().filter(char::is_ascii_digit).collect();
                assert!(digits.len() < 4 || !message.contains(&digits[1..]), "{input}: the number leaks: {message}");
            }
            (outcome, _) => panic!("{input}: unexpected {outcome:?}"),
        }
    }
    for case in vectors["binding_messages"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        assert_eq!(vipps_auth::BindingMessage::new(input).is_ok(), case["ok"].as_bool().unwrap(), "{input}");
    }
}

#[test]
fn app_url_vectors() {
    use vipps_auth::{parse_app_url, AppUrl, PendingLogin};
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/app_urls.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let pending: Vec<PendingLogin> = vectors["pending_logins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| PendingLogin::restore(p.as_str().unwrap()).unwrap())
        .collect();
    for case in vectors["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let outcome = parse_app_url(case["url"].as_str().unwrap(), &pending);
        let kind = match &outcome {
            AppUrl::Resume { resume_uri, .. } => {
                assert_eq!(resume_uri, &case["resume_uri"], "{name}");
                "resume"
            }
            AppUrl::Code { code, .. } => {
                assert_eq!(code.expose(), case["code"], "{name}");
                "code"
            }
            AppUrl::Cancelled { .. } => "cancelled",
            AppUrl::Failed { error, .. } => {
                assert_eq!(error, &case["error"], "{name}");
                "failed"
            }
            AppUrl::NotOurs { .. } => "not_ours",
        };
        assert_eq!(kind, case["expect"], "{name}: {outcome:?}");
        assert_eq!(outcome.state(), case["state"].as_str(), "{name}");
    }
}
