//! Login from phone number (CIBA) against the emulator over real HTTP: every outcome of a
//! wait, the polling rules proven by the emulator's arrival times, cancellation, the webhook
//! and redirect variants, and the typed refusals.

mod common;
use common::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vipps_auth::phone::WaitStatus;
use vipps_auth::{Error, ErrorCode, PhoneRefusal};

const CIBA: &str = "/vipps-login-ciba/api/backchannel/authentication";

async fn start(client: &LoginClient, phone: &str) -> PhoneLogin {
    client.start_phone_login(&phone_request(phone)).await.expect("the phone login starts")
}

async fn wait(client: &LoginClient, login: &PhoneLogin) -> (PhoneLoginOutcome, Vec<PhoneLoginProgress>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let outcome = client
        .wait_for_phone_login(login, true, &Cancellation::new(), move |p| log.lock().unwrap().push(p.clone()))
        .await
        .unwrap();
    let seen = seen.lock().unwrap().clone();
    (outcome, seen)
}

fn completed(outcome: PhoneLoginOutcome) -> Box<vipps_auth::login::CompletedLogin> {
    match outcome {
        PhoneLoginOutcome::Completed(login) => login,
        other => panic!("expected a completed login, got {other:?}"),
    }
}

/// Polls every second, approves after two; logins live long enough for a slow_down.
fn patient_phone_emulator() -> Emulator {
    let phone_login = PhoneLoginConfig {
        interval: Duration::from_secs(1),
        approval_delay: Duration::from_secs(2),
        ..Default::default()
    };
    emulator_with(EmulatorConfig { phone_login, ..Default::default() })
}

/// The next poll is answered `slow_down`.
fn slow_down_once(emulator: &Emulator) {
    let mut fault = Fault::status(TOKEN_ENDPOINT, 400, 1);
    fault.body = Some(r#"{"error":"slow_down","error_description":"Polling too fast"}"#.into());
    emulator.inject(fault);
}

/// Gaps between successive arrivals, in ms.
fn gaps(times: &[u64]) -> Vec<u64> {
    times.windows(2).map(|pair| pair[1] - pair[0]).collect()
}

#[tokio::test]
async fn an_approved_phone_login_is_verified_and_polled_no_faster_than_the_interval() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let mut request = phone_request("+47 123 45 678");
    request.binding_message = Some(BindingMessage::generate().unwrap());
    let login = client.start_phone_login(&request).await.unwrap();
    assert_eq!(login.interval(), Duration::from_secs(1));
    assert_eq!(login.phone(), "+47 *** ** 678");
    let (outcome, progress) = wait(&client, &login).await;
    let done = completed(outcome);
    assert_eq!(done.claims.sub, vipps_emulator::TestUser::default().sub);
    assert_eq!(done.claims.aud, [DEFAULT_CLIENT_ID]);
    assert_eq!(done.userinfo.unwrap().phone_number.as_deref(), Some(PHONE_APPROVES));
    assert_eq!(progress[0].status, WaitStatus::Started);
    assert!(progress.iter().any(|p| p.status == WaitStatus::Pending), "{progress:?}");
    let polls = arrivals(&emulator, TOKEN_ENDPOINT);
    assert!(polls.len() >= 2, "{polls:?}");
    assert!(gaps(&polls).iter().all(|&gap| gap >= 1000), "polled faster than the interval: {polls:?}");
    assert!(polls[0] - arrivals(&emulator, CIBA)[0] >= 1000, "the first poll came before the interval");
}

#[tokio::test]
async fn a_declined_login_is_cancelled_and_an_unanswered_one_expires() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let declined = start(&client, PHONE_DECLINES).await;
    assert!(matches!(wait(&client, &declined).await.0, PhoneLoginOutcome::Cancelled { .. }));

    let unanswered = start(&client, PHONE_NEVER_ANSWERS).await;
    let before = emulator.count(TOKEN_ENDPOINT);
    let started = std::time::Instant::now();
    assert!(matches!(wait(&client, &unanswered).await.0, PhoneLoginOutcome::Expired));
    assert!(started.elapsed() >= Duration::from_millis(3500), "returned before the expiry");
    // Polls at 1, 2 and 3 s; one at 4 s would come at the expiry, so it is not sent.
    assert_eq!(emulator.count(TOKEN_ENDPOINT) - before, 3);
}

#[tokio::test]
async fn the_servers_expired_token_ends_the_wait_as_expired() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_NEVER_ANSWERS).await;
    let mut fault = Fault::status(TOKEN_ENDPOINT, 400, 1);
    fault.body = Some(r#"{"error":"expired_token","error_description":"The request has expired"}"#.into());
    emulator.inject(fault);
    assert!(matches!(wait(&client, &login).await.0, PhoneLoginOutcome::Expired));
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 1);
}

#[tokio::test]
async fn slow_down_adds_five_seconds_to_every_later_poll() {
    let emulator = patient_phone_emulator();
    let client = login_client(&emulator);
    let login = client.start_phone_login(&phone_request(PHONE_APPROVES)).await.unwrap();
    slow_down_once(&emulator);
    let (outcome, progress) = wait(&client, &login).await;
    completed(outcome);
    assert!(progress.iter().any(|p| p.status == WaitStatus::SlowedDown && p.interval == Duration::from_secs(6)));
    let polls = arrivals(&emulator, TOKEN_ENDPOINT);
    assert_eq!(polls.len(), 2, "{polls:?}");
    assert!(gaps(&polls)[0] >= 6000, "the poll after slow_down came too soon: {polls:?}");
}

/// Waits in `slice`s, as a till's UI loop does, until the login ends; how many slices it took.
async fn wait_in_slices(client: &LoginClient, login: &PhoneLogin, slice: Duration) -> (PhoneLoginOutcome, u32) {
    let cancel = Cancellation::new();
    for slices in 1..=200 {
        let wait = client.wait_for_phone_login(login, false, &cancel, |_| {});
        if let Ok(outcome) = tokio::time::timeout(slice, wait).await {
            return (outcome.unwrap(), slices);
        }
    }
    panic!("the login did not end in 200 slices of {slice:?}")
}

#[tokio::test]
async fn waits_cut_short_resume_one_schedule_however_they_are_sliced() {
    for slice in [100, 300, 1000] {
        let emulator = quick_phone_emulator(); // poll every 1 s, approved after 2 s
        let client = login_client(&emulator);
        let login = start(&client, PHONE_APPROVES).await;
        let (outcome, slices) = wait_in_slices(&client, &login, Duration::from_millis(slice)).await;
        completed(outcome);
        let polls = arrivals(&emulator, TOKEN_ENDPOINT);
        assert!(polls[0] - arrivals(&emulator, CIBA)[0] >= 1000, "{slice} ms: first poll before the interval");
        assert!(gaps(&polls).iter().all(|&gap| gap >= 1000), "{slice} ms slices polled too fast: {polls:?}");
        assert!(polls.len() <= 4, "{slice} ms: {polls:?}");
        assert!(slices as u64 * slice <= 8000, "{slice} ms: {slices} slices");
    }
}

#[tokio::test]
async fn a_slow_down_is_remembered_by_the_next_wait() {
    let emulator = patient_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_APPROVES).await;
    slow_down_once(&emulator);
    completed(wait_in_slices(&client, &login, Duration::from_millis(300)).await.0);
    let polls = arrivals(&emulator, TOKEN_ENDPOINT);
    assert_eq!(polls.len(), 2, "{polls:?}");
    assert!(gaps(&polls)[0] >= 6000, "a later wait forgot the slow_down: {polls:?}");
}

#[tokio::test]
async fn an_answer_that_arrives_after_the_timeout_goes_to_the_next_wait() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_APPROVES).await;
    tokio::time::sleep(Duration::from_millis(2100)).await; // approved; the first poll is due
                                                           // The poll that carries the tokens is slower than the wait: its answer must not be lost.
    emulator.inject(Fault { delay_ms: 700, status: None, ..Fault::status(TOKEN_ENDPOINT, 0, 1) });
    let cancel = Cancellation::new();
    let wait = client.wait_for_phone_login(&login, false, &cancel, |_| {});
    assert!(tokio::time::timeout(Duration::from_millis(300), wait).await.is_err(), "timed out mid-poll");
    let (outcome, _) = wait_in_slices(&client, &login, Duration::from_millis(1000)).await;
    completed(outcome);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 1, "one poll, its answer kept for the next wait");
}

#[tokio::test]
async fn the_emulator_itself_answers_slow_down_to_a_client_that_polls_too_fast() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_NEVER_ANSWERS).await;
    let poll = || {
        reqwest::Client::new()
            .post(format!("{}{TOKEN_ENDPOINT}", emulator.base_url()))
            .basic_auth(DEFAULT_CLIENT_ID, Some(vipps_emulator::DEFAULT_CLIENT_SECRET))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("grant_type=urn:openid:params:grant-type:ciba&auth_req_id={}", login.auth_req_id()))
            .send()
    };
    let first: serde_json::Value = poll().await.unwrap().json().await.unwrap();
    assert_eq!(first["error"], "authorization_pending");
    let second: serde_json::Value = poll().await.unwrap().json().await.unwrap();
    assert_eq!(second["error"], "slow_down");
}

#[tokio::test]
async fn busy_answers_are_waited_out_honouring_retry_after() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_APPROVES).await;
    let mut fault = Fault::status(TOKEN_ENDPOINT, 503, 1);
    fault.retry_after = Some(2);
    emulator.inject(fault);
    let (outcome, progress) = wait(&client, &login).await;
    completed(outcome);
    assert!(progress.iter().any(|p| p.status == WaitStatus::Retrying));
    let polls = arrivals(&emulator, TOKEN_ENDPOINT);
    assert_eq!(statuses(&emulator, TOKEN_ENDPOINT)[0], 503);
    assert!(gaps(&polls)[0] >= 2000, "Retry-After was not honoured: {polls:?}");
}

#[tokio::test]
async fn cancelling_stops_the_wait_and_nothing_is_sent_after() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_NEVER_ANSWERS).await;
    let cancel = Cancellation::new();
    let canceller = cancel.clone();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        canceller.cancel();
    });
    let outcome = client.wait_for_phone_login(&login, false, &cancel, |_| {}).await.unwrap();
    stopper.join().unwrap();
    assert!(matches!(outcome, PhoneLoginOutcome::Stopped));
    let polls = emulator.count(TOKEN_ENDPOINT);
    assert_eq!(polls, 1, "one poll at 1 s, none after the cancel at 1.5 s");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(emulator.count(TOKEN_ENDPOINT), polls, "a request was sent after cancelling");
    let again = client.wait_for_phone_login(&login, false, &cancel, |_| {}).await.unwrap();
    assert!(matches!(again, PhoneLoginOutcome::Stopped), "a cancelled signal stays cancelled");
}

#[tokio::test]
async fn a_webhook_ping_completes_the_login_with_one_request() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let login = start(&client, PHONE_APPROVES).await;
    let early = client.complete_phone_login_now(login.auth_req_id(), false).await.unwrap();
    assert!(matches!(early, PhoneLoginOutcome::Pending));
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let ping = format!(r#"{{"auth_req_id":"{}"}}"#, login.auth_req_id());
    let id = vipps_auth::phone::parse_phone_login_ping(ping.as_bytes()).unwrap();
    // A server instance that only has the stored login finishes it.
    let restored = PhoneLogin::restore(login.serialize().expose()).unwrap();
    assert_eq!(restored.auth_req_id(), id);
    completed(client.complete_phone_login_now(&id, true).await.unwrap());
    assert_eq!(emulator.count(TOKEN_ENDPOINT), 2);
}

#[tokio::test]
async fn the_redirect_variant_redeems_the_phones_code_once_and_checks_auth_req_id() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let mut request = phone_request(PHONE_APPROVES);
    request.redirect_uri = Some(REDIRECT_URI.into());
    let first = client.start_phone_login(&request).await.unwrap();
    let second = client.start_phone_login(&request).await.unwrap();
    let waiting = client.wait_for_phone_login(&first, false, &Cancellation::new(), |_| {}).await;
    assert_eq!(waiting.unwrap_err().code(), ErrorCode::Configuration);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let opened = emulator.phone_redirects();
    assert_eq!(opened.len(), 2);
    assert!(opened.iter().all(|url| url.starts_with(&format!("{REDIRECT_URI}?code="))), "{opened:?}");

    // Another server instance finishes it from the stored login.
    let restored = PhoneLogin::restore(first.serialize().expose()).unwrap();
    let done = completed(client.complete_phone_redirect(&restored, &opened[0], true).await.unwrap());
    assert_eq!(done.claims.other["authReqId"], first.auth_req_id());
    assert!(done.userinfo.is_some());
    let exchanges = emulator.count(TOKEN_ENDPOINT);
    let replay = client.complete_phone_redirect(&first, &opened[0], true).await.unwrap_err();
    assert_eq!(replay.code(), ErrorCode::StateMismatch);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), exchanges, "a code was sent again");

    // A forged redirect (a code, no state) is refused before anything is sent, and burns
    // nothing: the real redirect completes the login afterwards.
    let forged = client.complete_phone_redirect(&second, &format!("{REDIRECT_URI}?code=junk"), false).await;
    assert_eq!(forged.unwrap_err().code(), ErrorCode::StateMismatch);
    let wrong_state = format!("{}&state=not-this-logins", opened[1].split("&state=").next().unwrap());
    let error = client.complete_phone_redirect(&second, &wrong_state, false).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::StateMismatch);
    assert_eq!(emulator.count(TOKEN_ENDPOINT), exchanges, "a forged redirect reached the token endpoint");
    completed(client.complete_phone_redirect(&second, &opened[1], false).await.unwrap());

    // One login's code under another's state: the token names the first one's auth_req_id.
    let (third, _fourth) = (start_redirect(&client, &request).await, start_redirect(&client, &request).await);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let opened = emulator.phone_redirects();
    let third_state = opened[2].split("&state=").nth(1).unwrap();
    let swapped = format!("{}&state={third_state}", opened[3].split("&state=").next().unwrap());
    match client.complete_phone_redirect(&third, &swapped, false).await.unwrap_err() {
        Error::IdToken { rule, .. } => assert_eq!(rule, vipps_auth::IdTokenRule::AuthReqId),
        other => panic!("expected an auth_req_id refusal, got {other}"),
    }
}

async fn start_redirect(client: &LoginClient, request: &PhoneLoginRequest) -> PhoneLogin {
    client.start_phone_login(request).await.unwrap()
}

#[tokio::test]
async fn a_declined_redirect_is_cancelled() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let mut request = phone_request(PHONE_DECLINES);
    request.redirect_uri = Some(REDIRECT_URI.into());
    let login = client.start_phone_login(&request).await.unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let opened = emulator.phone_redirects();
    let outcome = client.complete_phone_redirect(&login, &opened[0], true).await.unwrap();
    assert!(matches!(outcome, PhoneLoginOutcome::Cancelled { .. }));
}

#[tokio::test]
async fn refusals_are_typed_whichever_field_carries_them() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let refusal = |error: Error| match error {
        Error::PhoneLogin { reason, retry_after, .. } => (reason, retry_after),
        other => panic!("expected a phone-login refusal, got {other}"),
    };
    let client = &client;
    let refused = |phone: &'static str| async move { client.start_phone_login(&phone_request(phone)).await };
    assert_eq!(refusal(refused("+47 99 99 99 99").await.unwrap_err()).0, PhoneRefusal::UnknownUser);
    assert_eq!(refusal(refused(vipps_emulator::PHONE_INELIGIBLE).await.unwrap_err()).0, PhoneRefusal::UnknownUser);
    let old = refused(vipps_emulator::PHONE_OLD_APP).await.unwrap_err();
    assert_eq!(old.code(), ErrorCode::PhoneLoginRefused);
    assert!(old.hint().contains("update"), "{}", old.hint());
    for _ in 0..3 {
        start(client, PHONE_NEVER_ANSWERS).await;
    }
    let (reason, retry_after) = refusal(refused(PHONE_NEVER_ANSWERS).await.unwrap_err());
    assert_eq!((reason, retry_after), (PhoneRefusal::TooManyLogins, Some(Duration::from_secs(10))));
    assert_eq!(statuses(&emulator, CIBA).last(), Some(&429));
    assert_eq!(statuses(&emulator, CIBA).len(), 7, "a refused start was sent again");
}

#[tokio::test]
async fn bad_requests_are_refused_before_anything_is_sent() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let mut request = phone_request(PHONE_APPROVES);
    request.requested_expiry = Some(Duration::from_secs(30));
    assert_eq!(client.start_phone_login(&request).await.unwrap_err().code(), ErrorCode::Configuration);
    request.requested_expiry = Some(Duration::from_secs(120));
    request.redirect_uri = Some("https://example.com/callback#fragment".into());
    assert_eq!(client.start_phone_login(&request).await.unwrap_err().code(), ErrorCode::Configuration);
    assert_eq!(emulator.count(CIBA), 0);
    request.redirect_uri = None;
    let login = client.start_phone_login(&request).await.unwrap();
    // The emulator caps expiry at 4 s for speed; the request asked for 120 s.
    assert!(login.remaining() <= Duration::from_secs(4));
    let plain = emulator_with(EmulatorConfig::default());
    let login = login_client(&plain).start_phone_login(&request).await.unwrap();
    assert!((115..=120).contains(&login.remaining().as_secs()), "{:?}", login.remaining());
}

#[tokio::test]
async fn partners_and_client_secret_post_start_and_finish_phone_logins() {
    let emulator = quick_phone_emulator();
    let partner = LoginClient::new(config_for(&emulator), partner_auth()).unwrap();
    let login = start(&partner, PHONE_APPROVES).await;
    let done = completed(wait(&partner, &login).await.0);
    assert_eq!(done.claims.msn.as_deref(), Some(DEFAULT_MSN));
    let starts: Vec<_> = emulator.requests().into_iter().filter(|r| r.path == CIBA).collect();
    assert_eq!(starts[0].headers.get("Merchant-Serial-Number").map(String::as_str), Some(DEFAULT_MSN));

    let post = LoginAuth::ClientSecretPost {
        client_id: vipps_emulator::DEFAULT_POST_CLIENT_ID.into(),
        client_secret: vipps_emulator::DEFAULT_POST_CLIENT_SECRET.into(),
    };
    let client = LoginClient::new(config_for(&emulator), post).unwrap();
    completed(wait(&client, &start(&client, PHONE_APPROVES).await).await.0);
}

#[tokio::test]
async fn user_exists_answers_for_known_and_unknown_numbers() {
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    assert!(client.user_exists(&PhoneNumber::parse("+47 123 45 678").unwrap()).await.unwrap());
    assert!(!client.user_exists(&PhoneNumber::parse("+45 12 34 56 78").unwrap()).await.unwrap());
    assert!(!client.user_exists(&PhoneNumber::parse(vipps_emulator::PHONE_INELIGIBLE).unwrap()).await.unwrap());
}

#[tokio::test]
async fn the_phone_number_never_appears_in_logs_errors_or_debug_output() {
    capture_logs();
    let emulator = quick_phone_emulator();
    let client = login_client(&emulator);
    let mut request = phone_request("+47 123 45 678");
    request.binding_message = Some(BindingMessage::new("AB-123").unwrap());
    let login = client.start_phone_login(&request).await.unwrap();
    completed(wait(&client, &login).await.0);
    let refused = client.start_phone_login(&phone_request("+47 99 88 77 66")).await.unwrap_err();
    let shown = format!("{request:?} {login:?} {refused} {refused:?} {}\n{}", refused.hint(), captured_logs());
    assert!(captured_logs().contains("+47 *** ** 678"), "the masked number is logged");
    for digits in ["12345678", "99887766", "4712345678"] {
        assert!(!shown.contains(digits), "`{digits}` leaked: {shown}");
    }
}
