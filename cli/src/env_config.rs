//! Configuration from `VIPPS_*` environment variables.

use crate::describe;
use vipps_auth::{Config, Credentials, Environment, MerchantCredentials, SpecializedCredentials};

/// `VIPPS_ENV` is required: a default would send keys to an environment nobody chose.
pub fn config() -> Result<Config, String> {
    let environment = required("VIPPS_ENV").map_err(|_| {
        "VIPPS_ENV is not set (hint: set it to `test`, `production`, or a base URL such as the emulator's, \
         e.g. VIPPS_ENV=http://127.0.0.1:8080)"
            .to_string()
    })?;
    let config = Config::new(Environment::parse(&environment).map_err(describe)?);
    config.validate().map_err(describe)?;
    Ok(config)
}

pub fn credentials(specialized: bool) -> Result<Credentials, String> {
    let client_id = required("VIPPS_CLIENT_ID")?;
    let client_secret = required("VIPPS_CLIENT_SECRET")?;
    let msn = std::env::var("VIPPS_MSN").ok().filter(|m| !m.is_empty());
    let credentials: Credentials = if specialized {
        SpecializedCredentials::new(client_id, client_secret, msn).map_err(describe)?.into()
    } else {
        let key = required("VIPPS_SUBSCRIPTION_KEY")?;
        MerchantCredentials::new(client_id, client_secret, key, msn).map_err(describe)?.into()
    };
    Ok(credentials)
}

fn required(name: &str) -> Result<String, String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("{name} is not set (hint: copy it from the Vipps MobilePay portal, or run `vipps-auth emulator` and use its fake keys)"))
}
