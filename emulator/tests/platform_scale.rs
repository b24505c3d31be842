//! Registered sales units and phone users, spoken to as raw HTTP: each unit's keys act for
//! its own MSN only, the partner keys for every unit, the admin API adds more at run time, and
//! a registered user approves a phone login as itself.

use base64::Engine;
use serde_json::{json, Value};
use std::time::Duration;
use vipps_emulator::{Emulator, EmulatorConfig, PhoneLoginConfig};

const TOKEN: &str = "/access-management-1.0/access/oauth2/token";

fn emulator(merchants: u32, users: u32) -> Emulator {
    let phone_login =
        PhoneLoginConfig { approval_delay: Duration::ZERO, interval: Duration::ZERO, ..Default::default() };
    Emulator::start(EmulatorConfig { merchants, users, phone_login, ..Default::default() }).unwrap()
}

/// The status of `/accesstoken/get` with these keys and MSN.
async fn token_status(emulator: &Emulator, keys: (&str, &str, &str), msn: &str) -> u16 {
    let (client_id, client_secret, subscription_key) = keys;
    reqwest::Client::new()
        .post(format!("{}/accesstoken/get", emulator.base_url()))
        .header("client_id", client_id)
        .header("client_secret", client_secret)
        .header("Ocp-Apim-Subscription-Key", subscription_key)
        .header("Merchant-Serial-Number", msn)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn admin(emulator: &Emulator, what: &str, body: Value) -> (u16, Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}/_emulator/{what}", emulator.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    (answer.status().as_u16(), answer.json().await.unwrap())
}

const PARTNER: (&str, &str, &str) =
    ("emu-partner-client-id", "emu-partner-client-secret", "emu-partner-subscription-key");

#[tokio::test]
async fn a_units_keys_act_for_its_own_msn_and_the_partners_for_every_unit() {
    let emulator = emulator(100_000, 0);
    let unit = |msn: &'static str| -> (String, String) {
        (format!("emu-client-id-{msn}"), format!("emu-client-secret-{msn}"))
    };
    let (id, secret) = unit("200000");
    assert_eq!(token_status(&emulator, (&id, &secret, "emu-subscription-key"), "200000").await, 200);
    assert_eq!(token_status(&emulator, (&id, &secret, "emu-subscription-key"), "100001").await, 403);
    assert_eq!(token_status(&emulator, (&id, "emu-client-secret-100001", "emu-subscription-key"), "200000").await, 401);
    assert_eq!(token_status(&emulator, PARTNER, "150000").await, 200);
    assert_eq!(token_status(&emulator, PARTNER, "200001").await, 403, "past the registered range");
    let (id, secret) = unit("200001");
    assert_eq!(token_status(&emulator, (&id, &secret, "emu-subscription-key"), "200001").await, 400, "unknown client");
}

#[tokio::test]
async fn the_admin_api_registers_more_at_run_time() {
    let emulator = emulator(0, 0);
    let keys = ("emu-client-id-100002", "emu-client-secret-100002", "emu-subscription-key");
    assert_eq!(token_status(&emulator, keys, "100002").await, 400);
    let (status, range) = admin(&emulator, "merchants", json!({"add": 2})).await;
    assert_eq!((status, &range), (200, &json!({"merchants": 2, "first_msn": 100001, "last_msn": 100002})));
    assert_eq!(token_status(&emulator, keys, "100002").await, 200);
    let (status, range) = admin(&emulator, "users", json!({"add": 5})).await;
    assert_eq!((status, &range), (200, &json!({"users": 5, "first_phone": "4790000001", "last_phone": "4790000005"})));
    assert_eq!(admin(&emulator, "merchants", json!({"add": 900_000})).await.0, 400, "MSNs have six digits");
    assert_eq!(admin(&emulator, "users", json!({"add": -1})).await.0, 400);
}

#[tokio::test]
async fn a_registered_user_approves_a_phone_login_as_itself_for_the_units_msn() {
    let emulator = emulator(3, 2);
    let http = reqwest::Client::new();
    let post = |path: &str, form: String| {
        http.post(format!("{}{path}", emulator.base_url()))
            .basic_auth("emu-client-id-100003", Some("emu-client-secret-100003"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
    };
    let start = |phone: &'static str| {
        post("/vipps-login-ciba/api/backchannel/authentication", format!("login_hint=urn:msisdn:{phone}&scope=openid"))
    };
    assert_eq!(start("4790000003").await.unwrap().status(), 400, "only two users are registered");
    let started: Value = start("4790000002").await.unwrap().json().await.unwrap();
    let form = format!(
        "grant_type=urn:openid:params:grant-type:ciba&auth_req_id={}",
        started["auth_req_id"].as_str().unwrap()
    );
    let tokens: Value = post(TOKEN, form).await.unwrap().json().await.unwrap();
    let payload = tokens["id_token"].as_str().unwrap().split('.').nth(1).unwrap();
    let claims: Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    assert_eq!(claims["sub"], "c0ffee00-0000-4000-8000-000000000002");
    assert_eq!(claims["msn"], "100003");
    assert_eq!(claims["aud"], json!(["emu-client-id-100003"]));
}
