//! Every public type's text forms (`{:?}`, and `{}` where it has one), made from a real login,
//! phone login and token against the emulator, show no secret, token, code, state, nonce,
//! `sub`, name, e-mail, phone number, address, national id, birth date or password.

mod common;
use common::*;
use vipps_auth::login::{parse_callback, LoginTokens};
use vipps_auth::{
    parse_app_url, AppFlow, CodeHandoff, Config, Credentials, Environment, HttpOptions, MerchantCredentials, Proxy,
    Secret, SpecializedCredentials,
};

const PROXY_PASSWORD: &str = "pr0xy-pa55word";

/// The values of a query parameter in a URL.
fn query(url: &str, name: &str) -> String {
    let parsed = url::Url::parse(url).unwrap();
    parsed.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned()).unwrap()
}

#[tokio::test]
async fn no_text_form_shows_a_secret_or_personal_data() {
    let emulator = emulator();
    let mut forms: Vec<String> = Vec::new();
    macro_rules! debug { ($($value:expr),+) => { $(forms.push(format!("{:?}", $value));)+ } }
    macro_rules! both { ($($value:expr),+) => { $(forms.push(format!("{:?} {}", $value, $value));)+ } }

    // Configuration and keys.
    let proxy = Proxy::Url(format!("http://user:{PROXY_PASSWORD}@proxy.example:3128"));
    let http = HttpOptions { proxy: proxy.clone(), ..Default::default() };
    let config = Config { http: http.clone(), ..Config::new(Environment::Custom(emulator.base_url().into())) };
    let merchant_keys =
        MerchantCredentials::new(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_SUBSCRIPTION_KEY, None).unwrap();
    let specialized_keys = SpecializedCredentials::new(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, None).unwrap();
    both!(proxy, Secret::new(DEFAULT_CLIENT_SECRET));
    debug!(http, config, merchant_keys, specialized_keys, Credentials::from(merchant_keys.clone()), basic_auth());

    // A machine token.
    let tokens = manager(&emulator);
    let token = tokens.access_token(&merchant()).await.unwrap();
    let grant = vipps_auth::token::decode_token_response(
        200,
        format!(r#"{{"access_token":"{}","expires_in":60}}"#, token.value()).as_bytes(),
        std::time::SystemTime::now(),
        &[],
    )
    .unwrap();
    debug!(tokens, token, grant);

    // A browser login, step by step.
    let client = login_client(&emulator);
    let request = login_request("name email phoneNumber address birthDate nin");
    let authorization = client.authorize(&request).await.unwrap();
    let (state, nonce) = (query(&authorization.url, "state"), query(&authorization.url, "nonce"));
    let callback_url = follow(&authorization.url).await;
    let code = query(&callback_url, "code");
    let callback = parse_callback(&callback_url).unwrap();
    debug!(client, request, authorization, authorization.pending, callback);
    let outcome = client.complete(&authorization.pending, &callback_url, true).await.unwrap();
    let LoginOutcome::Completed(login) = &outcome else { panic!("completed") };
    let login_tokens = LoginTokens {
        access_token: login.access_token.clone(),
        id_token: login.id_token.clone(),
        scope: login.scope.clone(),
    };
    debug!(outcome, login, login.claims, login.userinfo, login_tokens);
    let replayed = client.complete(&authorization.pending, &callback_url, true).await.unwrap_err();
    both!(replayed);

    // The phone's side of app-to-app.
    let app = client
        .authorize(&AuthorizeRequest { app_flow: Some(AppFlow::AppToAppV2), ..login_request("name") })
        .await
        .unwrap();
    let app_url = follow(&app.url).await;
    let received = parse_app_url(&app_url, std::slice::from_ref(&app.pending));
    let handoff = CodeHandoff::new(&query(&app_url, "code"), app.pending.state());
    let (app_state, app_code) = (query(&app_url, "state"), query(&app_url, "code"));
    debug!(received, handoff);
    let resume = format!(
        "com.example.app://callback?state={app_state}&resume_uri=https%3A%2F%2Fapi.vipps.no%2Fx%3FtabId%3Dsecret-tab"
    );
    let advanced_pending = client
        .authorize(&AuthorizeRequest {
            app_flow: Some(AppFlow::AppToApp { app_callback_uri: "com.example.app://callback".into() }),
            ..login_request("name")
        })
        .await
        .unwrap()
        .pending;
    debug!(parse_app_url(&resume.replace(&app_state, advanced_pending.state()), &[advanced_pending]));

    // A phone login, approved.
    let user = vipps_emulator::TestUser::default();
    let number = PhoneNumber::parse(&user.phone_number).unwrap();
    let phone_request = PhoneLoginRequest::new(number.clone(), Scopes::parse("name phoneNumber").unwrap());
    let started = client.start_phone_login(&phone_request).await.unwrap();
    let auth_req_id = started.auth_req_id().to_owned();
    both!(number, BindingMessage::generate().unwrap());
    debug!(phone_request, started);
    let phone_outcome = client.wait_for_phone_login(&started, true, &Cancellation::new(), |_| {}).await.unwrap();
    debug!(phone_outcome);

    let everything = forms.join("\n");
    let address = user.street_address.lines().next().unwrap().to_owned();
    let forbidden = [
        ("client secret", DEFAULT_CLIENT_SECRET.to_owned()),
        ("subscription key", DEFAULT_SUBSCRIPTION_KEY.to_owned()),
        ("proxy password", PROXY_PASSWORD.to_owned()),
        ("access token", token.value().to_owned()),
        ("login access token", login.access_token.expose().to_owned()),
        ("ID token", login.id_token.expose().to_owned()),
        ("code", code),
        ("state", state),
        ("nonce", nonce),
        ("app state", app_state),
        ("app code", app_code),
        ("resume tab", "secret-tab".to_owned()),
        ("auth_req_id", auth_req_id),
        ("sub", user.sub.clone()),
        ("given name", user.given_name.clone()),
        ("family name", user.family_name.clone()),
        ("e-mail", user.email.clone()),
        ("phone number", user.phone_number.clone()),
        ("street address", address),
        ("national id", user.nin.clone()),
        ("birth date", user.birthdate.clone()),
    ];
    for (what, value) in forbidden {
        assert!(!value.is_empty(), "{what} is known");
        let line = everything.lines().find(|line| line.contains(value.as_str()));
        assert!(line.is_none(), "a text form shows the {what}: {}", line.unwrap_or_default());
    }
    assert!(forms.len() >= 30, "{} forms", forms.len());
}
