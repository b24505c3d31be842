//! Keys from the Vipps MobilePay portal. Secrets are held in [`Secret`]. Fields are private
//! so keys cannot change after their digest (the token cache's key) was taken.

use super::digest::CredentialsDigest;
use super::header_value;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// Keys for `POST /accesstoken/get`: merchant sales-unit keys or partner keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerchantCredentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: Secret,
    pub(crate) subscription_key: Secret,
    /// Merchant-Serial-Number: optional for merchants, required for partners.
    pub(crate) msn: Option<String>,
    digest: CredentialsDigest,
    /// The slot of the name the application gave these keys for its metrics, if any.
    metrics_slot: Option<u8>,
}

/// Keys for `POST /miami/v1/token`: accounting, management and Donations keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecializedCredentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: Secret,
    pub(crate) msn: Option<String>,
    digest: CredentialsDigest,
    metrics_slot: Option<u8>,
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
        let (client_id, client_secret, subscription_key) =
            (client_id.into(), client_secret.into(), subscription_key.into());
        check_client(&client_id, &client_secret, msn.as_deref())?;
        check_secret("subscription_key", &subscription_key)?;
        let digest = CredentialsDigest::of(&[
            b"standard",
            client_id.as_bytes(),
            client_secret.expose().as_bytes(),
            subscription_key.expose().as_bytes(),
            msn.as_deref().unwrap_or_default().as_bytes(),
        ]);
        Ok(MerchantCredentials { client_id, client_secret, subscription_key, msn, digest, metrics_slot: None })
    }

    /// The same keys acting for another merchant, as a partner's do.
    pub fn for_merchant(&self, msn: Option<String>) -> Result<Self> {
        Self::new(self.client_id.clone(), self.client_secret.clone(), self.subscription_key.clone(), msn)
    }
}

impl SpecializedCredentials {
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>, msn: Option<String>) -> Result<Self> {
        let (client_id, client_secret) = (client_id.into(), client_secret.into());
        check_client(&client_id, &client_secret, msn.as_deref())?;
        let digest = CredentialsDigest::of(&[
            b"specialized",
            client_id.as_bytes(),
            client_secret.expose().as_bytes(),
            msn.as_deref().unwrap_or_default().as_bytes(),
        ]);
        Ok(SpecializedCredentials { client_id, client_secret, msn, digest, metrics_slot: None })
    }
}

impl Credentials {
    /// What the token cache files these keys under; see [`CredentialsDigest`].
    pub(crate) fn digest(&self) -> CredentialsDigest {
        match self {
            Credentials::Merchant(c) => c.digest,
            Credentials::Specialized(c) => c.digest,
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

    /// What names these keys (kind, client_id, MSN) and what proves them (the secrets), as
    /// bytes: the store derives its names and sealing key from them.
    pub(crate) fn parts(&self) -> (Vec<&[u8]>, Vec<&[u8]>) {
        let msn = self.msn().unwrap_or_default().as_bytes();
        match self {
            Credentials::Merchant(c) => (
                vec![b"standard", c.client_id.as_bytes(), msn],
                vec![c.client_secret.expose().as_bytes(), c.subscription_key.expose().as_bytes()],
            ),
            Credentials::Specialized(c) => {
                (vec![b"specialized", c.client_id.as_bytes(), msn], vec![c.client_secret.expose().as_bytes()])
            }
        }
    }

    /// The same keys with a name of the application's own (`"shop-eu"`) for per-credential
    /// metrics: `vipps_auth_credential_token_requests_total{credential="shop-eu"}`. At most
    /// 100 names per process (later ones count as `other`); never the client id or MSN.
    pub fn with_metrics_name(mut self, name: &str) -> Result<Self> {
        let slot = Some(crate::metrics::names::slot(name, self.client_id(), self.msn())?);
        match &mut self {
            Credentials::Merchant(c) => c.metrics_slot = slot,
            Credentials::Specialized(c) => c.metrics_slot = slot,
        }
        Ok(self)
    }

    /// The name these keys count under in the metrics, if the application gave one.
    pub fn metrics_name(&self) -> Option<String> {
        self.metrics_slot().map(crate::metrics::names::name_of)
    }

    pub(crate) fn metrics_slot(&self) -> Option<u8> {
        match self {
            Credentials::Merchant(c) => c.metrics_slot,
            Credentials::Specialized(c) => c.metrics_slot,
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
