//! Keys from the Vipps MobilePay portal. Secrets are held in [`Secret`].

use super::header_value;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// Keys for `POST /accesstoken/get`: merchant sales-unit keys or partner keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerchantCredentials {
    pub client_id: String,
    pub client_secret: Secret,
    pub subscription_key: Secret,
    /// Merchant-Serial-Number: optional for merchants, required for partners.
    pub msn: Option<String>,
}

/// Keys for `POST /miami/v1/token`: accounting, management and Donations keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecializedCredentials {
    pub client_id: String,
    pub client_secret: Secret,
    pub msn: Option<String>,
}

/// Either kind of keys, as the token manager takes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    Merchant(MerchantCredentials),
    Specialized(SpecializedCredentials),
}

impl MerchantCredentials {
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        subscription_key: impl Into<Secret>,
        msn: Option<String>,
    ) -> Result<Self> {
        let creds = MerchantCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            subscription_key: subscription_key.into(),
            msn,
        };
        creds.validate()?;
        Ok(creds)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        check_client(&self.client_id, &self.client_secret, self.msn.as_deref())?;
        check_secret("subscription_key", &self.subscription_key)
    }
}

impl SpecializedCredentials {
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>, msn: Option<String>) -> Result<Self> {
        let creds = SpecializedCredentials { client_id: client_id.into(), client_secret: client_secret.into(), msn };
        creds.validate()?;
        Ok(creds)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        check_client(&self.client_id, &self.client_secret, self.msn.as_deref())
    }
}

impl Credentials {
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            Credentials::Merchant(c) => c.validate(),
            Credentials::Specialized(c) => c.validate(),
        }
    }

    pub fn client_id(&self) -> &str {
        match self {
            Credentials::Merchant(c) => &c.client_id,
            Credentials::Specialized(c) => &c.client_id,
        }
    }

    pub fn msn(&self) -> Option<&str> {
        match self {
            Credentials::Merchant(c) => c.msn.as_deref(),
            Credentials::Specialized(c) => c.msn.as_deref(),
        }
    }

    /// The secrets, so server messages that echo them can be scrubbed.
    pub(crate) fn secrets(&self) -> Vec<&Secret> {
        match self {
            Credentials::Merchant(c) => vec![&c.client_secret, &c.subscription_key],
            Credentials::Specialized(c) => vec![&c.client_secret],
        }
    }
}

impl From<MerchantCredentials> for Credentials {
    fn from(c: MerchantCredentials) -> Self {
        Credentials::Merchant(c)
    }
}

impl From<SpecializedCredentials> for Credentials {
    fn from(c: SpecializedCredentials) -> Self {
        Credentials::Specialized(c)
    }
}

fn check_client(client_id: &str, secret: &Secret, msn: Option<&str>) -> Result<()> {
    header_value::check("client_id", client_id, Some(256))?;
    check_secret("client_secret", secret)?;
    if let Some(msn) = msn {
        check_msn(msn)?;
    }
    Ok(())
}

/// Like [`header_value::check`], but never quotes the value.
fn check_secret(field: &'static str, secret: &Secret) -> Result<()> {
    header_value::check(field, secret.expose(), Some(1024))
        .map_err(|_| Error::config(field, "must be non-empty printable ASCII (value not shown)"))
}

/// Vipps' Merchant-Serial-Number: 4 to 6 digits.
pub(crate) fn check_msn(msn: &str) -> Result<()> {
    if (4..=6).contains(&msn.len()) && msn.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Error::config("msn", format!("Merchant-Serial-Number must be 4 to 6 digits, got `{msn}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msn_is_four_to_six_digits() {
        assert!(check_msn("123456").is_ok());
        assert!(check_msn("1234").is_ok());
        assert!(check_msn("123").is_err());
        assert!(check_msn("12345a").is_err());
    }

    #[test]
    fn bad_secret_is_named_but_not_shown() {
        let err = MerchantCredentials::new("id", "line\nbreak-secret", "key", None).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("client_secret"), "{text}");
        assert!(!text.contains("break-secret"), "{text}");
    }

    #[test]
    fn debug_redacts_secrets() {
        let c = MerchantCredentials::new("id", "s3cr3t-value", "k3y-value", Some("123456".into())).unwrap();
        let debug = format!("{c:?}");
        assert!(!debug.contains("s3cr3t-value") && !debug.contains("k3y-value"), "{debug}");
        assert!(debug.contains("123456"));
    }
}
