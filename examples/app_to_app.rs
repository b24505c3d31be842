use vipps_auth::{
    parse_app_url, AppFlow, AppUrl, AuthorizeRequest, CodeHandoff, Config, LoginAuth, LoginClient, LoginOutcome,
    PendingLogin, Scopes,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?; // VIPPS_ENV: test, production, or a base URL
    let auth = LoginAuth::from_env()?; // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET; VIPPS_LOGIN_AUTH: basic (default)
    let backend = LoginClient::new(config, auth)?;

    // Backend: the app asks for a login URL. The redirect URI is the app's universal link.
    let mut request = AuthorizeRequest::new("https://example.com/app/callback", Scopes::parse("name")?);
    request.app_flow = Some(AppFlow::AppToAppV2);
    let authorization = backend.authorize(&request).await?;
    let stored = authorization.pending.serialize(); // kept by the backend, keyed by state
    println!("{}", authorization.url); // the app opens it in Custom Tabs / ASWebAuthenticationSession

    // App: opened with its universal link; it hands code and state to the backend.
    let mut opened = String::new();
    std::io::stdin().read_line(&mut opened)?;
    let pending = PendingLogin::restore(stored.expose())?;
    let handoff = match parse_app_url(opened.trim(), std::slice::from_ref(&pending)) {
        AppUrl::Code { code, state, .. } => CodeHandoff::new(code.expose(), &state).to_json(),
        other => return Err(format!("not a code: {other:?}").into()),
    };

    // Backend: the handoff arrives in a POST body; the backend finishes the login.
    let handoff = CodeHandoff::parse(handoff.expose())?;
    if let LoginOutcome::Completed(user) = backend.complete_handoff(&handoff, Some(&pending), true).await? {
        println!("logged in: {}", user.userinfo.and_then(|info| info.name).unwrap_or_default());
    }
    Ok(())
}
