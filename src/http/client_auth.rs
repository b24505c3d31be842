//! Headers that carry who is calling: HTTP Basic client authentication (RFC 6749 §2.3.1)
//! and the Merchant-Serial-Number.

use super::call::secret_header;
use crate::error::{Error, Result};
use crate::secret::Secret;
use base64::Engine;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

const MSN: HeaderName = HeaderName::from_static("merchant-serial-number");

/// `Basic base64(form(client_id):form(secret))`: both parts form-encoded first, as RFC 6749
/// §2.3.1 asks, so a `:` or `+` in a secret survives. Marked sensitive.
pub(crate) fn basic(client_id: &str, secret: &Secret) -> Result<HeaderValue> {
    let pair = Secret::new(format!("{}:{}", form_encode(client_id).expose(), form_encode(secret.expose()).expose()));
    let mut value = String::from("Basic ");
    base64::engine::general_purpose::STANDARD.encode_string(pair.expose(), &mut value);
    secret_header(Secret::new(value).expose())
}

/// `Bearer <token>`, marked sensitive.
pub(crate) fn bearer(token: &Secret) -> Result<HeaderValue> {
    secret_header(&format!("Bearer {}", token.expose()))
}

/// Headers holding the MSN, when there is one.
pub(crate) fn msn_header(msn: Option<&str>) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    if let Some(msn) = msn {
        headers.insert(MSN, HeaderValue::from_str(msn).map_err(|_| Error::config("msn", "not a header value"))?);
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
        let value = basic("id:1", &Secret::new("a+b/c=d%e:f g")).unwrap();
        assert!(value.is_sensitive());
        let text = value.to_str().unwrap();
        let decoded = base64::engine::general_purpose::STANDARD.decode(&text["Basic ".len()..]).unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "id%3A1:a%2Bb%2Fc%3Dd%25e%3Af+g");
    }
}
