//! How a Login client proves who it is at the token endpoint: the sales unit's client_id and
//! client_secret, sent the way its portal setting says (`client_secret_basic`, Vipps'
//! default, or `client_secret_post`), or partner keys: a `/accesstoken/get` token as Bearer,
//! with the Merchant-Serial-Number of the merchant the partner acts for.

use super::id_token::Audience;
use crate::config::{Credentials, MerchantCredentials};
use crate::error::{Error, Result};
use crate::http::client_auth;
use crate::secret::Secret;
use crate::token::TokenManager;
use reqwest::header::{HeaderMap, AUTHORIZATION};

#[derive(Clone, Debug)]
pub enum LoginAuth {
    /// HTTP Basic, both parts form-encoded first (RFC 6749 §2.3.1). Vipps' default.
    ClientSecretBasic { client_id: String, client_secret: Secret },
    /// `client_id` and `client_secret` in the form: only when the sales unit is set so.
    ClientSecretPost { client_id: String, client_secret: Secret },
    /// The partner's own keys, which act for all its merchants: Bearer token + MSN on every
    /// call, `msn` instead of `client_id` on the authorize URL. The merchant is named per
    /// login ([`AuthorizeRequest::msn`](super::AuthorizeRequest), the phone-login request's);
    /// the keys' own MSN, when they have one, is the merchant of logins that name none.
    Partner { keys: MerchantCredentials },
}

impl LoginAuth {
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            LoginAuth::ClientSecretBasic { client_id, client_secret }
            | LoginAuth::ClientSecretPost { client_id, client_secret } => {
                if client_id.trim().is_empty() || client_id.chars().any(char::is_control) {
                    return Err(Error::config("client_id", "must be non-empty printable text"));
                }
                if client_secret.is_empty() {
                    return Err(Error::config("client_secret", "must not be empty (value not shown)"));
                }
                Ok(())
            }
            LoginAuth::Partner { .. } => Ok(()),
        }
    }

    /// The merchant a login is for: the one it `named`, else the partner keys' own MSN; none
    /// for a sales unit's own keys, which may not name one (Vipps would ignore it).
    pub(crate) fn merchant(&self, named: Option<&str>) -> Result<Option<String>> {
        match (self, named) {
            (LoginAuth::Partner { keys }, named) => match named.or(keys.msn.as_deref()) {
                Some(msn) => crate::config::check_msn(msn).map(|()| Some(msn.to_owned())),
                None => Err(Error::config(
                    "msn",
                    "a partner login names the merchant it is for (or the partner keys carry a default MSN)",
                )),
            },
            (_, Some(_)) => Err(Error::config(
                "msn",
                "only a partner login client names a merchant per login; these keys are the sales unit's own",
            )),
            (_, None) => Ok(None),
        }
    }

    /// `("client_id", id)` or, for partners, `("msn", the merchant)`: who the authorize URL
    /// is for.
    pub(crate) fn authorize_parameter<'a>(&'a self, merchant: Option<&'a str>) -> (&'static str, &'a str) {
        match self {
            LoginAuth::ClientSecretBasic { client_id, .. } | LoginAuth::ClientSecretPost { client_id, .. } => {
                ("client_id", client_id)
            }
            LoginAuth::Partner { .. } => ("msn", merchant.unwrap_or_default()),
        }
    }

    /// The keys' client id (the partner's own, for partner keys).
    pub(crate) fn client_id(&self) -> &str {
        match self {
            LoginAuth::ClientSecretBasic { client_id, .. } | LoginAuth::ClientSecretPost { client_id, .. } => client_id,
            LoginAuth::Partner { keys } => &keys.client_id,
        }
    }

    /// Whom an ID token must be for: the client_id, or for partners the login's merchant.
    pub(crate) fn audience<'a>(&'a self, merchant: Option<&'a str>) -> Audience<'a> {
        match self.authorize_parameter(merchant) {
            ("msn", msn) => Audience::Msn(msn),
            (_, client_id) => Audience::ClientId(client_id),
        }
    }

    /// Secrets a server might echo, to scrub from its messages.
    pub(crate) fn secrets(&self) -> Vec<&Secret> {
        match self {
            LoginAuth::ClientSecretBasic { client_secret, .. } | LoginAuth::ClientSecretPost { client_secret, .. } => {
                vec![client_secret]
            }
            LoginAuth::Partner { keys } => vec![&keys.client_secret, &keys.subscription_key],
        }
    }

    /// The form and headers of a request to a Login endpoint: `fields`, then the credentials.
    /// The form is a [`Secret`], written into one allocation sized for it, so that no growth
    /// leaves an unwiped copy of a code or the client secret behind.
    pub(crate) async fn authenticated_form(
        &self,
        tokens: Option<&TokenManager>,
        fields: &[(&str, &str)],
        merchant: Option<&str>,
    ) -> Result<(HeaderMap, Secret)> {
        let headers = self.headers(tokens, merchant).await?;
        let credentials = match self {
            LoginAuth::ClientSecretPost { client_id, client_secret } => {
                vec![("client_id", client_id.as_str()), ("client_secret", client_secret.expose())]
            }
            _ => Vec::new(),
        };
        let pairs: Vec<(&str, &str)> = fields.iter().copied().chain(credentials).collect();
        Ok((headers, Secret::new(encoded_form(&pairs))))
    }

    /// The headers that carry the credentials (none for `client_secret_post`); a partner's
    /// name `merchant` and carry the token for the partner keys and that MSN.
    async fn headers(&self, tokens: Option<&TokenManager>, merchant: Option<&str>) -> Result<HeaderMap> {
        let mut headers = HeaderMap::new();
        match self {
            LoginAuth::ClientSecretBasic { client_id, client_secret } => {
                headers.insert(AUTHORIZATION, client_auth::basic(client_id, client_secret)?);
            }
            LoginAuth::ClientSecretPost { .. } => {}
            LoginAuth::Partner { keys } => {
                let tokens =
                    tokens.ok_or_else(|| Error::Internal("a partner login client has no token manager".into()))?;
                let msn = self.merchant(merchant)?;
                let keys = match msn == keys.msn {
                    true => keys.clone(),
                    false => keys.for_merchant(msn.clone())?,
                };
                let token = tokens.access_token(&Credentials::Merchant(keys)).await?;
                headers.insert(AUTHORIZATION, client_auth::bearer(&Secret::new(token.value()))?);
                headers.extend(client_auth::msn_header(msn.as_deref())?);
            }
        }
        Ok(headers)
    }
}

/// `pairs` form-encoded into one allocation that never grows (percent-encoding writes at
/// most three characters per byte), so no reallocation leaves a copy behind unwiped.
fn encoded_form(pairs: &[(&str, &str)]) -> String {
    let capacity = pairs.iter().map(|(name, value)| 3 * (name.len() + value.len()) + 2).sum();
    let mut form = form_urlencoded::Serializer::new(String::with_capacity(capacity));
    form.extend_pairs(pairs);
    form.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_written_without_growing() {
        let pairs = [("code", "æøå & = % ~"), ("client_secret", "s3cr3t/+?#ææææææææ")];
        let form = encoded_form(&pairs);
        let least = pairs.iter().map(|(n, v)| 3 * (n.len() + v.len()) + 2).sum::<usize>();
        assert_eq!(form.capacity(), least, "the buffer grew, leaving a copy behind");
        assert!(form.starts_with("code=%C3%A6"), "{form}");
    }
}
