//! Phone-login costs against the emulator, beside bare reqwest requests in the same run: one
//! poll cycle of a pending login (the SDK's `complete_phone_login_now` vs a bare POST of the
//! CIBA grant), and the whole approved flow with a 0-second approval delay (start + the one
//! token request + ID-token verification vs the two bare POSTs). `wait_for_phone_login` adds
//! only the `interval` sleeps to these.

#[path = "common/bare_post.rs"]
mod bare_post;

use bare_post::bare_post;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;
use vipps_auth::{
    Config, Environment, LoginAuth, LoginClient, PhoneLoginOutcome, PhoneLoginRequest, PhoneNumber, Scopes,
};
use vipps_emulator::{Emulator, EmulatorConfig, PhoneLoginConfig, PHONE_APPROVES, PHONE_NEVER_ANSWERS};

const CIBA_GRANT: &str = "urn:openid:params:grant-type:ciba";

/// An emulator whose test user approves at once and that never asks for slower polling
/// (interval 0), so that the figures are the requests' own.
fn setup() -> (Emulator, LoginClient, tokio::runtime::Runtime) {
    let phone_login =
        PhoneLoginConfig { approval_delay: Duration::ZERO, interval: Duration::ZERO, ..Default::default() };
    let emulator = Emulator::start(EmulatorConfig { phone_login, ..Default::default() }).unwrap();
    let auth =
        LoginAuth::ClientSecretBasic { client_id: "emu-client-id".into(), client_secret: "emu-client-secret".into() };
    let client = LoginClient::new(Config::new(Environment::Custom(emulator.base_url().into())), auth).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    (emulator, client, runtime)
}

fn request(phone: &str) -> PhoneLoginRequest {
    PhoneLoginRequest::new(PhoneNumber::parse(phone).unwrap(), Scopes::parse("name").unwrap())
}

fn poll_cycle(c: &mut Criterion) {
    let (emulator, client, runtime) = setup();
    let bare = reqwest::Client::new();
    let token_endpoint = format!("{}/access-management-1.0/access/oauth2/token", emulator.base_url());
    let pending = runtime.block_on(client.start_phone_login(&request(PHONE_NEVER_ANSWERS))).unwrap();
    let id = pending.auth_req_id().to_owned();
    let form = format!("grant_type={CIBA_GRANT}&auth_req_id={id}");
    let mut group = c.benchmark_group("phone_poll");
    group.bench_function("sdk_pending_poll", |b| {
        b.iter(|| {
            let outcome = runtime.block_on(client.complete_phone_login_now(&id, false)).unwrap();
            assert!(matches!(outcome, PhoneLoginOutcome::Pending));
        })
    });
    group.bench_function("bare_reqwest_poll", |b| {
        b.iter(|| black_box(runtime.block_on(bare_post(&bare, &token_endpoint, form.clone()))))
    });
    group.finish();
}

fn approved_flow(c: &mut Criterion) {
    let (emulator, client, runtime) = setup();
    let bare = reqwest::Client::new();
    let base = emulator.base_url().to_owned();
    let backchannel = format!("{base}/vipps-login-ciba/api/backchannel/authentication");
    let token_endpoint = format!("{base}/access-management-1.0/access/oauth2/token");
    let approving = request(PHONE_APPROVES);
    let sdk_flow = || async {
        let started = client.start_phone_login(&approving).await.unwrap();
        let outcome = client.complete_phone_login_now(started.auth_req_id(), false).await.unwrap();
        assert!(matches!(outcome, PhoneLoginOutcome::Completed(_)));
    };
    runtime.block_on(sdk_flow()); // warm: discovery and JWKS cached, connections open
    let mut group = c.benchmark_group("phone_approved_flow");
    group.sample_size(50);
    group.bench_function("sdk_start_complete_verify", |b| b.iter(|| runtime.block_on(sdk_flow())));
    group.bench_function("bare_reqwest_start_token", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let start = format!("login_hint=urn:msisdn:{PHONE_APPROVES}&scope=openid%20name");
                let answer: serde_json::Value =
                    serde_json::from_slice(&bare_post(&bare, &backchannel, start).await).unwrap();
                let id = answer["auth_req_id"].as_str().unwrap();
                black_box(bare_post(&bare, &token_endpoint, format!("grant_type={CIBA_GRANT}&auth_req_id={id}")).await)
            })
        })
    });
    group.finish();
}

criterion_group!(benches, poll_cycle, approved_flow);
criterion_main!(benches);
