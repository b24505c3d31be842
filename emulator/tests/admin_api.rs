//! The admin API over real HTTP, as scripts in other languages use it.

use serde_json::{json, Value};
use vipps_emulator::{Emulator, EmulatorConfig};

#[tokio::test]
async fn log_faults_and_reset() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let base = emulator.base_url().to_owned();
    let http = reqwest::Client::new();
    let token = |msn: &'static str| {
        http.post(format!("{base}/accesstoken/get"))
            .header("client_id", "emu-client-id")
            .header("client_secret", "emu-client-secret")
            .header("Ocp-Apim-Subscription-Key", "emu-subscription-key")
            .header("Merchant-Serial-Number", msn)
            .header("Vipps-System-Name", "admin-test")
            .send()
    };

    let fault = json!({"path": "/accesstoken/get", "count": 2, "status": 503, "retry_after": 1, "body": "busy"});
    let queued = http.post(format!("{base}/_emulator/faults")).json(&fault).send().await.unwrap();
    assert_eq!(queued.status(), 200);
    for _ in 0..2 {
        let answer = token("123456").await.unwrap();
        assert_eq!(answer.status(), 503);
        assert_eq!(answer.headers()["retry-after"], "1");
        assert_eq!(answer.text().await.unwrap(), "busy");
    }
    let ok: Value = token("123456").await.unwrap().json().await.unwrap();
    assert_eq!(ok["expires_in"], "3600", "numeric strings, as Vipps sends them");

    let log: Value = http.get(format!("{base}/_emulator/requests")).send().await.unwrap().json().await.unwrap();
    let requests = log["requests"].as_array().unwrap();
    assert_eq!(requests.iter().map(|r| r["status"].as_u64().unwrap()).collect::<Vec<_>>(), [503, 503, 200]);
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(requests[0]["path"], "/accesstoken/get");
    assert_eq!(
        requests[0]["headers"],
        json!({"Merchant-Serial-Number": "123456", "Vipps-System-Name": "admin-test"}),
        "only MSN and system headers, never credentials"
    );

    http.post(format!("{base}/_emulator/reset")).send().await.unwrap();
    let log: Value = http.get(format!("{base}/_emulator/requests")).send().await.unwrap().json().await.unwrap();
    assert_eq!(log["requests"], json!([]));
}

#[tokio::test]
async fn a_bad_fault_is_refused() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{}/_emulator/faults", emulator.base_url()))
        .json(&json!({"path": "accesstoken", "count": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
}

#[tokio::test]
async fn specialized_endpoint_checks_grant_type_and_refuses_a_subscription_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let url = format!("{}/miami/v1/token", emulator.base_url());
    let http = reqwest::Client::new();
    let basic = "Basic ZW11LWNsaWVudC1pZDplbXUtY2xpZW50LXNlY3JldA=="; // emu-client-id:emu-client-secret
    let missing: Value = http.post(&url).header("authorization", basic).send().await.unwrap().json().await.unwrap();
    assert_eq!(missing["error"], "invalid_request");
    let with_key = http
        .post(&url)
        .header("authorization", basic)
        .header("ocp-apim-subscription-key", "emu-subscription-key")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(with_key.status(), 400);
    let ok: Value = http
        .post(&url)
        .header("authorization", basic)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok["expires_in"], 900);
}

#[tokio::test]
async fn a_fault_shapes_the_real_answer_with_any_header_a_late_body_or_a_cut() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let base = emulator.base_url().to_owned();
    let http = reqwest::Client::new();
    let discovery = format!("{base}/access-management-1.0/access/.well-known/openid-configuration");
    let fault = |fault: Value| {
        let http = http.clone();
        let url = format!("{base}/_emulator/faults");
        async move { assert_eq!(http.post(url).json(&fault).send().await.unwrap().status(), 200) }
    };
    let path = "/access-management-1.0/access/.well-known/openid-configuration";

    fault(json!({"path": path, "headers": {"cache-control": "max-age=-5", "retry-after": "soon"}})).await;
    let answer = http.get(&discovery).send().await.unwrap();
    assert_eq!(
        (answer.headers()["cache-control"].to_str().unwrap(), answer.headers()["retry-after"].to_str().unwrap()),
        ("max-age=-5", "soon")
    );
    assert!(answer.json::<Value>().await.unwrap()["issuer"].is_string(), "the real document");

    fault(json!({"path": path, "body_delay_ms": 300})).await;
    let started = std::time::Instant::now();
    let answer = http.get(&discovery).send().await.unwrap();
    let headers_after = started.elapsed();
    answer.bytes().await.unwrap();
    assert!(
        headers_after < std::time::Duration::from_millis(250)
            && started.elapsed() >= std::time::Duration::from_millis(300)
    );

    fault(json!({"path": path, "truncate_body_at": 10})).await;
    let answer = http.get(&discovery).send().await.unwrap();
    assert!(answer.bytes().await.is_err(), "the connection is cut after 10 bytes");

    fault(json!({"path": path, "headers": {"content-length": "5"}})).await;
    assert_eq!(http.get(&discovery).send().await.unwrap().bytes().await.unwrap().len(), 5, "a short Content-Length");
}
