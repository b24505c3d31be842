//! The two token endpoints and how each wants its credentials.

use super::grant::{decode, Grant};
use crate::config::{Credentials, MerchantCredentials, SpecializedCredentials};
use crate::error::Result;
use crate::http::{secret_header, Http, Post, Replay};
use crate::secret::Secret;
use base64::Engine;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

pub(crate) const STANDARD_PATH: &str = "/accesstoken/get";
pub(crate) const SPECIALIZED_PATH: &str = "/miami/v1/token";

const MSN: HeaderName = HeaderName::from_static("merchant-serial-number");

/// Asks Vipps for a new token with these credentials.
pub(crate) async fn fetch(http: &Http, credentials: &Credentials) -> Result<Grant> {
    let post = match credentials {
        Credentials::Merchant(c) => standard(c)?,
        Credentials::Specialized(c) => specialized(c)?,
    };
    let reply = http.post(&post).await?;
    let grant = decode(&reply, &credentials.secrets())?;
    log::info!("{}: new token, valid for {} s", post.label, grant.lifetime.as_secs());
    Ok(grant)
}

/// `POST /accesstoken/get`: credentials in headers, empty body.
fn standard(c: &MerchantCredentials) -> Result<Post> {
    let mut headers = msn_header(c.msn.as_deref())?;
    headers.insert("client_id", secret_header(&c.client_id)?);
    headers.insert("client_secret", secret_header(c.client_secret.expose())?);
    headers.insert("ocp-apim-subscription-key", secret_header(c.subscription_key.expose())?);
    Ok(Post { label: "standard token", path: STANDARD_PATH, headers, form: None, replay: Replay::Safe })
}

/// `POST /miami/v1/token`: HTTP Basic with both parts form-encoded first (RFC 6749
/// §2.3.1), `grant_type=client_credentials`, and no subscription key.
fn specialized(c: &SpecializedCredentials) -> Result<Post> {
    let mut headers = msn_header(c.msn.as_deref())?;
    let pair = Secret::new(format!(
        "{}:{}",
        form_encode(&c.client_id).expose(),
        form_encode(c.client_secret.expose()).expose()
    ));
    let mut basic = String::from("Basic ");
    base64::engine::general_purpose::STANDARD.encode_string(pair.expose(), &mut basic);
    let basic = Secret::new(basic);
    headers.insert(AUTHORIZATION, secret_header(basic.expose())?);
    Ok(Post {
        label: "specialized token",
        path: SPECIALIZED_PATH,
        headers,
        form: Some("grant_type=client_credentials".into()),
        replay: Replay::Safe,
    })
}

fn msn_header(msn: Option<&str>) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    if let Some(msn) = msn {
        headers.insert(
            MSN,
            HeaderValue::from_str(msn).map_err(|_| crate::error::Error::config("msn", "not a header value"))?,
        );
    }
    Ok(headers)
}

fn form_encode(value: &str) -> Secret {
    Secret::new(form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_encodes_reserved_characters_first() {
        let c = SpecializedCredentials::new("id:1", "a+b/c=d%e:f g", None).unwrap();
        let post = specialized(&c).unwrap();
        let value = post.headers[AUTHORIZATION].to_str().unwrap();
        let decoded = base64::engine::general_purpose::STANDARD.decode(&value["Basic ".len()..]).unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "id%3A1:a%2Bb%2Fc%3Dd%25e%3Af+g");
        assert!(post.headers[AUTHORIZATION].is_sensitive());
    }
}
