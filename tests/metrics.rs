//! The metrics against the emulator over real HTTP: a scripted scenario yields exactly the
//! expected counts; the series stay the same in number however many merchants; no label or
//! value carries a secret or personal data. The counts are the process's, so each test reads
//! what changed during it, one test at a time.

mod common;
use common::*;
use futures_util::stream::{self, StreamExt};
use serde_json::json;
use vipps_auth::metrics::MetricsSnapshot;
use vipps_auth::{metrics, metrics_prometheus, Credentials, LoginOutcome, MerchantCredentials};

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What changed since `before`, series by series.
struct Changes {
    before: MetricsSnapshot,
    after: MetricsSnapshot,
}

impl Changes {
    fn of(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.after.value(name, labels) - self.before.value(name, labels)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scripted_scenario_yields_exactly_the_expected_counts() {
    let _one = ONE_AT_A_TIME.lock().await;
    let before = metrics();

    // Tokens: three fetches, the first after two 503s; a cached get; one invalid_client.
    let emulator = emulator();
    let tokens = manager(&emulator);
    emulator.inject(Fault::status(STANDARD, 503, 2));
    tokens.access_token(&merchant()).await.unwrap();
    tokens.access_token(&merchant()).await.unwrap();
    tokens.access_token(&specialized()).await.unwrap();
    tokens.invalidate(&merchant());
    tokens.access_token(&merchant()).await.unwrap();
    let refused = tokens.access_token(&merchant_with("wrong-secret", DEFAULT_SUBSCRIPTION_KEY)).await;
    assert_eq!(refused.unwrap_err().code(), vipps_auth::ErrorCode::ServerRefused);

    // Five logins: three completed, one cancelled, one with an ID token for another audience.
    let client = login_client(&emulator);
    for _ in 0..3 {
        assert!(matches!(browser_login(&client, "name").await.unwrap(), LoginOutcome::Completed(_)));
    }
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = consent(&emulator, &authorization.url, "cancel").await;
    assert!(matches!(
        client.complete(&authorization.pending, &callback, true).await,
        Ok(LoginOutcome::Cancelled { .. })
    ));
    tamper(&emulator, json!({"claims": {"aud": "someone-else"}})).await;
    assert!(browser_login(&client, "name").await.is_err());

    // One phone login, with a slow_down on its first poll.
    let phone_emulator = emulator_with(EmulatorConfig {
        phone_login: PhoneLoginConfig {
            interval: std::time::Duration::from_secs(1),
            approval_delay: std::time::Duration::from_secs(2),
            ..Default::default()
        },
        ..Default::default()
    });
    let mut fault = Fault::status(TOKEN_ENDPOINT, 400, 1);
    fault.body = Some(r#"{"error":"slow_down"}"#.into());
    phone_emulator.inject(fault);
    let phone_client = login_client(&phone_emulator);
    let login = phone_client.start_phone_login(&phone_request(PHONE_APPROVES)).await.unwrap();
    let outcome = phone_client.wait_for_phone_login(&login, false, &Cancellation::new(), |_| {}).await.unwrap();
    assert!(matches!(outcome, PhoneLoginOutcome::Completed(_)), "{outcome:?}");
    let polls = phone_emulator.count(TOKEN_ENDPOINT) as f64;

    let changes = Changes { before, after: metrics() };
    let requests = "vipps_auth_requests_total";
    let token = |outcome| changes.of(requests, &[("endpoint", "access_token"), ("outcome", outcome)]);
    assert_eq!([token("2xx"), token("5xx"), token("4xx")], [2.0, 2.0, 1.0]);
    assert_eq!(changes.of(requests, &[("endpoint", "specialized_token"), ("outcome", "2xx")]), 1.0);
    assert_eq!(changes.of("vipps_auth_retries_total", &[("endpoint", "access_token")]), 2.0);
    assert_eq!(changes.of("vipps_auth_retry_after_waits_total", &[]), 0.0);
    let gets = |level| changes.of("vipps_auth_token_gets_total", &[("level", level)]);
    assert_eq!([gets("cached"), gets("stale"), gets("fetched")], [1.0, 0.0, 4.0]);
    assert_eq!(changes.of("vipps_auth_token_errors_total", &[("kind", "server_refused")]), 1.0);
    assert_eq!(changes.of("vipps_auth_token_errors_total", &[]), 1.0);

    let logins = |event| changes.of("vipps_auth_logins_total", &[("event", event)]);
    assert_eq!([logins("started"), logins("completed"), logins("cancelled"), logins("failed")], [5.0, 3.0, 1.0, 1.0]);
    assert_eq!(changes.of("vipps_auth_id_token_refusals_total", &[("rule", "audience")]), 1.0);
    assert_eq!(changes.of("vipps_auth_id_token_refusals_total", &[]), 1.0);
    assert_eq!(changes.of(requests, &[("endpoint", "login_token"), ("outcome", "2xx")]), 4.0);
    assert_eq!(changes.of(requests, &[("endpoint", "userinfo")]), 3.0);
    // One discovery and one JWKS per emulator: the login client and the phone-login client.
    assert_eq!(changes.of(requests, &[("endpoint", "discovery")]), 2.0);
    assert_eq!(changes.of(requests, &[("endpoint", "jwks")]), 2.0);

    let phone = |event| changes.of("vipps_auth_phone_logins_total", &[("event", event)]);
    assert_eq!([phone("started"), phone("completed"), phone("declined"), phone("expired")], [1.0, 1.0, 0.0, 0.0]);
    assert_eq!(changes.of("vipps_auth_phone_slow_downs_total", &[]), 1.0);
    assert_eq!(changes.of(requests, &[("endpoint", "phone_poll")]), polls);
    assert_eq!(changes.of(requests, &[("endpoint", "phone_poll"), ("outcome", "4xx")]), polls - 1.0);

    // Each attempt is timed: the histogram counts as many as were sent.
    let sent = changes.of(requests, &[("endpoint", "access_token")]);
    assert_eq!(changes.of("vipps_auth_request_duration_seconds_count", &[("endpoint", "access_token")]), sent);
    let all = changes.of("vipps_auth_request_duration_seconds_bucket", &[("endpoint", "access_token"), ("le", "+Inf")]);
    assert_eq!(all, sent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_series_stay_the_same_for_ten_thousand_merchants_as_for_one() {
    let _one = ONE_AT_A_TIME.lock().await;
    let emulator = emulator_with(EmulatorConfig { merchants: 10_000, ..Default::default() });
    let tokens = manager(&emulator);
    tokens.access_token(&merchant()).await.unwrap();
    let (series, text_lines) = (metrics().series(), metrics_prometheus().lines().count());
    let units: Vec<Credentials> = (0..10_000).map(unit).collect();
    let asks = stream::iter(&units).map(|keys| tokens.access_token(keys)).buffer_unordered(32);
    asks.for_each(|token| async move { token.map(drop).expect("a token") }).await;
    assert_eq!(metrics().series(), series);
    assert_eq!(metrics_prometheus().lines().count(), text_lines);
    let entries = metrics().value("vipps_auth_token_cache_entries", &[]);
    assert!(entries >= 10_001.0, "the gauge counts this manager's entries: {entries}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_label_or_value_carries_a_secret_or_personal_data() {
    let _one = ONE_AT_A_TIME.lock().await;
    let emulator = emulator();
    let token = manager(&emulator).access_token(&merchant()).await.unwrap();
    let login = match browser_login(&login_client(&emulator), "name phoneNumber").await.unwrap() {
        LoginOutcome::Completed(login) => login,
        LoginOutcome::Cancelled { .. } => panic!("cancelled"),
    };
    let text = metrics_prometheus() + &metrics().to_json();
    let config = EmulatorConfig::default();
    let user = vipps_emulator::TestUser::default();
    let secrets = [
        token.value().to_owned(),
        config.client_id.clone(),
        config.client_secret.clone(),
        config.subscription_key.clone(),
        config.msns[0].clone(),
        login.claims.sub.clone(),
        user.phone_number.clone(),
        user.family_name.clone(),
        user.email.clone(),
    ];
    for secret in secrets {
        assert!(!text.contains(&secret), "the metrics carry `{secret}`");
    }
}

/// The keys of registered sales unit `i` (from 0).
fn unit(i: u32) -> Credentials {
    let msn = vipps_emulator::FIRST_MERCHANT_MSN + i;
    MerchantCredentials::new(
        format!("emu-client-id-{msn}"),
        format!("emu-client-secret-{msn}"),
        DEFAULT_SUBSCRIPTION_KEY,
        Some(msn.to_string()),
    )
    .unwrap()
    .into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_named_by_the_application_get_series_of_their_own_up_to_a_hundred() {
    let _one = ONE_AT_A_TIME.lock().await;
    let emulator = emulator();
    let tokens = manager(&emulator);
    let before = metrics();
    let shop = merchant().with_metrics_name("shop-eu").unwrap();
    assert_eq!(shop.metrics_name().as_deref(), Some("shop-eu"));
    tokens.access_token(&shop).await.unwrap();
    let wrong = merchant_with("wrong-secret", DEFAULT_SUBSCRIPTION_KEY).with_metrics_name("shop-eu").unwrap();
    assert!(tokens.access_token(&wrong).await.is_err());
    tokens.access_token(&specialized()).await.unwrap(); // unnamed: counted only in the totals
    let changes = Changes { before, after: metrics() };
    let named = "vipps_auth_credential_token_requests_total";
    assert_eq!(changes.of(named, &[("credential", "shop-eu"), ("outcome", "ok")]), 1.0);
    assert_eq!(changes.of(named, &[("credential", "shop-eu"), ("outcome", "error")]), 1.0);
    assert_eq!(changes.of(named, &[]), 2.0);

    // Never the client id or MSN, nor anything but a plain name.
    for refused in [DEFAULT_CLIENT_ID, DEFAULT_MSN, "other", "", "shop eu", "shop\"eu", &"x".repeat(65)] {
        assert!(merchant().with_metrics_name(refused).is_err(), "{refused:?} was taken");
    }
    // At most a hundred names: the rest count as `other`, and the series stop growing.
    let names: Vec<String> = (0..150).map(|i| format!("unit-{i}")).collect();
    let keys: Vec<Credentials> = names.iter().map(|n| specialized().with_metrics_name(n).unwrap()).collect();
    assert_eq!(keys[149].metrics_name().as_deref(), Some("other"));
    let series = metrics().series();
    for key in &keys {
        tokens.access_token(key).await.unwrap();
    }
    assert_eq!(metrics().series(), series);
    let families = metrics().families;
    let credentials = families.iter().find(|f| f.name == named).unwrap();
    assert!(credentials.samples.len() <= 2 * 101, "{} series", credentials.samples.len());
}
