//! `vipps-auth token`: one access token, printed.

use crate::{describe, env_config};
use serde_json::json;
use std::time::UNIX_EPOCH;
use vipps_auth::TokenManager;

pub fn run(specialized: bool, as_json: bool, redis: Option<&str>) -> Result<(), String> {
    let config = env_config::config()?;
    let credentials = env_config::credentials(specialized)?;
    let mut manager = TokenManager::new(config).map_err(describe)?;
    if let Some(store) = env_config::store(redis)? {
        manager = manager.with_store(store, env_config::STORE_PREFIX);
    }
    let token = manager.access_token_blocking(&credentials).map_err(describe)?;
    if as_json {
        let expires_at = token.expires_at().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let out = json!({
            "access_token": token.value(),
            "token_type": token.token_type(),
            "expires_in": token.expires_in().as_secs(),
            "expires_at": expires_at,
        });
        println!("{out}");
    } else {
        println!("{}", token.value());
    }
    Ok(())
}
