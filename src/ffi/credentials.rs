//! Keys as an opaque object: the secrets stay in Rust, are wiped when the object is freed,
//! and never appear in `toString`/`repr`/`description`.

use super::error::VippsAuthError;
use crate::config::{self as core, MerchantCredentials, SpecializedCredentials};
use std::fmt;
use std::sync::Arc;

/// Keys from the Vipps MobilePay portal. Immutable; share one instance across threads.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Credentials {
    pub(crate) inner: core::Credentials,
}

#[uniffi::export]
impl Credentials {
    /// Merchant or partner keys, for `POST /accesstoken/get`: client_id, client_secret, the
    /// Ocp-Apim-Subscription-Key and, for partners, the Merchant-Serial-Number.
    #[uniffi::constructor(default(msn = None))]
    pub fn new(
        client_id: String,
        client_secret: String,
        subscription_key: String,
        msn: Option<String>,
    ) -> Result<Arc<Self>, VippsAuthError> {
        let keys = MerchantCredentials::new(client_id, client_secret, subscription_key, msn)?;
        Ok(Arc::new(Credentials { inner: keys.into() }))
    }

    /// Keys for `POST /miami/v1/token` (accounting, management and Donations keys).
    #[uniffi::constructor(default(msn = None))]
    pub fn specialized(
        client_id: String,
        client_secret: String,
        msn: Option<String>,
    ) -> Result<Arc<Self>, VippsAuthError> {
        let keys = SpecializedCredentials::new(client_id, client_secret, msn)?;
        Ok(Arc::new(Credentials { inner: keys.into() }))
    }

    /// Merchant or partner keys from `VIPPS_CLIENT_ID`, `VIPPS_CLIENT_SECRET`,
    /// `VIPPS_SUBSCRIPTION_KEY` and, optionally, `VIPPS_MSN`; a missing one is named.
    #[uniffi::constructor]
    pub fn from_env() -> Result<Arc<Self>, VippsAuthError> {
        Ok(Arc::new(Credentials { inner: MerchantCredentials::from_env()?.into() }))
    }

    pub fn client_id(&self) -> String {
        self.inner.client_id().to_owned()
    }

    pub fn msn(&self) -> Option<String> {
        self.inner.msn().map(str::to_owned)
    }

    /// The same keys with a name of your own ("shop-eu") for series of their own in the
    /// metrics; never the client id or MSN. At most 100 names per process (later ones count
    /// as "other").
    pub fn with_metrics_name(&self, name: String) -> Result<Arc<Self>, VippsAuthError> {
        Ok(Arc::new(Credentials { inner: self.inner.clone().with_metrics_name(&name)? }))
    }

    /// The name these keys count under in the metrics, if they were given one.
    pub fn metrics_name(&self) -> Option<String> {
        self.inner.metrics_name()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.inner {
            core::Credentials::Merchant(_) => "merchant",
            core::Credentials::Specialized(_) => "specialized",
        };
        write!(f, "Credentials({kind}, client_id={}, secrets redacted)", self.inner.client_id())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}
