//! The OpenID configuration: where every Login endpoint is. Fetched from
//! `{base}/access-management-1.0/access/.well-known/openid-configuration`, kept for its
//! `Cache-Control: max-age` (an hour when absent). Every endpoint comes from the document —
//! userinfo and CIBA live outside the issuer's path — and the issuer must be exactly Vipps'.

use crate::error::{Error, Result};
use crate::http::{Http, Target};
use crate::metrics::Endpoint;
use serde_json::Value;
use std::time::Duration;
use url::Url;

pub(crate) const DISCOVERY_PATH: &str = "/access-management-1.0/access/.well-known/openid-configuration";
const DEFAULT_MAX_AGE: Duration = Duration::from_secs(3600);

/// The endpoints Login uses, from Vipps' discovery document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovery {
    /// Compared exactly with every ID token's `iss`, trailing slash included.
    pub issuer: String,
    pub authorization_endpoint: Url,
    pub token_endpoint: Url,
    pub jwks_uri: Url,
    pub userinfo_endpoint: Url,
    /// Login from phone number (CIBA); older documents do not list it.
    pub backchannel_authentication_endpoint: Option<Url>,
}

/// The issuer Vipps uses for a base URL: `{base}/access-management-1.0/access/`.
pub(crate) fn expected_issuer(base_url: &Url) -> String {
    format!("{}/access-management-1.0/access/", base_url.as_str().trim_end_matches('/'))
}

/// Fetches and checks the document; the second value is how long it may be kept.
pub(crate) async fn fetch(http: Http) -> Result<(Discovery, Duration)> {
    let reply = http.get_document(Endpoint::Discovery, Target::Path(DISCOVERY_PATH)).await?;
    let document = parse(&reply.body, &expected_issuer(http.base_url()), http.base_url())?;
    log::info!("discovery: fetched, kept for {} s", reply.max_age.unwrap_or(DEFAULT_MAX_AGE).as_secs());
    Ok((document, reply.max_age.unwrap_or(DEFAULT_MAX_AGE)))
}

/// Reads the document; an error names the field that is missing or wrong.
pub(crate) fn parse(body: &[u8], expected_issuer: &str, base_url: &Url) -> Result<Discovery> {
    let document: Value =
        serde_json::from_slice(body).map_err(|_| Error::protocol("the discovery document is not JSON"))?;
    let text = |field: &str| -> Result<&str> {
        document
            .get(field)
            .and_then(Value::as_str)
            .ok_or_else(|| Error::protocol(format!("discovery: `{field}` is missing")))
    };
    let issuer = text("issuer")?;
    if issuer != expected_issuer {
        return Err(Error::protocol(format!(
            "discovery: `issuer` is `{issuer}`, expected exactly `{expected_issuer}`"
        )));
    }
    let endpoint = |field: &str| -> Result<Url> {
        let url =
            Url::parse(text(field)?).map_err(|_| Error::protocol(format!("discovery: `{field}` is not a URL")))?;
        // Plain http only where the base URL itself is (a loopback emulator), never elsewhere.
        let same_plain_origin = url.scheme() == "http" && url.origin() == base_url.origin();
        if url.scheme() == "https" || same_plain_origin {
            Ok(url)
        } else {
            Err(Error::protocol(format!("discovery: `{field}` is not an https URL (nor on the base URL's own host)")))
        }
    };
    Ok(Discovery {
        issuer: issuer.to_owned(),
        authorization_endpoint: endpoint("authorization_endpoint")?,
        token_endpoint: endpoint("token_endpoint")?,
        jwks_uri: endpoint("jwks_uri")?,
        userinfo_endpoint: endpoint("userinfo_endpoint")?,
        backchannel_authentication_endpoint: match document.get("backchannel_authentication_endpoint") {
            None | Some(Value::Null) => None,
            Some(_) => Some(endpoint("backchannel_authentication_endpoint")?),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://apitest.vipps.no";

    fn document(issuer: &str) -> Value {
        serde_json::json!({
            "issuer": issuer,
            "authorization_endpoint": "https://apitest.vipps.no/access-management-1.0/access/oauth2/auth",
            "token_endpoint": "https://apitest.vipps.no/access-management-1.0/access/oauth2/token",
            "jwks_uri": "https://apitest.vipps.no/access-management-1.0/access/.well-known/jwks.json",
            "userinfo_endpoint": "https://apitest.vipps.no/vipps-userinfo-api/userinfo",
        })
    }

    fn parse_value(value: &Value) -> Result<Discovery> {
        let base = Url::parse(BASE).unwrap();
        parse(value.to_string().as_bytes(), &expected_issuer(&base), &base)
    }

    #[test]
    fn the_issuer_is_compared_exactly() {
        let good = parse_value(&document("https://apitest.vipps.no/access-management-1.0/access/")).unwrap();
        assert_eq!(good.userinfo_endpoint.path(), "/vipps-userinfo-api/userinfo");
        assert_eq!(good.backchannel_authentication_endpoint, None);
        let err = parse_value(&document("https://apitest.vipps.no/access-management-1.0/access")).unwrap_err();
        assert!(err.to_string().contains("`issuer`"), "{err}");
    }

    #[test]
    fn a_missing_or_plain_http_endpoint_is_named() {
        let mut value = document("https://apitest.vipps.no/access-management-1.0/access/");
        value.as_object_mut().unwrap().remove("token_endpoint");
        assert!(parse_value(&value).unwrap_err().to_string().contains("`token_endpoint` is missing"));
        let mut value = document("https://apitest.vipps.no/access-management-1.0/access/");
        value["jwks_uri"] = "http://apitest.vipps.no/jwks".into();
        assert!(parse_value(&value).unwrap_err().to_string().contains("`jwks_uri` is not an https URL"));
    }

    #[test]
    fn a_loopback_base_url_allows_plain_http_on_itself_only() {
        let base = Url::parse("http://127.0.0.1:8080").unwrap();
        let issuer = expected_issuer(&base);
        let mut value = document(&issuer);
        value["token_endpoint"] = "http://127.0.0.1:8080/access-management-1.0/access/oauth2/token".into();
        assert!(parse(value.to_string().as_bytes(), &issuer, &base).is_ok());
        for elsewhere in ["http://evil.example/token", "http://127.0.0.1:9999/token", "http://localhost:8080/token"] {
            value["token_endpoint"] = elsewhere.into();
            let error = parse(value.to_string().as_bytes(), &issuer, &base).unwrap_err().to_string();
            assert!(error.contains("`token_endpoint` is not an https URL"), "{elsewhere}: {error}");
        }
    }
}
