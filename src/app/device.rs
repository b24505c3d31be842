//! The authorize URL built on the phone, with no network and no secret: for an app that
//! keeps the PKCE verifier itself and hands code + verifier to its backend. The endpoint is
//! Vipps' fixed authorize path under the environment's base URL (discovery needs a request).

use crate::config::Environment;
use crate::error::{Error, Result};
use crate::login::authorize::{build, Authorization, AuthorizeRequest};
use std::time::Duration;

const AUTHORIZE_PATH: &str = "/access-management-1.0/access/oauth2/auth";
/// As long as a backend's pending login lives by default.
const LIFETIME: Duration = Duration::from_secs(15 * 60);

/// The authorize URL and pending login for `client_id`, built on the device.
pub fn authorize_on_device(
    environment: &Environment,
    client_id: &str,
    request: &AuthorizeRequest,
) -> Result<Authorization> {
    if client_id.trim().is_empty() || client_id.chars().any(char::is_control) {
        return Err(Error::config("client_id", "must be non-empty printable text"));
    }
    request.validate(*environment == Environment::Production)?;
    let mut endpoint = environment.base_url()?;
    let path = format!("{}{AUTHORIZE_PATH}", endpoint.path().trim_end_matches('/'));
    endpoint.set_path(&path);
    build(&endpoint, ("client_id", client_id), request, None, LIFETIME)
}
