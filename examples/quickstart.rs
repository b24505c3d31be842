use vipps_auth::{Config, Credentials, Environment, MerchantCredentials, TokenManager};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let env = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
    let tokens = TokenManager::new(Config::new(Environment::parse(&env("VIPPS_ENV")?)?))?; // one per process
    let keys: Credentials = MerchantCredentials::new(
        env("VIPPS_CLIENT_ID")?,
        env("VIPPS_CLIENT_SECRET")?,
        env("VIPPS_SUBSCRIPTION_KEY")?,
        std::env::var("VIPPS_MSN").ok(), // Merchant-Serial-Number: for partners
    )?
    .into();
    let token = tokens.access_token(&keys).await?; // from a plain thread: tokens.access_token_blocking(&keys)?
    println!("Authorization: {} <{} chars>", token.token_type(), token.value().len());
    // Vipps answered 401 with this token? tokens.invalidate(&keys) and ask again.
    Ok(())
}
