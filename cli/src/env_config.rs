//! Configuration from `VIPPS_*` environment variables.

use crate::describe;
use std::sync::Arc;
use vipps_auth::store::{RedisStore, Store};
use vipps_auth::{Config, Credentials, LoginAuth, LoginClient, MerchantCredentials, SpecializedCredentials};

/// `VIPPS_ENV` is required: a default would send keys to an environment nobody chose.
pub fn config() -> Result<Config, String> {
    Config::from_env().map_err(describe)
}

pub fn credentials(specialized: bool) -> Result<Credentials, String> {
    if !specialized {
        return Ok(MerchantCredentials::from_env().map_err(describe)?.into());
    }
    let msn = std::env::var("VIPPS_MSN").ok().filter(|m| !m.is_empty());
    let keys = SpecializedCredentials::new(required("VIPPS_CLIENT_ID")?, required("VIPPS_CLIENT_SECRET")?, msn);
    Ok(keys.map_err(describe)?.into())
}

/// The Login client `VIPPS_LOGIN_AUTH` asks for: `basic` (the default, as at Vipps), `post`,
/// or `partner` (partner keys: also `VIPPS_SUBSCRIPTION_KEY` and the merchant's `VIPPS_MSN`).
pub fn login_client() -> Result<LoginClient, String> {
    let config = config()?;
    let method = std::env::var("VIPPS_LOGIN_AUTH").unwrap_or_else(|_| "basic".into());
    let (client_id, client_secret) = (required("VIPPS_CLIENT_ID")?, required("VIPPS_CLIENT_SECRET")?);
    let auth = match method.as_str() {
        "basic" => LoginAuth::ClientSecretBasic { client_id, client_secret: client_secret.into() },
        "post" => LoginAuth::ClientSecretPost { client_id, client_secret: client_secret.into() },
        "partner" => {
            let key = required("VIPPS_SUBSCRIPTION_KEY")?;
            let msn = Some(required("VIPPS_MSN")?);
            LoginAuth::Partner { keys: MerchantCredentials::new(client_id, client_secret, key, msn).map_err(describe)? }
        }
        other => return Err(format!("VIPPS_LOGIN_AUTH is `{other}` (hint: use basic, post or partner)")),
    };
    LoginClient::new(config, auth).map_err(describe)
}

fn required(name: &str) -> Result<String, String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("{name} is not set (hint: copy it from the Vipps MobilePay portal, or run `vipps-auth emulator` and use its fake keys)"))
}

/// Where the CLI's names in a shared store start: the SDK's default, so that the CLI and the
/// services of a fleet share one namespace.
pub const STORE_PREFIX: &str = "vipps-auth:";

/// The shared store `--redis` (or VIPPS_REDIS_URL) names, if any.
pub fn store(url: Option<&str>) -> Result<Option<Arc<dyn Store>>, String> {
    let Some(url) = url else { return Ok(None) };
    Ok(Some(Arc::new(RedisStore::new(url).map_err(describe)?)))
}

/// The client, keeping its pending logins in the Redis named, if any.
pub fn stored(client: LoginClient, redis: Option<&str>) -> Result<LoginClient, String> {
    Ok(match store(redis)? {
        Some(store) => client.with_store(store, STORE_PREFIX),
        None => client,
    })
}
