use vipps_auth::{Config, Credentials, MerchantCredentials, TokenManager};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
    // Or in code: Config::new(Environment::Test), Environment::Production, Environment::Custom(url).
    let tokens = TokenManager::new(Config::from_env()?)?; // one per process

    // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, and VIPPS_MSN for partners.
    // Or in code: MerchantCredentials::new(client_id, client_secret, subscription_key, msn).
    let keys: Credentials = MerchantCredentials::from_env()?.into();
    let token = tokens.access_token(&keys).await?; // from a plain thread: tokens.access_token_blocking(&keys)?
    println!("Authorization: {} <{} chars>", token.token_type(), token.value().len());
    // Vipps answered 401 with this token? tokens.invalidate(&keys) and ask again.
    Ok(())
}
