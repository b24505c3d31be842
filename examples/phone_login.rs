use vipps_auth::{
    BindingMessage, Cancellation, Config, LoginAuth, LoginClient, PhoneLoginOutcome, PhoneLoginRequest, PhoneNumber,
    Scopes,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?; // VIPPS_ENV: test, production, or a base URL
    let auth = LoginAuth::from_env()?; // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET; VIPPS_LOGIN_AUTH: basic (default)
    let login = LoginClient::new(config, auth)?;

    // The number as the cashier typed it; the code to show on the till (the app shows it too).
    let phone = PhoneNumber::parse("+47 123 45 678")?;
    let mut request = PhoneLoginRequest::new(phone, Scopes::parse("name phoneNumber")?);
    request.binding_message = Some(BindingMessage::generate()?);
    let started = login.start_phone_login(&request).await?;
    println!("Approve in the app: {}", request.binding_message.as_ref().unwrap());

    // A Cancel button would call `cancel.cancel()` from another thread or task.
    let cancel = Cancellation::new();
    let outcome = login
        .wait_for_phone_login(&started, true, &cancel, |progress| {
            eprintln!("waiting… {} s, expires in {} s", progress.elapsed.as_secs(), progress.expires_in.as_secs());
        })
        .await?;
    match outcome {
        PhoneLoginOutcome::Completed(user) => {
            println!("welcome, {}", user.userinfo.and_then(|u| u.name).unwrap_or_default())
        }
        PhoneLoginOutcome::Cancelled { .. } => println!("the user declined"),
        PhoneLoginOutcome::Expired => println!("no answer in time"),
        PhoneLoginOutcome::Stopped | PhoneLoginOutcome::Pending => println!("stopped"),
    }
    Ok(())
}
