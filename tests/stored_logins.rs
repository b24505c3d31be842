//! Logins kept in a real Redis and completed exactly once across the fleet: started on one
//! instance, completed on another, the same callback refused on a third with nothing sent to
//! Vipps; app-to-app handoffs and phone-login redirects alike; what sits in Redis sealed,
//! bound to its state and useless elsewhere; Redis down is a typed error, never a lost login.

mod common;
#[path = "common/redis_server.rs"]
mod redis_server;

use common::*;
use redis_server::RedisServer;
use std::sync::Arc;
use std::time::Duration;
use vipps_auth::store::{RedisStore, Store};
use vipps_auth::{CodeHandoff, ErrorCode, PhoneLoginOutcome};

const PREFIX: &str = "test:";

/// One instance of the fleet: its own client on the shared store.
fn instance(emulator: &Emulator, store: &Arc<dyn Store>) -> LoginClient {
    login_client(emulator).with_store(Arc::clone(store), PREFIX)
}

fn store_at(url: &str) -> Arc<dyn Store> {
    Arc::new(RedisStore::new(url).unwrap().with_timeout(Duration::from_secs(2)))
}

fn completed(outcome: LoginOutcome) -> Box<vipps_auth::login::CompletedLogin> {
    match outcome {
        LoginOutcome::Completed(login) => login,
        LoginOutcome::Cancelled { .. } => panic!("cancelled"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn started_on_one_instance_completed_on_another_and_refused_on_a_third() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let (a, b, c) = (instance(&emulator, &store), instance(&emulator, &store), instance(&emulator, &store));
    let authorization = a.authorize(&login_request("openid name")).await.unwrap();
    let kept = redis.entries("test:login:*");
    assert_eq!(kept.len(), 1, "the pending login is kept in the store");
    let text = String::from_utf8_lossy(&kept[0].1);
    assert!(!kept[0].0.contains(authorization.pending.state()) && !text.contains(authorization.pending.state()));

    let callback = follow(&authorization.url).await;
    let login = completed(b.complete_stored(&callback, true).await.unwrap());
    assert_eq!(login.userinfo.unwrap().given_name.as_deref(), Some("Kari"));
    assert!(redis.entries("test:*").is_empty(), "taken from the store");
    let exchanges = emulator.count(TOKEN_ENDPOINT);
    for replayed_on in [&c, &b, &a] {
        let error = replayed_on.complete_stored(&callback, false).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::StateMismatch, "{error}");
    }
    assert_eq!(emulator.count(TOKEN_ENDPOINT), exchanges, "a replayed callback reached Vipps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_callback_on_eight_instances_at_once_completes_once() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let authorization = instance(&emulator, &store).authorize(&login_request("openid")).await.unwrap();
    let callback = follow(&authorization.url).await;
    let fleet: Vec<LoginClient> = (0..8).map(|_| instance(&emulator, &store)).collect();
    let outcomes = futures_util::future::join_all(fleet.iter().map(|c| c.complete_stored(&callback, false))).await;
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
    assert!(outcomes.iter().flat_map(|o| o.as_ref().err()).all(|e| e.code() == ErrorCode::StateMismatch));
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 1, "one exchange");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_redis_holds_is_bound_to_its_state_and_to_the_clients_secret() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let client = instance(&emulator, &store);
    let (first, second) = (
        client.authorize(&login_request("openid")).await.unwrap(),
        client.authorize(&login_request("openid")).await.unwrap(),
    );
    let kept = redis.entries("test:login:*");
    // An attacker with write access swaps the two values: neither opens under the other's name.
    redis.set(&kept[0].0, &kept[1].1);
    redis.set(&kept[1].0, &kept[0].1);
    for authorization in [&first, &second] {
        let callback = follow(&authorization.url).await;
        let error = client.complete_stored(&callback, false).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::StateMismatch, "{error}");
    }
    // Another client secret names and seals differently: it finds nothing of this client's.
    let third = client.authorize(&login_request("openid")).await.unwrap();
    let other_keys =
        LoginAuth::ClientSecretBasic { client_id: DEFAULT_CLIENT_ID.into(), client_secret: "another-secret".into() };
    let other = LoginClient::new(config_for(&emulator), other_keys).unwrap().with_store(Arc::clone(&store), PREFIX);
    let error = other.complete_stored(&follow(&third.url).await, false).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::StateMismatch);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 0, "nothing reached Vipps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_down_a_login_is_refused_with_its_own_error_before_anything_is_sent() {
    let emulator = emulator();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = instance(&emulator, &store_at(&format!("redis://127.0.0.1:{port}")));
    let error = client.authorize(&login_request("openid")).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::StoreUnavailable, "{error}");
    let error = client.complete_stored(&format!("{REDIRECT_URI}?code=c&state=s"), false).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::StoreUnavailable, "{error}");
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_store_complete_stored_says_how_to_give_one() {
    let emulator = emulator();
    let error = login_client(&emulator).complete_stored(&format!("{REDIRECT_URI}?code=c&state=s"), false).await;
    assert_eq!(error.unwrap_err().code(), ErrorCode::Configuration);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_handoff_completes_on_another_instance_once() {
    let (redis, emulator) = (RedisServer::start(), emulator());
    let store = store_at(&redis.url());
    let mut request = login_request("name");
    request.app_flow = Some(vipps_auth::AppFlow::AppToAppV2);
    let authorization = instance(&emulator, &store).authorize(&request).await.unwrap();
    let opened_with = follow(&authorization.url).await;
    let (code, state) = match vipps_auth::parse_app_url(&opened_with, std::slice::from_ref(&authorization.pending)) {
        vipps_auth::AppUrl::Code { code, state, .. } => (code.expose().to_owned(), state),
        other => panic!("expected a code, got {other:?}"),
    };
    let handoff = CodeHandoff::new(&code, &state);
    let other = instance(&emulator, &store);
    completed(other.complete_stored_handoff(&handoff, false).await.unwrap());
    let again = instance(&emulator, &store).complete_stored_handoff(&handoff, false).await.unwrap_err();
    assert_eq!(again.code(), ErrorCode::StateMismatch);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_login_redirect_completes_on_another_instance_once() {
    let (redis, emulator) = (RedisServer::start(), quick_phone_emulator());
    let store = store_at(&redis.url());
    let mut request = phone_request(PHONE_APPROVES);
    request.redirect_uri = Some(REDIRECT_URI.into());
    let login = instance(&emulator, &store).start_phone_login(&request).await.unwrap();
    assert_eq!(redis.entries("test:phone-redirect:*").len(), 1);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let opened = emulator.phone_redirects();
    let other = instance(&emulator, &store);
    match other.complete_stored_phone_redirect(&opened[0], false).await.unwrap() {
        PhoneLoginOutcome::Completed(done) => assert_eq!(done.claims.other["authReqId"], login.auth_req_id()),
        outcome => panic!("expected a completed login, got {outcome:?}"),
    }
    let exchanges = emulator.count(TOKEN_ENDPOINT);
    let again = instance(&emulator, &store).complete_stored_phone_redirect(&opened[0], false).await.unwrap_err();
    assert_eq!(again.code(), ErrorCode::StateMismatch);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), exchanges);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_login_started_on_one_instance_is_polled_in_turns_by_two_others_and_completes_once() {
    let (redis, emulator) = (RedisServer::start(), quick_phone_emulator());
    let store = store_at(&redis.url());
    let login = instance(&emulator, &store).start_phone_login(&phone_request(PHONE_APPROVES)).await.unwrap();
    assert_eq!(redis.entries("test:phone-login:*").len(), 1, "kept with its schedule");
    let (b, c) = (instance(&emulator, &store), instance(&emulator, &store));
    let id = login.auth_req_id().to_owned();
    let (on_b, on_c) = futures_util::future::join(
        b.wait_for_stored_phone_login(&id, true, &Cancellation::new(), |_| {}),
        c.wait_for_stored_phone_login(&id, true, &Cancellation::new(), |_| {}),
    )
    .await;
    let (done, other) = match (on_b, on_c) {
        (Ok(done), Err(other)) | (Err(other), Ok(done)) => (done, other),
        outcomes => panic!("expected one completion and one refusal, got {outcomes:?}"),
    };
    assert!(matches!(done, PhoneLoginOutcome::Completed(ref login) if login.userinfo.is_some()), "{done:?}");
    assert_eq!(other.code(), ErrorCode::StateMismatch, "{other}");
    // One poll at a time, never closer than the interval, however many instances wait.
    let polls = arrivals(&emulator, TOKEN_ENDPOINT);
    assert!((1..=3).contains(&polls.len()), "{polls:?}");
    assert!(polls.windows(2).all(|pair| pair[1] - pair[0] >= 950), "polls closer than the interval: {polls:?}");
    assert!(redis.entries("test:phone-*").is_empty(), "the ended login left the store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_login_wait_stopped_on_one_instance_goes_on_from_another() {
    let (redis, emulator) = (RedisServer::start(), quick_phone_emulator());
    let store = store_at(&redis.url());
    let a = instance(&emulator, &store);
    let login = a.start_phone_login(&phone_request(PHONE_APPROVES)).await.unwrap();
    let cancel = Cancellation::new();
    let stopper = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1300)).await;
        stopper.cancel();
    });
    let stopped = a.wait_for_stored_phone_login(login.auth_req_id(), false, &cancel, |_| {}).await.unwrap();
    assert!(matches!(stopped, PhoneLoginOutcome::Stopped), "{stopped:?}");
    let mut polls_seen = Vec::new();
    let (b, endless) = (instance(&emulator, &store), Cancellation::new());
    let done = b.wait_for_stored_phone_login(login.auth_req_id(), false, &endless, |p| polls_seen.push(p.polls));
    assert!(matches!(done.await.unwrap(), PhoneLoginOutcome::Completed(_)));
    assert_eq!(polls_seen.first(), Some(&1), "B went on from A's poll count: {polls_seen:?}");
    let polls = arrivals(&emulator, TOKEN_ENDPOINT);
    assert!(polls.windows(2).all(|pair| pair[1] - pair[0] >= 950), "polls closer than the interval: {polls:?}");
}
