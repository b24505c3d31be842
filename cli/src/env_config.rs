//! Configuration from `VIPPS_*` environment variables.

use vipps_auth::{Config, Credentials, Environment, MerchantCredentials, SpecializedCredentials};

pub fn config() -> Result<Config, String> {
    let environment = std::env::var("VIPPS_ENV").unwrap_or_else(|_| "test".into());
    let environment = Environment::parse(&environment).map_err(|e| e.to_string())?;
    let config = Config::new(environment);
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}

pub fn credentials(specialized: bool) -> Result<Credentials, String> {
    let client_id = required("VIPPS_CLIENT_ID")?;
    let client_secret = required("VIPPS_CLIENT_SECRET")?;
    let msn = std::env::var("VIPPS_MSN").ok().filter(|m| !m.is_empty());
    let credentials: Credentials = if specialized {
        SpecializedCredentials::new(client_id, client_secret, msn).map_err(|e| e.to_string())?.into()
    } else {
        let key = required("VIPPS_SUBSCRIPTION_KEY")?;
        MerchantCredentials::new(client_id, client_secret, key, msn).map_err(|e| e.to_string())?.into()
    };
    Ok(credentials)
}

fn required(name: &str) -> Result<String, String> {
    std::env::var(name).ok().filter(|v| !v.is_empty()).ok_or_else(|| format!("{name} is not set"))
}
