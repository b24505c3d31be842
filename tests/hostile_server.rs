//! The hostile-server matrix: every endpoint the SDK calls, answered by a server (or proxy)
//! that misbehaves in every way we know — numbers past any clock, junk headers, bodies that
//! are empty, nested, oversized, truncated, late or HTML, connections dropped. Each case
//! must end in a token or a typed error (never `Internal`), within the call's budget, and
//! leave the manager or client whole: the next call against a healthy server succeeds.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};
use vipps_auth::{ErrorCode, HttpOptions, TokenManager};

const CIBA: &str = "/vipps-login-ciba/api/backchannel/authentication";
const USER_EXISTS: &str = "/vipps-login-ciba/api/v1/user-exists";

const TOTAL: Duration = Duration::from_millis(1500);
/// What one operation may take beyond one call's budget: the other, healthy, calls it makes.
const SLACK: Duration = Duration::from_millis(1500);

/// A new manager and Login client per case: nothing cached from the case before.
struct Subject {
    tokens: TokenManager,
    login: LoginClient,
}

type Operation = for<'a> fn(&'a Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + 'a>>;

fn standard_token(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move { s.tokens.access_token(&merchant()).await.map(drop) })
}

fn specialized_token(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move { s.tokens.access_token(&specialized()).await.map(drop) })
}

fn authorize(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move { s.login.authorize(&login_request("name")).await.map(drop) })
}

/// Discovery, authorize, the browser, the code exchange, the keys and userinfo.
fn whole_login(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move { browser_login(&s.login, "name").await.map(drop) })
}

fn phone_start(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move { s.login.start_phone_login(&phone_request(PHONE_APPROVES)).await.map(drop) })
}

/// A start (healthy: its path is not the faulty one) and one poll.
fn phone_poll(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move {
        let login = s.login.start_phone_login(&phone_request(PHONE_APPROVES)).await.expect("a healthy start");
        s.login.complete_phone_login_now(login.auth_req_id(), false).await.map(drop)
    })
}

fn user_exists(s: &Subject) -> Pin<Box<dyn Future<Output = vipps_auth::Result<()>> + Send + '_>> {
    Box::pin(async move { s.login.user_exists(&PhoneNumber::parse(PHONE_APPROVES).unwrap()).await.map(drop) })
}

/// Every field any endpoint reads, each set to `number`.
fn every_number(number: &str) -> String {
    format!(
        r#"{{"access_token":"t","token_type":"Bearer","expires_in":{number},"expires_on":{number},"auth_req_id":"r","interval":{number},"exists":true,"id_token":"a.b.c","sub":"s"}}"#
    )
}

fn headers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The cases, each a fault for the endpoint's path (answering every attempt of a call).
fn cases(path: &str) -> Vec<(&'static str, Fault)> {
    let scripted = |status: u16, body: String| Fault { body: Some(body), ..Fault::status(path, status, 3) };
    let real = || Fault { path: path.into(), count: 3, ..Fault::default() };
    let with = |fault: Fault, pairs: &[(&str, &str)]| Fault { headers: headers(pairs), ..fault };
    let busy = || scripted(503, r#"{"error":"busy"}"#.into());
    let far_date = "Fri, 31 Dec 9999 23:59:59 GMT";
    vec![
        ("Retry-After 2^64-1", with(busy(), &[("retry-after", "18446744073709551615")])),
        ("Retry-After 2^63", with(busy(), &[("retry-after", "9223372036854775808")])),
        ("Retry-After -5", with(busy(), &[("retry-after", "-5")])),
        ("Retry-After words", with(scripted(429, "{}".into()), &[("retry-after", "soon")])),
        ("Retry-After year 9999", with(busy(), &[("retry-after", far_date)])),
        ("max-age 2^64-1", with(real(), &[("cache-control", "max-age=18446744073709551615")])),
        ("max-age -5", with(real(), &[("cache-control", "max-age=-5")])),
        ("max-age words", with(real(), &[("cache-control", "max-age=forever")])),
        ("Date year 9999", with(real(), &[("date", far_date)])),
        ("Date junk", with(real(), &[("date", "yesterday")])),
        ("numbers 2^64-1", scripted(200, every_number("18446744073709551615"))),
        ("numbers -5", scripted(200, every_number("-5"))),
        ("numbers NaN", scripted(200, every_number(r#""NaN""#))),
        ("numbers 1e309", scripted(200, every_number("1e309"))),
        ("numbers \"1e309\"", scripted(200, every_number(r#""1e309""#))),
        ("empty tokens", scripted(200, r#"{"access_token":"","id_token":"","auth_req_id":"","expires_in":60}"#.into())),
        ("nested JSON", scripted(200, "[".repeat(100_000))),
        ("body over the cap", scripted(200, format!(r#"{{"access_token":"{}"}}"#, "x".repeat(1 << 20)))),
        ("truncated body", Fault { truncate_body_at: Some(7), ..real() }),
        ("body slower than the timeout", Fault { body_delay_ms: 3_000, ..real() }),
        ("headers slower than the timeout", Fault { delay_ms: 3_000, ..real() }),
        ("dropped connection", Fault { drop_connection: true, ..real() }),
        ("Content-Length too long", with(real(), &[("content-length", "999999")])),
        ("Content-Length too short", with(real(), &[("content-length", "5")])),
        ("wrong Content-Type", with(real(), &[("content-type", "image/png")])),
        ("HTML", with(scripted(200, "<html><title>Proxy</title></html>".into()), &[("content-type", "text/html")])),
        (
            "HTML error page",
            with(scripted(502, "<html><title>Bad Gateway</title>".into()), &[("content-type", "text/html")]),
        ),
    ]
}

fn subject(emulator: &Emulator) -> Subject {
    let mut config = config_for(emulator);
    config.http = HttpOptions {
        request_timeout: Duration::from_millis(500),
        total_timeout: TOTAL,
        max_retries: 2,
        ..Default::default()
    };
    Subject {
        tokens: TokenManager::new(config.clone()).unwrap(),
        login: LoginClient::new(config, basic_auth()).unwrap(),
    }
}

async fn matrix(path: &str, operation: Operation) {
    // Phone logins approved at once, polled as often as the matrix needs.
    let phone_login =
        PhoneLoginConfig { interval: Duration::from_secs(1), approval_delay: Duration::ZERO, ..Default::default() };
    let emulator = emulator_with(EmulatorConfig { phone_login, ..Default::default() });
    let mut failures = Vec::new();
    for (name, fault) in cases(path) {
        emulator.reset();
        let subject = subject(&emulator);
        emulator.inject(fault);
        let started = Instant::now();
        let outcome = operation(&subject).await;
        let took = started.elapsed();
        if let Err(error) = &outcome {
            if error.code() == ErrorCode::Internal {
                failures.push(format!("{name}: Internal: {error}"));
            }
        }
        if took > TOTAL + SLACK {
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
