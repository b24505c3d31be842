//! The Login client for Kotlin, Swift and Python: browser and app logins for a backend, each
//! call async (a coroutine, Swift `async`, a Python awaitable) and blocking (`*_blocking`,
//! for plain threads, scripts and WSGI handlers).

use super::config::Config;
use super::credentials::Credentials;
use super::error::VippsAuthError;
use super::login_types::{Authorization, AuthorizeRequest, LoginResult, PendingLogin};
use super::on_runtime::{blocking, on_runtime};
use super::store::RedisStore;
use super::user_info::UserInfo;
use crate::app::CodeHandoff;
use crate::config::Credentials as CoreCredentials;
use crate::login::{self, LoginAuth};
use std::fmt;
use std::sync::Arc;

/// Login for one sales unit (or a partner acting for one) in one environment. One per
/// process: it caches discovery and Vipps' signing keys.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct LoginClient {
    pub(crate) inner: login::LoginClient,
}

fn made(config: &Config, auth: LoginAuth) -> Result<Arc<LoginClient>, VippsAuthError> {
    Ok(Arc::new(LoginClient { inner: login::LoginClient::new(config.inner.clone(), auth)? }))
}

#[uniffi::export]
impl LoginClient {
    /// `client_secret_basic`, Vipps' default token-endpoint authentication.
    #[uniffi::constructor]
    pub fn new(config: Arc<Config>, client_id: String, client_secret: String) -> Result<Arc<Self>, VippsAuthError> {
        made(&config, LoginAuth::ClientSecretBasic { client_id, client_secret: client_secret.into() })
    }

    /// The keys from `VIPPS_CLIENT_ID` and `VIPPS_CLIENT_SECRET`, sent as `VIPPS_LOGIN_AUTH`
    /// says: `basic` (the default), `post`, or `partner` (also `VIPPS_SUBSCRIPTION_KEY`, and
    /// `VIPPS_MSN` for the merchant of logins that name none). A missing one is a
    /// configuration error naming it.
    #[uniffi::constructor]
    pub fn from_env(config: Arc<Config>) -> Result<Arc<Self>, VippsAuthError> {
        made(&config, LoginAuth::from_env()?)
    }

    /// `client_secret_post`: only when the sales unit's portal setting says so.
    #[uniffi::constructor]
    pub fn client_secret_post(
        config: Arc<Config>,
        client_id: String,
        client_secret: String,
    ) -> Result<Arc<Self>, VippsAuthError> {
        made(&config, LoginAuth::ClientSecretPost { client_id, client_secret: client_secret.into() })
    }

    /// Partner keys (with the merchant's MSN): a cached `/accesstoken/get` token as Bearer.
    #[uniffi::constructor]
    pub fn partner(config: Arc<Config>, keys: Arc<Credentials>) -> Result<Arc<Self>, VippsAuthError> {
        match &keys.inner {
            CoreCredentials::Merchant(keys) => made(&config, LoginAuth::Partner { keys: keys.clone() }),
            CoreCredentials::Specialized(_) => Err(crate::Error::config(
                "keys",
                "partner Login takes the keys of /accesstoken/get (Credentials(...)), not specialized ones",
            )
            .into()),
        }
    }

    /// The same client keeping its pending logins in `store`, for every instance of the fleet
    /// with the same keys: `authorize` keeps each there, and `complete_stored` takes it by
    /// the callback's state, once across the fleet. Names in the store start with `prefix`.
    #[uniffi::method(default(prefix = "vipps-auth:"))]
    pub fn with_store(&self, store: Arc<RedisStore>, prefix: String) -> Arc<Self> {
        Arc::new(LoginClient { inner: self.inner.clone().with_store(store.inner.clone(), &prefix) })
    }

    /// The URL to send the browser to, and the pending login to keep.
    pub async fn authorize(&self, request: AuthorizeRequest) -> Result<Authorization, VippsAuthError> {
        let (client, request) = (self.inner.clone(), request.to_core()?);
        Ok(on_runtime(async move { client.authorize(&request).await }).await?.into())
    }

    pub fn authorize_blocking(&self, request: AuthorizeRequest) -> Result<Authorization, VippsAuthError> {
        Ok(blocking(self.inner.authorize(&request.to_core()?))?.into())
    }

    /// The redirect handler's one call: the callback URL the browser came back to becomes a
    /// verified identity (and userinfo, if asked), or a cancelled login.
    pub async fn complete(
        &self,
        pending: Arc<PendingLogin>,
        callback: String,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        let client = self.inner.clone();
        let done = on_runtime(async move { client.complete(&pending.inner, &callback, with_userinfo).await });
        Ok(done.await?.into())
    }

    pub fn complete_blocking(
        &self,
        pending: Arc<PendingLogin>,
        callback: String,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        Ok(blocking(self.inner.complete(&pending.inner, &callback, with_userinfo))?.into())
    }

    /// `complete` for a login the store keeps (see `with_store`): found and taken by the
    /// callback's state, so a callback completes once across the fleet.
    pub async fn complete_stored(&self, callback: String, with_userinfo: bool) -> Result<LoginResult, VippsAuthError> {
        let client = self.inner.clone();
        Ok(on_runtime(async move { client.complete_stored(&callback, with_userinfo).await }).await?.into())
    }

    pub fn complete_stored_blocking(
        &self,
        callback: String,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        Ok(blocking(self.inner.complete_stored(&callback, with_userinfo))?.into())
    }

    /// Finishes an app login from the handoff JSON the phone app sent (see `CodeHandoff`),
    /// with the pending login the backend kept — or none, when the phone built the URL.
    pub async fn complete_handoff(
        &self,
        handoff: String,
        pending: Option<Arc<PendingLogin>>,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        let (client, handoff) = (self.inner.clone(), CodeHandoff::parse(&handoff)?);
        let done = on_runtime(async move {
            client.complete_handoff(&handoff, pending.as_ref().map(|p| &p.inner), with_userinfo).await
        });
        Ok(done.await?.into())
    }

    pub fn complete_handoff_blocking(
        &self,
        handoff: String,
        pending: Option<Arc<PendingLogin>>,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        let handoff = CodeHandoff::parse(&handoff)?;
        let pending = pending.as_ref().map(|p| &p.inner);
        Ok(blocking(self.inner.complete_handoff(&handoff, pending, with_userinfo))?.into())
    }

    /// `complete_handoff` for a login the store keeps, taken by the handoff's state.
    pub async fn complete_stored_handoff(
        &self,
        handoff: String,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        let (client, handoff) = (self.inner.clone(), CodeHandoff::parse(&handoff)?);
        Ok(on_runtime(async move { client.complete_stored_handoff(&handoff, with_userinfo).await }).await?.into())
    }

    pub fn complete_stored_handoff_blocking(
        &self,
        handoff: String,
        with_userinfo: bool,
    ) -> Result<LoginResult, VippsAuthError> {
        Ok(blocking(self.inner.complete_stored_handoff(&CodeHandoff::parse(&handoff)?, with_userinfo))?.into())
    }

    /// The user's data, with a completed login's access token (valid about ten minutes).
    pub async fn userinfo(&self, access_token: String) -> Result<UserInfo, VippsAuthError> {
        let client = self.inner.clone();
        Ok(on_runtime(async move { client.userinfo(&access_token).await }).await?.into())
    }

    pub fn userinfo_blocking(&self, access_token: String) -> Result<UserInfo, VippsAuthError> {
        Ok(blocking(self.inner.userinfo(&access_token))?.into())
    }

    /// Seconds Vipps' clock is ahead of this machine's (negative: behind), once known.
    pub fn clock_offset_seconds(&self) -> Option<i64> {
        self.inner.clock_offset_seconds()
    }
}

impl fmt::Display for LoginClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl fmt::Debug for LoginClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}
