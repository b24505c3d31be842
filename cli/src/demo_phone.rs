//! The phone-login part of the demo: a login approved in the app, one declined, one that
//! expires unanswered, and the redirect variant, against an emulator whose users answer in
//! two seconds.

use crate::demo::{check, login_client, step};
use crate::describe;
use std::time::Duration;
use vipps_auth::{
    BindingMessage, Cancellation, LoginClient, PhoneLogin, PhoneLoginOutcome, PhoneLoginRequest, PhoneNumber, Scopes,
};
use vipps_emulator::{Emulator, EmulatorConfig, PhoneLoginConfig};

const TOKEN_PATH: &str = "/access-management-1.0/access/oauth2/token";
const REDIRECT_URI: &str = "https://example.com/app/callback";

pub fn run() -> Result<(), String> {
    let phone_login = PhoneLoginConfig {
        interval: Duration::from_secs(1),
        approval_delay: Duration::from_secs(2),
        max_expiry: Duration::from_secs(3),
        ..Default::default()
    };
    let emulator = Emulator::start(EmulatorConfig { phone_login, ..Default::default() }).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let client = login_client(&emulator)?;

        let code = BindingMessage::generate().map_err(describe)?;
        let mut approving = request("+47 123 45 678")?;
        approving.binding_message = Some(code.clone());
        let login = client.start_phone_login(&approving).await.map_err(describe)?;
        let (outcome, polls) = wait(&client, &login).await?;
        let PhoneLoginOutcome::Completed(done) = outcome else { return Err(format!("not approved: {outcome:?}")) };
        let name = done.userinfo.and_then(|info| info.name).unwrap_or_default();
        check(emulator.count(TOKEN_PATH) == polls as usize, "every poll reached the token endpoint")?;
        step(&format!(
            "Phone login for {}: the till shows {code}, the user approved in the app after {polls} polls, a second apart; ID token verified; userinfo says {name}",
            login.phone()
        ));

        let declined = client.start_phone_login(&request("4700000001")?).await.map_err(describe)?;
        let (outcome, _) = wait(&client, &declined).await?;
        check(matches!(outcome, PhoneLoginOutcome::Cancelled { .. }), "a declined login is cancelled")?;
        step("Phone login declined in the app: reported as cancelled, as a cancelled browser login is");

        let unanswered = client.start_phone_login(&request("4700000002")?).await.map_err(describe)?;
        let (outcome, polls) = wait(&client, &unanswered).await?;
        check(matches!(outcome, PhoneLoginOutcome::Expired), "an unanswered login expires")?;
        step(&format!(
            "Phone login never answered: expired after {polls} polls (the emulator caps expiry at 3 s); no poll after the expiry"
        ));

        let mut redirected = request("+47 123 45 678")?;
        redirected.redirect_uri = Some(REDIRECT_URI.into());
        let login = client.start_phone_login(&redirected).await.map_err(describe)?;
        let restored = PhoneLogin::restore(login.serialize().expose()).map_err(describe)?;
        tokio::time::sleep(Duration::from_millis(2200)).await;
        let opened = emulator.phone_redirects().pop().ok_or("the phone opened no URL")?;
        let outcome = client.complete_phone_redirect(&restored, &opened, false).await.map_err(describe)?;
        let PhoneLoginOutcome::Completed(done) = outcome else { return Err(format!("not completed: {outcome:?}")) };
        check(done.claims.other.contains_key("authReqId"), "the redirect token names its login")?;
        step("Phone login, redirect variant: the phone opened the redirect URI with a code; another server instance restored the login, redeemed the code once, and checked the ES256 token's authReqId");
        Ok(())
    })
}

fn request(phone: &str) -> Result<PhoneLoginRequest, String> {
    let phone = PhoneNumber::parse(phone).map_err(describe)?;
    Ok(PhoneLoginRequest::new(phone, Scopes::parse("name phoneNumber").map_err(describe)?))
}

/// Waits for the user; the outcome and how many polls it took.
async fn wait(client: &LoginClient, login: &PhoneLogin) -> Result<(PhoneLoginOutcome, u32), String> {
    let mut polls = 0;
    let outcome = client
        .wait_for_phone_login(login, true, &Cancellation::new(), |progress| polls = progress.polls)
        .await
        .map_err(describe)?;
    // The poll that brought the tokens is not reported as progress.
    let finished = u32::from(matches!(outcome, PhoneLoginOutcome::Completed(_)));
    Ok((outcome, polls + finished))
}
