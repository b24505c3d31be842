//! Configuration from `VIPPS_*` environment variables, read by the SDK's own readers, so a
//! missing or wrong one gets the message every language gives.

use crate::describe;
use std::sync::Arc;
use vipps_auth::store::{RedisStore, Store};
use vipps_auth::{Config, Credentials, LoginAuth, LoginClient, MerchantCredentials, SpecializedCredentials};

/// `VIPPS_ENV` is required: a default would send keys to an environment nobody chose.
pub fn config() -> Result<Config, String> {
    Config::from_env().map_err(describe)
}

pub fn credentials(specialized: bool) -> Result<Credentials, String> {
    Ok(match specialized {
        true => SpecializedCredentials::from_env().map_err(describe)?.into(),
        false => MerchantCredentials::from_env().map_err(describe)?.into(),
    })
}

/// The Login client `VIPPS_LOGIN_AUTH` asks for: `basic` (the default, as at Vipps), `post`,
/// or `partner` (partner keys: also `VIPPS_SUBSCRIPTION_KEY` and the merchant's `VIPPS_MSN`).
pub fn login_client() -> Result<LoginClient, String> {
    LoginClient::new(config()?, LoginAuth::from_env().map_err(describe)?).map_err(describe)
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
