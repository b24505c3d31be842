//! The two token endpoints and how each wants its credentials.

use super::grant::{decode, Grant};
use crate::config::{Credentials, MerchantCredentials, SpecializedCredentials};
use crate::error::Result;
use crate::http::client_auth::{self, msn_header};
use crate::http::{secret_header, Http, Replay, Request, Target};
use crate::metrics::Endpoint;
use crate::secret::Secret;
use reqwest::header::AUTHORIZATION;

pub(crate) const STANDARD_PATH: &str = "/accesstoken/get";
pub(crate) const SPECIALIZED_PATH: &str = "/miami/v1/token";

/// Asks Vipps for a new token with these credentials.
pub(crate) async fn fetch(http: &Http, credentials: &Credentials) -> Result<Grant> {
    let post = match credentials {
        Credentials::Merchant(c) => standard(c)?,
        Credentials::Specialized(c) => specialized(c)?,
    };
    let reply = http.send(&post).await?;
    let grant = decode(&reply, &credentials.secrets())?;
    log::info!("{}: new token, valid for {} s", post.endpoint.label(), grant.lifetime.as_secs());
    Ok(grant)
}

/// `POST /accesstoken/get`: credentials in headers, empty body.
fn standard(c: &MerchantCredentials) -> Result<Request> {
    let mut headers = msn_header(c.msn.as_deref())?;
    headers.insert("client_id", secret_header(&c.client_id)?);
    headers.insert("client_secret", secret_header(c.client_secret.expose())?);
    headers.insert("ocp-apim-subscription-key", secret_header(c.subscription_key.expose())?);
    Ok(Request {
        endpoint: Endpoint::AccessToken,
        target: Target::Path(STANDARD_PATH),
        headers,
        form: None,
        post: true,
        replay: Replay::Safe,
    })
}

/// `POST /miami/v1/token`: HTTP Basic with both parts form-encoded first (RFC 6749
/// §2.3.1), `grant_type=client_credentials`, and no subscription key.
fn specialized(c: &SpecializedCredentials) -> Result<Request> {
    let mut headers = msn_header(c.msn.as_deref())?;
    headers.insert(AUTHORIZATION, client_auth::basic(&c.client_id, &c.client_secret)?);
    Ok(Request {
        endpoint: Endpoint::SpecializedToken,
        target: Target::Path(SPECIALIZED_PATH),
        headers,
        form: Some(Secret::new("grant_type=client_credentials")),
        post: true,
        replay: Replay::Safe,
    })
}
