use vipps_auth::{AuthorizeRequest, Config, LoginAuth, LoginClient, LoginOutcome, PendingLogin, Scopes};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?; // VIPPS_ENV: test, production, or a base URL
    let auth = LoginAuth::from_env()?; // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET; VIPPS_LOGIN_AUTH: basic (default)
    let login = LoginClient::new(config, auth)?; // one per process: it caches discovery and keys

    // 1. The handler that starts a login: keep the pending login server-side, keyed by its state.
    let request = AuthorizeRequest::new("https://example.com/app/callback", Scopes::parse("name email")?);
    let authorization = login.authorize(&request).await?;
    let stored = authorization.pending.serialize(); // store it like a secret
    println!("{}", authorization.url); // redirect the browser here

    // 2. The redirect handler: the URL the browser came back to.
    let mut callback = String::new();
    std::io::stdin().read_line(&mut callback)?;
    let pending = PendingLogin::restore(stored.expose())?;
    match login.complete(&pending, callback.trim(), true).await? {
        LoginOutcome::Completed(user) => {
            let name = user.userinfo.and_then(|info| info.name).unwrap_or_default();
            println!("logged in: {name} (sub {})", user.claims.sub);
        }
        LoginOutcome::Cancelled { .. } => println!("the user cancelled"),
    }
    Ok(())
}
