//! What every fuzz target checks beyond "no panic", one function per parser of untrusted
//! input; `fuzz_targets/` hold one line each. Built with `--cfg fuzzing` (scripts/fuzz.sh),
//! which opens `vipps_auth::fuzzing` to the parsers that are not public API.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};
use vipps_auth::fuzzing;
use vipps_auth::login::{
    decode_token_endpoint_answer, parse_callback, parse_userinfo, Callback, ExpectedAudience, IdTokenVerifier,
};
use vipps_auth::phone::parse_phone_login_ping;
use vipps_auth::{parse_app_url, AppUrl, CodeHandoff, Error, ErrorCode, PendingLogin, PhoneNumber, Secret};

const ID_TOKENS: &str = include_str!("../../tests/vectors/id_tokens.json");
const APP_URLS: &str = include_str!("../../tests/vectors/app_urls.json");

/// The statuses a server answers with; the first input byte picks one, the rest is the body.
fn status_and_body(data: &[u8]) -> (u16, &[u8]) {
    const STATUSES: [u16; 8] = [200, 200, 400, 401, 403, 429, 500, 503];
    match data.split_first() {
        Some((first, body)) => (STATUSES[usize::from(*first) % STATUSES.len()], body),
        None => (200, data),
    }
}

/// An error is typed (never `Internal`) and does not repeat `secret`.
fn typed_and_discreet(error: &Error, secret: &str) {
    assert_ne!(error.code(), ErrorCode::Internal, "{error}");
    let text = format!("{error} {error:?} {}", error.hint());
    assert!(!text.contains(secret), "the error repeats the secret: {text}");
}

fn within(value: Duration, (least, most): (Duration, Duration)) {
    assert!(least <= value && value <= most, "{value:?} outside {least:?}..={most:?}");
}

pub fn token_response(data: &[u8]) {
    let (status, body) = status_and_body(data);
    let secret = Secret::new(fuzzing::SECRET);
    match vipps_auth::token::decode_token_response(status, body, SystemTime::now(), &[&secret]) {
        Ok(grant) => {
            assert!(!grant.access_token.expose().trim().is_empty() && grant.token_type == "Bearer");
            within(grant.lifetime, (Duration::from_secs(1), Duration::from_secs(30 * 24 * 3600)));
        }
        Err(error) => typed_and_discreet(&error, fuzzing::SECRET),
    }
}

pub fn login_token_answer(data: &[u8]) {
    let (status, body) = status_and_body(data);
    if let Err(error) = decode_token_endpoint_answer(status, body) {
        assert_ne!(error.code(), ErrorCode::Internal, "{error}");
    }
}

pub fn cache_headers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(wait) = fuzzing::retry_after(text) {
        within(wait, fuzzing::RETRY_AFTER);
    }
    if let Some(age) = fuzzing::max_age(text) {
        within(age, fuzzing::MAX_AGE);
    }
}

pub fn discovery(data: &[u8]) {
    let (plain, body) = data.split_first().map_or((false, data), |(first, rest)| (first % 2 == 1, rest));
    let base = url::Url::parse(if plain { "http://127.0.0.1:8080" } else { "https://apitest.vipps.no" }).unwrap();
    if let Ok(document) = fuzzing::discovery(body, &base) {
        for endpoint in [&document.authorization_endpoint, &document.token_endpoint, &document.jwks_uri] {
            assert!(endpoint.scheme() == "https" || endpoint.origin() == base.origin(), "{endpoint}");
        }
    }
}

/// The ID-token vectors, read once: parsing them per input would be most of each run.
fn id_token_vectors() -> &'static serde_json::Value {
    static VECTORS: OnceLock<serde_json::Value> = OnceLock::new();
    VECTORS.get_or_init(|| serde_json::from_str(ID_TOKENS).unwrap())
}

fn verifier(jwks: &[u8]) -> vipps_auth::Result<IdTokenVerifier> {
    let vectors = id_token_vectors();
    let audience = ExpectedAudience::ClientId(vectors["client_id"].as_str().unwrap().into());
    IdTokenVerifier::new(jwks, vectors["issuer"].as_str().unwrap(), audience, Duration::from_secs(60))
}

pub fn jwks(data: &[u8]) {
    match verifier(data) {
        Ok(verifier) => {
            let vectors = id_token_vectors();
            let now = SystemTime::UNIX_EPOCH + Duration::from_secs(vectors["now"].as_u64().unwrap());
            let token = vectors["cases"][0]["token"].as_str().unwrap();
            if let Err(error) = verifier.verify(token, vectors["nonce"].as_str().unwrap(), None, now) {
                assert_eq!(error.code(), ErrorCode::IdTokenInvalid, "{error}");
            }
        }
        Err(error) => assert_eq!(error.code(), ErrorCode::Protocol, "{error}"),
    }
}

pub fn id_token(data: &[u8]) {
    let Ok(token) = std::str::from_utf8(data) else { return };
    static VERIFIER: OnceLock<IdTokenVerifier> = OnceLock::new();
    let vectors = id_token_vectors();
    let verifier = VERIFIER.get_or_init(|| verifier(vectors["jwks"].to_string().as_bytes()).unwrap());
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(vectors["now"].as_u64().unwrap());
    match verifier.verify(token, vectors["nonce"].as_str().unwrap(), None, now) {
        // Only a token Vipps' key signed verifies: one of the vectors' own.
        Ok(_) => assert!(vectors["cases"].as_array().unwrap().iter().any(|case| case["token"] == token)),
        Err(error) => assert_eq!(error.code(), ErrorCode::IdTokenInvalid, "{error}"),
    }
}

pub fn callback(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(Callback::Code { code, state, scope }) = parse_callback(text) {
        // What was read, written again, reads the same.
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("code", code.expose()).append_pair("state", &state);
        if let Some(scope) = &scope {
            query.append_pair("scope", scope);
        }
        match parse_callback(&query.finish()) {
            Ok(Callback::Code { code: again, state: same, .. }) => assert!(again == code && same == state),
            other => panic!("a code callback written again reads as {other:?}"),
        }
    }
}

pub fn app_url(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    static PENDING: OnceLock<Vec<PendingLogin>> = OnceLock::new();
    let pending = PENDING.get_or_init(|| {
        let vectors: serde_json::Value = serde_json::from_str(APP_URLS).unwrap();
        let stored = vectors["pending_logins"].as_array().unwrap();
        stored.iter().map(|stored| PendingLogin::restore(stored.as_str().unwrap()).unwrap()).collect()
    });
    let outcome = parse_app_url(text, pending);
    if let Some(state) = outcome.state() {
        assert!(pending.iter().any(|p| p.state() == state), "a state no pending login has");
    }
    if let AppUrl::Resume { resume_uri, .. } = &outcome {
        // Handed on exactly as checked: a normalised https URL on one of Vipps' login hosts
        // (the vectors' pending logins name no other).
        let url = url::Url::parse(resume_uri).expect("a URL");
        assert_eq!(url.as_str(), resume_uri);
        assert!(
            url.scheme() == "https" && matches!(url.host_str(), Some("api.vipps.no" | "apitest.vipps.no")),
            "{url}"
        );
    }
}

pub fn phone_number(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(number) = PhoneNumber::parse(text) {
        let digits = number.digits();
        let again = PhoneNumber::parse(&format!("+{}", digits.expose())).expect("its own digits parse");
        assert_eq!(again.digits(), digits);
        let shown = format!("{number} {number:?} {}", number.masked());
        assert!(!shown.contains(digits.expose()), "the number shows: {shown}");
    }
}

pub fn pending_login(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(pending) = PendingLogin::restore(text) {
        assert_eq!(PendingLogin::restore(pending.serialize().expose()).unwrap(), pending);
        let _ = pending.is_expired(SystemTime::now());
    }
}

pub fn code_handoff(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(handoff) = CodeHandoff::parse(text) {
        assert_eq!(CodeHandoff::parse(handoff.to_json().expose()).unwrap(), handoff);
    }
}

pub fn userinfo(data: &[u8]) {
    if let Ok(info) = parse_userinfo(data) {
        // Debug names the claims present (by design), so a name may happen to contain it.
        let named = info.other.keys().any(|name| name.contains(&info.sub));
        if info.sub.len() >= 8 && !named {
            assert!(!format!("{info:?}").contains(&info.sub), "Debug shows the sub");
        }
    }
}

pub fn phone_login_answers(data: &[u8]) {
    let (status, body) = status_and_body(data);
    match fuzzing::phone_login_started(status, body) {
        Ok(login) => {
            within(login.interval(), fuzzing::CIBA_INTERVAL);
            assert!(login.remaining() <= fuzzing::CIBA_EXPIRES_IN.1);
            assert_eq!(vipps_auth::PhoneLogin::restore(login.serialize().expose()).unwrap(), login);
        }
        Err(error) => assert_ne!(error.code(), ErrorCode::Internal, "{error}"),
    }
    if let Err(error) = fuzzing::phone_login_poll(status, body) {
        typed_and_discreet(&error, fuzzing::SECRET);
    }
    let _ = parse_phone_login_ping(body);
}
