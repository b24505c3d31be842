//! The hostile-server matrix: every endpoint the SDK calls, answered by a server (or proxy)
//! that misbehaves in every way we know — numbers past any clock, junk headers, bodies that
//! are empty, nested, oversized, truncated, late or HTML, connections dropped. Each case
//! must end in a token or a typed error (never `Internal`), within the call's budget, and
//! leave the manager or client whole: the next call against a healthy server succeeds.

mod common;
use common::*;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};
use vipps_auth::{ErrorCode, HttpOptions, TokenManager};

const CIBA: &str = "/vipps-login-ciba/api/backchannel/authentication";
const USER_EXISTS: &str = "/vipps-login-ciba/api/v1/user-exists";

/// What one operation may take beyond one call's budget: the other, healthy, calls it makes,
/// on a busy CI machine. A sleep on a server's word would take hours, not seconds.
const SLACK: Duration = Duration::from_secs(3);

struct Subject {
    tokens: TokenManager,
    login: LoginClient,
}

/// One call (or a short run of calls) made by the user, its value dropped.
type Outcome<'a> = Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + 'a>>;
type Operation = for<'a> fn(&'a Subject) -> Outcome<'a>;

fn standard_token(s: &Subject) -> Outcome<'_> {
    Box::pin(async move { s.tokens.access_token(&merchant()).await.map(drop) })
}

fn specialized_token(s: &Subject) -> Outcome<'_> {
    Box::pin(async move { s.tokens.access_token(&specialized()).await.map(drop) })
}

fn authorize(s: &Subject) -> Outcome<'_> {
    Box::pin(async move { s.login.authorize(&login_request("name")).await.map(drop) })
}

/// Discovery, authorize, the browser, the code exchange, the keys and userinfo.
fn whole_login(s: &Subject) -> Outcome<'_> {
    Box::pin(async move { browser_login(&s.login, "name").await.map(drop) })
}

fn phone_start(s: &Subject) -> Outcome<'_> {
    Box::pin(async move { s.login.start_phone_login(&phone_request(PHONE_APPROVES)).await.map(drop) })
}

/// A start (healthy: its path is not the faulty one) and one poll.
fn phone_poll(s: &Subject) -> Outcome<'_> {
    Box::pin(async move {
        let login = s.login.start_phone_login(&phone_request(PHONE_APPROVES)).await.expect("a healthy start");
        s.login.complete_phone_login_now(login.auth_req_id(), false).await.map(drop)
    })
}

fn user_exists(s: &Subject) -> Outcome<'_> {
    Box::pin(async move { s.login.user_exists(&PhoneNumber::parse(PHONE_APPROVES).unwrap()).await.map(drop) })
}

/// The shared vectors (`tests/vectors/hostile_answers.json`): the calls' budget, and the
/// cases, each a fault queued for `path`.
fn vectors(path: &str) -> (HttpOptions, Vec<(String, Fault)>) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/hostile_answers.json"));
    let vectors: serde_json::Value = serde_json::from_str(&text.unwrap()).unwrap();
    let calls = &vectors["calls"];
    let millis = |name: &str| Duration::from_millis(calls[name].as_u64().unwrap());
    let http = HttpOptions {
        request_timeout: millis("request_timeout_ms"),
        total_timeout: millis("total_timeout_ms"),
        max_retries: calls["max_retries"].as_u64().unwrap() as u32,
        ..Default::default()
    };
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 25, "the matrix lost its cases");
    let cases = cases
        .iter()
        .map(|case| {
            let mut fault = case["fault"].clone();
            fault["path"] = path.into();
            fault["count"] = calls["count"].clone();
            (case["name"].as_str().unwrap().to_owned(), serde_json::from_value(fault).unwrap())
        })
        .collect();
    (http, cases)
}

async fn matrix(path: &str, operation: Operation) {
    // Phone logins approved at once, polled as often as the matrix needs.
    let phone_login =
        PhoneLoginConfig { interval: Duration::from_secs(1), approval_delay: Duration::ZERO, ..Default::default() };
    let emulator = emulator_with(EmulatorConfig { phone_login, ..Default::default() });
    let (http, cases) = vectors(path);
    let mut failures = Vec::new();
    for (name, fault) in cases {
        emulator.reset();
        let mut config = config_for(&emulator);
        config.http = http.clone();
        // A new manager and client per case: nothing cached from the case before.
        let subject = Subject {
            tokens: TokenManager::new(config.clone()).unwrap(),
            login: LoginClient::new(config, basic_auth()).unwrap(),
        };
        emulator.inject(fault);
        let started = Instant::now();
        let outcome = operation(&subject).await;
        let took = started.elapsed();
        if let Err(error) = &outcome {
            if error.code() == ErrorCode::Internal {
                failures.push(format!("{name}: Internal: {error}"));
            }
        }
        if took > http.total_timeout + SLACK {
            failures.push(format!("{name}: took {took:?}"));
        }
        emulator.reset();
        if let Err(error) = operation(&subject).await {
            failures.push(format!("{name}: the next, healthy call failed: {error}"));
        }
    }
    assert!(failures.is_empty(), "{path}:\n{}", failures.join("\n"));
}

#[tokio::test]
async fn access_token() {
    matrix(STANDARD, standard_token).await;
}

#[tokio::test]
async fn specialized_token_endpoint() {
    matrix(SPECIALIZED, specialized_token).await;
}

#[tokio::test]
async fn discovery() {
    matrix(DISCOVERY, authorize).await;
}

#[tokio::test]
async fn jwks() {
    matrix(JWKS, whole_login).await;
}

#[tokio::test]
async fn code_exchange() {
    matrix(TOKEN_ENDPOINT, whole_login).await;
}

#[tokio::test]
async fn userinfo() {
    matrix(USERINFO, whole_login).await;
}

#[tokio::test]
async fn phone_login_start() {
    matrix(CIBA, phone_start).await;
}

#[tokio::test]
async fn phone_login_poll() {
    matrix(TOKEN_ENDPOINT, phone_poll).await;
}

#[tokio::test]
async fn user_exists_endpoint() {
    matrix(USER_EXISTS, user_exists).await;
}
