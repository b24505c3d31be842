//! The shared Login vectors (tests/vectors/): callback parsing, redirect-URI rules, token
//! endpoint answers, and ID tokens at a fixed clock. Every binding runs the same files.

use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};
use vipps_auth::login::{
    check_redirect_uri, decode_token_endpoint_answer, parse_callback, Callback, ExpectedAudience, IdTokenVerifier,
};
use vipps_auth::Error;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn cases(file: &Value) -> &Vec<Value> {
    file["cases"].as_array().unwrap()
}

fn outcome<T>(result: &Result<T, Error>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(error) => error.code().name(),
    }
}

#[test]
fn callbacks() {
    let file = load("callbacks.json");
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let parsed = parse_callback(case["input"].as_str().unwrap());
        let (got, state) = match &parsed {
            Ok(Callback::Code { code, state, scope }) => {
                assert_eq!(code.expose(), case["code"].as_str().unwrap(), "{name}");
                if let Some(wanted) = case["scope"].as_str() {
                    assert_eq!(scope.as_deref(), Some(wanted), "{name}");
                }
                ("code", Some(state))
            }
            Ok(Callback::Cancelled { state, .. }) => ("cancelled", Some(state)),
            Ok(Callback::Failed { state, error, .. }) => {
                assert_eq!(error, case["error"].as_str().unwrap(), "{name}");
                ("failed", Some(state))
            }
            Err(error) => {
                if let Some(hint) = case["hint"].as_str() {
                    assert!(error.hint().contains(hint), "{name}: {}", error.hint());
                }
                (error.code().name(), None)
            }
        };
        assert_eq!(got, case["expect"].as_str().unwrap(), "{name}: {parsed:?}");
        if let Some(state) = state {
            assert_eq!(state, case["state"].as_str().unwrap(), "{name}");
        }
    }
    assert!(cases(&file).len() >= 20);
}

#[test]
fn redirect_uris() {
    let file = load("redirect_uris.json");
    for case in cases(&file) {
        let uri = case["uri"].as_str().unwrap();
        let checked = check_redirect_uri(uri, case["production"].as_bool().unwrap());
        assert_eq!(checked.is_ok(), case["ok"].as_bool().unwrap(), "{uri}: {checked:?}");
        if let (Err(error), Some(rule)) = (&checked, case["rule"].as_str()) {
            assert!(error.to_string().contains(rule), "{uri}: {error}");
        }
    }
}

#[test]
fn login_token_answers() {
    let file = load("login_token_answers.json");
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let decoded = decode_token_endpoint_answer(status, case["body"].as_str().unwrap().as_bytes());
        assert_eq!(outcome(&decoded), case["expect"].as_str().unwrap(), "{name}: {decoded:?}");
        if let (Err(error), Some(wanted)) = (&decoded, case["error"].as_str()) {
            assert_eq!(error.server_error().and_then(|s| s.error.as_deref()), Some(wanted), "{name}");
        }
        if let (Err(error), Some(phrase)) = (&decoded, case["hint"].as_str()) {
            assert!(error.hint().contains(phrase), "{name}: {}", error.hint());
        }
        if let (Ok(tokens), Some(scope)) = (&decoded, case["scope"].as_str()) {
            assert_eq!(tokens.scope.as_deref(), Some(scope));
        }
    }
}

#[test]
fn id_tokens() {
    let file = load("id_tokens.json");
    let now = UNIX_EPOCH + Duration::from_secs(file["now"].as_u64().unwrap());
    let verifier = |audience| {
        IdTokenVerifier::new(
            file["jwks"].to_string().as_bytes(),
            file["issuer"].as_str().unwrap(),
            audience,
            Duration::from_secs(file["leeway"].as_u64().unwrap()),
        )
        .unwrap()
    };
    let by_client = verifier(ExpectedAudience::ClientId(file["client_id"].as_str().unwrap().into()));
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let by_msn;
        let verifier = match case["msn"].as_str() {
            Some(msn) => {
                by_msn = verifier(ExpectedAudience::Msn(msn.into()));
                &by_msn
            }
            None => &by_client,
        };
        let verified = verifier.verify(
            case["token"].as_str().unwrap(),
            file["nonce"].as_str().unwrap(),
            case["acr"].as_str(),
            now,
        );
        let got = match &verified {
            Ok(_) => "ok",
            Err(Error::IdToken { rule, .. }) => rule.name(),
            Err(other) => panic!("{name}: not an ID-token error: {other}"),
        };
        assert_eq!(got, case["expect"].as_str().unwrap(), "{name}: {verified:?}");
    }
    assert!(cases(&file).len() >= 30);
}

#[test]
fn the_offline_verifier_keeps_the_login_clients_rules() {
    let file = load("id_tokens.json");
    let now = UNIX_EPOCH + Duration::from_secs(file["now"].as_u64().unwrap());
    let (jwks, issuer, nonce) =
        (file["jwks"].to_string(), file["issuer"].as_str().unwrap(), file["nonce"].as_str().unwrap());
    let client_id = || Some(file["client_id"].as_str().unwrap().to_owned());
    let valid = cases(&file).iter().find(|c| c["name"] == "valid RS256").unwrap()["token"].as_str().unwrap().to_owned();
    let verifier =
        |audience, leeway| IdTokenVerifier::new(jwks.as_bytes(), issuer, audience, Duration::from_secs(leeway));
    let rule = |audience| match verifier(audience, 60).unwrap().verify(&valid, nonce, None, now) {
        Err(Error::IdToken { rule, .. }) => rule.name(),
        other => panic!("expected an ID-token error: {other:?}"),
    };

    let too_lax = verifier(ExpectedAudience::ClientId("c".into()), 601).err().unwrap();
    assert_eq!(too_lax.code(), vipps_auth::ErrorCode::Configuration, "at most 600 s, as the Login client");
    let both = |id: Option<String>, msn: &str| ExpectedAudience::from_parts(id, Some(msn.into())).unwrap();
    assert_eq!(rule(both(client_id(), "654321")), "msn", "a client_id does not switch off the msn check");
    assert_eq!(rule(both(Some("another-client".into()), "123456")), "audience", "nor an msn the aud check");
    verifier(both(client_id(), "123456"), 60).unwrap().verify(&valid, nonce, None, now).unwrap();
    let by_client = verifier(ExpectedAudience::ClientId(client_id().unwrap()), 60).unwrap();
    assert_eq!(by_client.verify(&valid, "", None, now).unwrap_err().code(), vipps_auth::ErrorCode::Configuration);
}
