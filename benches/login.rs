//! Login costs: ID-token verification (RS256, ES256) with the keys in hand, building the
//! authorize URL, parsing a callback, and a whole `complete` against the emulator (JWKS warm)
//! beside a bare reqwest POST of the same exchange to the same token endpoint, in one run.

#[path = "common/bare_post.rs"]
mod bare_post;

use bare_post::bare_post;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;
use std::hint::black_box;
use std::time::{Duration, Instant, UNIX_EPOCH};
use vipps_auth::login::{parse_callback, ExpectedAudience, IdTokenVerifier};
use vipps_auth::{AuthorizeRequest, Config, Environment, LoginAuth, LoginClient, LoginOutcome, Scopes};
use vipps_emulator::{Emulator, EmulatorConfig};

const REDIRECT_URI: &str = "https://example.com/app/callback";

fn id_token(c: &mut Criterion) {
    let file: Value = serde_json::from_str(include_str!("../tests/vectors/id_tokens.json")).unwrap();
    let audience = ExpectedAudience::ClientId(file["client_id"].as_str().unwrap().into());
    let verifier = IdTokenVerifier::new(
        file["jwks"].to_string().as_bytes(),
        file["issuer"].as_str().unwrap(),
        audience,
        Duration::from_secs(60),
    )
    .unwrap();
    let now = UNIX_EPOCH + Duration::from_secs(file["now"].as_u64().unwrap());
    let nonce = file["nonce"].as_str().unwrap();
    let token = |name: &str| {
        let case = file["cases"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap();
        case["token"].as_str().unwrap().to_owned()
    };
    let (rs256, es256) = (token("valid RS256"), token("valid ES256"));
    let mut group = c.benchmark_group("id_token");
    group.bench_function("verify_rs256", |b| b.iter(|| black_box(verifier.verify(&rs256, nonce, None, now).unwrap())));
    group.bench_function("verify_es256", |b| b.iter(|| black_box(verifier.verify(&es256, nonce, None, now).unwrap())));
    group.finish();
}

fn setup() -> (Emulator, LoginClient, tokio::runtime::Runtime) {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let auth =
        LoginAuth::ClientSecretBasic { client_id: "emu-client-id".into(), client_secret: "emu-client-secret".into() };
    let client = LoginClient::new(Config::new(Environment::Custom(emulator.base_url().into())), auth).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    (emulator, client, runtime)
}

fn request() -> AuthorizeRequest {
    AuthorizeRequest::new(REDIRECT_URI, Scopes::parse("name email").unwrap())
}

fn authorize_and_callback(c: &mut Criterion) {
    let (_emulator, client, runtime) = setup();
    runtime.block_on(client.discovery()).unwrap();
    let request = request();
    c.bench_function("login/authorize_url", |b| {
        b.iter(|| black_box(runtime.block_on(client.authorize(&request)).unwrap()))
    });
    let callback = format!(
        "{REDIRECT_URI}?code=6a1f3c9e0b7d42a58c1e9f0a7b3d5c2e&state=Qm9vdHN0cmFwLXN0YXRl&scope=openid%20name%20email"
    );
    c.bench_function("login/parse_callback", |b| b.iter(|| black_box(parse_callback(&callback).unwrap())));
}

/// `complete` (exchange + verification, userinfo off) vs a bare POST of the same exchange;
/// each iteration gets a fresh code, outside the timed part.
fn complete(c: &mut Criterion) {
    let (emulator, client, runtime) = setup();
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let bare = reqwest::Client::new();
    let token_endpoint = format!("{}/access-management-1.0/access/oauth2/token", emulator.base_url());
    let fresh_login = || {
        runtime.block_on(async {
            let authorization = client.authorize(&request()).await.unwrap();
            let answer = browser.get(&authorization.url).send().await.unwrap();
            (authorization.pending, answer.headers()["location"].to_str().unwrap().to_owned())
        })
    };
    // Warm: discovery and JWKS cached, connections open.
    let (pending, callback) = fresh_login();
    runtime.block_on(client.complete(&pending, &callback, false)).unwrap();

    let mut group = c.benchmark_group("login_complete");
    group.sample_size(30);
    group.bench_function("sdk_complete", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let (pending, callback) = fresh_login();
                let began = Instant::now();
                let outcome = runtime.block_on(client.complete(&pending, &callback, false)).unwrap();
                spent += began.elapsed();
                assert!(matches!(outcome, LoginOutcome::Completed(_)));
            }
            spent
        })
    });
    group.bench_function("bare_reqwest_exchange", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let (pending, callback) = fresh_login();
                let code = url::Url::parse(&callback)
                    .unwrap()
                    .query_pairs()
                    .find(|(k, _)| k == "code")
                    .unwrap()
                    .1
                    .into_owned();
                let verifier = verifier_of(&pending);
                let form = form_urlencoded::Serializer::new(String::new())
                    .append_pair("grant_type", "authorization_code")
                    .append_pair("code", &code)
                    .append_pair("redirect_uri", REDIRECT_URI)
                    .append_pair("code_verifier", &verifier)
                    .finish();
                let began = Instant::now();
                let answer = runtime.block_on(bare_post(&bare, &token_endpoint, form));
                spent += began.elapsed();
                black_box(answer);
            }
            spent
        })
    });
    group.finish();
}

/// The verifier inside a pending login, read from its stored form (the bench only).
fn verifier_of(pending: &vipps_auth::PendingLogin) -> String {
    use base64::Engine;
    let stored = pending.serialize();
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(stored.expose().trim_start_matches("vipps-login.v1."))
        .unwrap();
    serde_json::from_slice::<Value>(&json).unwrap()["verifier"].as_str().unwrap().to_owned()
}

criterion_group!(benches, id_token, authorize_and_callback, complete);
criterion_main!(benches);
