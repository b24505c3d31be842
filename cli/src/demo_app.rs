//! The app-to-app part of the demo: a phone app's login in both flows, with the pending login
//! stored and restored between leaving for the Vipps app and coming back — as an app the
//! phone killed meanwhile must — and the code handed to the backend.

use crate::demo::{check, step};
use crate::demo_login::Browser;
use crate::describe;
use vipps_auth::{
    parse_app_url, AppFlow, AppUrl, AuthorizeRequest, CodeHandoff, LoginClient, LoginOutcome, PendingLogin, Scopes,
};
use vipps_emulator::Emulator;

const UNIVERSAL_LINK: &str = "https://example.com/app/callback";
const APP_CALLBACK: &str = "com.example.app://callback";

pub async fn run(emulator: &Emulator, client: &LoginClient) -> Result<(), String> {
    let browser = Browser::new(emulator)?;
    let name = round_trip(client, &browser, AppFlow::AppToAppV2).await?;
    step(&format!(
        "App-to-app (simple flow): the app stored its pending login, the Vipps app returned to the universal link with a code, the restored login handed it to the backend; {name}"
    ));
    let name = round_trip(client, &browser, AppFlow::AppToApp { app_callback_uri: APP_CALLBACK.into() }).await?;
    step(&format!(
        "App-to-app (advanced flow): back to {APP_CALLBACK} with resume_uri, reopened in the same browser session, then the code; {name}"
    ));
    Ok(())
}

/// One login as a phone app does it; the user's name.
async fn round_trip(client: &LoginClient, browser: &Browser, flow: AppFlow) -> Result<String, String> {
    let mut request = AuthorizeRequest::new(UNIVERSAL_LINK, Scopes::parse("name").map_err(describe)?);
    request.app_flow = Some(flow);
    let authorization = client.authorize(&request).await.map_err(describe)?;
    // The app is killed while the user is in the Vipps app; only the stored string survives.
    let stored = authorization.pending.serialize();
    drop(authorization.pending);
    let mut opened = browser.redirect_of(browser.http.get(&authorization.url)).await?;
    let pending = [PendingLogin::restore(stored.expose()).map_err(describe)?];
    loop {
        match parse_app_url(&opened, &pending) {
            AppUrl::Resume { resume_uri, .. } => opened = browser.redirect_of(browser.http.get(&resume_uri)).await?,
            AppUrl::Code { code, state, .. } => {
                // What the app sends its backend: no client secret anywhere on the phone.
                let message = CodeHandoff::new(code.expose(), &state).to_json();
                let handoff = CodeHandoff::parse(message.expose()).map_err(describe)?;
                let outcome = client.complete_handoff(&handoff, Some(&pending[0]), true).await.map_err(describe)?;
                let LoginOutcome::Completed(login) = outcome else { return Err("the app login was cancelled".into()) };
                let name = login.userinfo.and_then(|info| info.name).unwrap_or_default();
                check(!name.is_empty(), "the app login has a name")?;
                return Ok(format!("userinfo says {name}"));
            }
            other => return Err(format!("the app was opened with {other:?}")),
        }
    }
}
