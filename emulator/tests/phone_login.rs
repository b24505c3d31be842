//! The emulator's login from phone number, spoken to as raw HTTP: both spellings of the form
//! fields and of the login hint, validation, user-exists, and the redirect variant's URL and
//! code.

use std::time::Duration;
use vipps_emulator::{Emulator, EmulatorConfig, PhoneLoginConfig};

const BACKCHANNEL: &str = "/vipps-login-ciba/api/backchannel/authentication";
const TOKEN: &str = "/access-management-1.0/access/oauth2/token";

fn emulator() -> Emulator {
    // Users answer at once and polls may come back to back: each test here polls by hand.
    let phone_login =
        PhoneLoginConfig { approval_delay: Duration::ZERO, interval: Duration::ZERO, ..Default::default() };
    Emulator::start(EmulatorConfig { phone_login, ..Default::default() }).unwrap()
}

async fn post(emulator: &Emulator, path: &str, form: &str) -> (u16, serde_json::Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}{path}", emulator.base_url()))
        .basic_auth("emu-client-id", Some("emu-client-secret"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap();
    (answer.status().as_u16(), answer.json().await.unwrap())
}

#[tokio::test]
async fn a_start_in_camel_case_with_the_old_hint_format_is_accepted() {
    let emulator = emulator();
    let (status, answer) = post(&emulator, BACKCHANNEL, "loginHint=urn:mobilenumber:12345678&scope=openid").await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["expires_in"].as_u64(), Some(600));
    let poll =
        format!("grant_type=urn:openid:params:grant-type:ciba&auth_req_id={}", answer["auth_req_id"].as_str().unwrap());
    let (status, tokens) = post(&emulator, TOKEN, &poll).await;
    assert_eq!(status, 200, "{tokens}");
    assert!(tokens["access_token"].as_str().unwrap().starts_with("ciba."));
    assert_eq!(tokens["token_type"], "Bearer");
    let (status, again) = post(&emulator, TOKEN, &poll).await;
    assert_eq!((status, again["error"].as_str()), (400, Some("invalid_grant")), "answered once");
}

#[tokio::test]
async fn malformed_starts_are_refused_with_invalid_request() {
    let emulator = emulator();
    for form in [
        "login_hint=4712345678&scope=openid",
        "login_hint=urn:msisdn:4712345678",
        "login_hint=urn:msisdn:4712345678&scope=openid&binding_message=abc",
        "login_hint=urn:msisdn:4712345678&scope=openid&requested_expiry=30",
        "login_hint=urn:msisdn:4712345678&scope=openid&requested_flow=login_to_webpage&redirect_uri=https://evil.example/cb",
        "login_hint=urn:msisdn:4712345678&scope=name&requested_flow=login_to_webpage&redirect_uri=https://example.com/app/callback",
    ] {
        let (status, answer) = post(&emulator, BACKCHANNEL, form).await;
        assert_eq!((status, answer["error"].as_str()), (400, Some("invalid_request")), "{form}");
    }
}

#[tokio::test]
async fn user_exists_and_the_redirect_variant_as_the_phone_sees_it() {
    let emulator = emulator();
    let exists = |hint: &'static str| post(&emulator, "/vipps-login-ciba/api/v1/user-exists", hint);
    assert_eq!(exists("login_hint=urn:msisdn:4712345678").await.1["exists"], true);
    assert_eq!(exists("login_hint=urn:msisdn:4799999999").await.1["exists"], false);
    let form = "login_hint=urn:msisdn:4712345678&scope=openid%20name&requested_flow=login_to_webpage\
                &redirect_uri=https://example.com/app/callback&state=s-123456";
    let (status, started) = post(&emulator, BACKCHANNEL, form).await;
    assert_eq!(status, 200, "{started}");
    let opened = emulator.phone_redirects();
    assert_eq!(opened.len(), 1);
    let url = url_of(&opened[0]);
    assert_eq!(url["state"], "s-123456");
    let redeem = format!("grant_type=urn:vipps:params:grant-type:ciba-redirect&code={}", url["code"]);
    let (status, tokens) = post(&emulator, TOKEN, &redeem).await;
    assert_eq!(status, 200, "{tokens}");
    let claims = claims_of(tokens["id_token"].as_str().unwrap());
    assert_eq!(claims.0["alg"], "ES256");
    assert_eq!(claims.1["authReqId"], started["auth_req_id"]);
    assert_eq!(claims.1["aud"], "emu-client-id", "a string, as in Vipps' example");
    assert_eq!(post(&emulator, TOKEN, &redeem).await.0, 400, "the code works once");
}

fn url_of(url: &str) -> std::collections::HashMap<String, String> {
    let query = url.split_once('?').unwrap().1;
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

fn claims_of(token: &str) -> (serde_json::Value, serde_json::Value) {
    use base64::Engine;
    let part = |i: usize| {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.split('.').nth(i).unwrap()).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    (part(0), part(1))
}
