//! Login from phone number for Kotlin, Swift and Python: start, then wait (async or
//! blocking) with progress through a listener or a poll-able status, and stop from anywhere
//! with `cancel()` — or by cancelling the awaiting coroutine or task. The webhook and the
//! redirect variant complete it without polling.

use super::error::VippsAuthError;
use super::login_client::LoginClient;
use super::login_types::CompletedLogin;
use super::on_runtime::{blocking, on_runtime};
use crate::phone::{self, Cancellation, PhoneNumber, WaitStatus};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// What a phone login asks for, checked when it is made. Its text form shows the number
/// masked.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct PhoneLoginRequest {
    inner: phone::PhoneLoginRequest,
}

#[uniffi::export]
impl PhoneLoginRequest {
    /// `phone` as the cashier typed it, with its country code; `scope` space-separated;
    /// `binding_message` shown on the till and in the app (`generate_binding_message()` makes
    /// one); `requested_expiry_seconds` 60 to 900; `redirect_uri` for the redirect variant;
    /// `msn` the merchant a partner's login is for.
    #[uniffi::constructor(default(scope = "openid", binding_message = None, requested_expiry_seconds = None, redirect_uri = None, msn = None))]
    pub fn new(
        phone: String,
        scope: String,
        binding_message: Option<String>,
        requested_expiry_seconds: Option<i64>,
        redirect_uri: Option<String>,
        msn: Option<String>,
    ) -> Result<Arc<Self>, VippsAuthError> {
        let scopes = crate::login::Scopes::parse(&scope)?;
        let mut request = phone::PhoneLoginRequest::new(PhoneNumber::parse(&phone)?, scopes);
        request.binding_message = binding_message.as_deref().map(phone::BindingMessage::new).transpose()?;
        request.requested_expiry = match requested_expiry_seconds {
            Some(seconds) => Some(Duration::from_secs(
                u64::try_from(seconds).map_err(|_| crate::Error::config("requested_expiry", "60 to 900 s"))?,
            )),
            None => None,
        };
        request.redirect_uri = redirect_uri;
        request.msn = msn;
        Ok(Arc::new(PhoneLoginRequest { inner: request }))
    }
}

impl fmt::Display for PhoneLoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneLoginRequest({}, scope={})", self.inner.phone, self.inner.scopes)
    }
}

impl fmt::Debug for PhoneLoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

/// Where a wait stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum PhoneLoginStatus {
    Started,
    Pending,
    SlowedDown,
    Retrying,
}

#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct PhoneLoginProgress {
    pub status: PhoneLoginStatus,
    pub polls: i32,
    pub elapsed_ms: i64,
    pub expires_in_ms: i64,
    pub interval_ms: i64,
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl From<&phone::PhoneLoginProgress> for PhoneLoginProgress {
    fn from(p: &phone::PhoneLoginProgress) -> Self {
        let status = match p.status {
            WaitStatus::Started => PhoneLoginStatus::Started,
            WaitStatus::Pending => PhoneLoginStatus::Pending,
            WaitStatus::SlowedDown => PhoneLoginStatus::SlowedDown,
            WaitStatus::Retrying => PhoneLoginStatus::Retrying,
        };
        PhoneLoginProgress {
            status,
            polls: i32::try_from(p.polls).unwrap_or(i32::MAX),
            elapsed_ms: millis(p.elapsed),
            expires_in_ms: millis(p.expires_in),
            interval_ms: millis(p.interval),
        }
    }
}

/// Hears of every poll of a wait. Called on the SDK's threads: return quickly.
#[uniffi::export(with_foreign)]
pub trait PhoneLoginListener: Send + Sync {
    fn on_progress(&self, progress: PhoneLoginProgress);
}

/// A phone login Vipps accepted. Its text form shows the masked number, never the
/// `auth_req_id`.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct PhoneLogin {
    inner: phone::PhoneLogin,
    cancel: Cancellation,
    status: Mutex<Option<PhoneLoginProgress>>,
}

impl PhoneLogin {
    fn new(inner: phone::PhoneLogin) -> Arc<Self> {
        Arc::new(PhoneLogin { inner, cancel: Cancellation::new(), status: Mutex::new(None) })
    }
}

#[uniffi::export]
impl PhoneLogin {
    /// Reads what `serialize()` wrote, on this or another server instance.
    #[uniffi::constructor]
    pub fn restore(text: String) -> Result<Arc<Self>, VippsAuthError> {
        Ok(PhoneLogin::new(phone::PhoneLogin::restore(&text)?))
    }

    pub fn serialize(&self) -> String {
        self.inner.serialize().expose().to_owned()
    }

    /// What a webhook ping names.
    pub fn auth_req_id(&self) -> String {
        self.inner.auth_req_id().to_owned()
    }

    /// `+47 *** ** 678`.
    pub fn phone(&self) -> String {
        self.inner.phone().to_owned()
    }

    /// The merchant a partner's login is for; none for a sales unit's own keys.
    pub fn msn(&self) -> Option<String> {
        self.inner.msn().map(str::to_owned)
    }

    pub fn expires_at(&self) -> SystemTime {
        self.inner.expires_at()
    }

    pub fn interval_ms(&self) -> i64 {
        millis(self.inner.interval())
    }

    pub fn redirect_uri(&self) -> Option<String> {
        self.inner.redirect_uri().map(str::to_owned)
    }

    /// Stops a wait at once, from any thread; nothing is sent after.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// The last progress of a wait, for callers that poll instead of listening.
    pub fn status(&self) -> Option<PhoneLoginProgress> {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl fmt::Display for PhoneLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneLogin({}, auth_req_id redacted)", self.inner.phone())
    }
}

impl fmt::Debug for PhoneLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

/// How a phone login ended.
#[derive(uniffi::Enum)]
pub enum PhoneLoginResult {
    Completed {
        login: CompletedLogin,
    },
    /// The user declined in the app.
    Cancelled {
        description: Option<String>,
    },
    /// The user did not answer in time.
    Expired,
    /// `cancel()` stopped the wait.
    Stopped,
    /// Only from `complete_phone_login_now`: the user has not answered yet.
    Pending,
}

impl From<phone::PhoneLoginOutcome> for PhoneLoginResult {
    fn from(outcome: phone::PhoneLoginOutcome) -> Self {
        match outcome {
            phone::PhoneLoginOutcome::Completed(done) => PhoneLoginResult::Completed { login: done.into() },
            phone::PhoneLoginOutcome::Cancelled { description } => PhoneLoginResult::Cancelled { description },
            phone::PhoneLoginOutcome::Expired => PhoneLoginResult::Expired,
            phone::PhoneLoginOutcome::Stopped => PhoneLoginResult::Stopped,
            phone::PhoneLoginOutcome::Pending => PhoneLoginResult::Pending,
        }
    }
}

/// The `auth_req_id` of a `login.merchant-initiated.ping.v1` webhook body.
#[uniffi::export]
pub fn parse_phone_login_ping(body: Vec<u8>) -> Result<String, VippsAuthError> {
    Ok(phone::parse_phone_login_ping(&body)?)
}

/// Records every poll on the login and tells the listener, whose failures stay its own.
fn reporter(
    login: Arc<PhoneLogin>,
    listener: Option<Arc<dyn PhoneLoginListener>>,
) -> impl FnMut(&phone::PhoneLoginProgress) + Send {
    move |progress| {
        let progress = PhoneLoginProgress::from(progress);
        *login.status.lock().unwrap_or_else(|p| p.into_inner()) = Some(progress.clone());
        if let Some(listener) = &listener {
            let _ = catch_unwind(AssertUnwindSafe(|| listener.on_progress(progress)));
        }
    }
}

#[uniffi::export]
impl LoginClient {
    /// Sends the push message to the user's app.
    pub async fn start_phone_login(&self, request: Arc<PhoneLoginRequest>) -> Result<Arc<PhoneLogin>, VippsAuthError> {
        let client = self.inner.clone();
        Ok(PhoneLogin::new(on_runtime(async move { client.start_phone_login(&request.inner).await }).await?))
    }

    pub fn start_phone_login_blocking(
        &self,
        request: Arc<PhoneLoginRequest>,
    ) -> Result<Arc<PhoneLogin>, VippsAuthError> {
        Ok(PhoneLogin::new(blocking(self.inner.start_phone_login(&request.inner))?))
    }

    /// Polls until the user approves, declines or lets it expire, or `login.cancel()` (or
    /// cancelling the awaiting coroutine or task) stops it.
    pub async fn wait_for_phone_login(
        &self,
        login: Arc<PhoneLogin>,
        with_userinfo: bool,
        listener: Option<Arc<dyn PhoneLoginListener>>,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let client = self.inner.clone();
        let waited = on_runtime(async move {
            let report = reporter(login.clone(), listener);
            client.wait_for_phone_login(&login.inner, with_userinfo, &login.cancel, report).await
        });
        Ok(waited.await?.into())
    }

    pub fn wait_for_phone_login_blocking(
        &self,
        login: Arc<PhoneLogin>,
        with_userinfo: bool,
        listener: Option<Arc<dyn PhoneLoginListener>>,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let report = reporter(login.clone(), listener);
        Ok(blocking(self.inner.wait_for_phone_login(&login.inner, with_userinfo, &login.cancel, report))?.into())
    }

    /// The phone login this client's store keeps under `auth_req_id` (see `with_store`), on
    /// any instance of the fleet: wait for it with `wait_for_stored_phone_login`; `cancel` and
    /// `status` work as on a login this instance started.
    pub async fn stored_phone_login(&self, auth_req_id: String) -> Result<Arc<PhoneLogin>, VippsAuthError> {
        let client = self.inner.clone();
        Ok(PhoneLogin::new(on_runtime(async move { client.stored_phone_login(&auth_req_id).await }).await?))
    }

    pub fn stored_phone_login_blocking(&self, auth_req_id: String) -> Result<Arc<PhoneLogin>, VippsAuthError> {
        Ok(PhoneLogin::new(blocking(self.inner.stored_phone_login(&auth_req_id))?))
    }

    /// `wait_for_phone_login` for a login the store keeps: polled in turns with the fleet's
    /// other waiters, one poll at a time and never closer than the interval; the instance
    /// whose poll ends it gets the outcome, the others `StateMismatch`.
    pub async fn wait_for_stored_phone_login(
        &self,
        login: Arc<PhoneLogin>,
        with_userinfo: bool,
        listener: Option<Arc<dyn PhoneLoginListener>>,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let client = self.inner.clone();
        let waited = on_runtime(async move {
            let report = reporter(login.clone(), listener);
            client.wait_for_stored_phone_login(login.inner.auth_req_id(), with_userinfo, &login.cancel, report).await
        });
        Ok(waited.await?.into())
    }

    pub fn wait_for_stored_phone_login_blocking(
        &self,
        login: Arc<PhoneLogin>,
        with_userinfo: bool,
        listener: Option<Arc<dyn PhoneLoginListener>>,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let report = reporter(login.clone(), listener);
        let id = login.inner.auth_req_id();
        Ok(blocking(self.inner.wait_for_stored_phone_login(id, with_userinfo, &login.cancel, report))?.into())
    }

    /// One token request, for the webhook ping: no polling.
    pub async fn complete_phone_login_now(
        &self,
        auth_req_id: String,
        with_userinfo: bool,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let client = self.inner.clone();
        let done = on_runtime(async move { client.complete_phone_login_now(&auth_req_id, with_userinfo).await });
        Ok(done.await?.into())
    }

    pub fn complete_phone_login_now_blocking(
        &self,
        auth_req_id: String,
        with_userinfo: bool,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        Ok(blocking(self.inner.complete_phone_login_now(&auth_req_id, with_userinfo))?.into())
    }

    /// The redirect variant: `callback` is the URL the user's phone opened.
    pub async fn complete_phone_redirect(
        &self,
        login: Arc<PhoneLogin>,
        callback: String,
        with_userinfo: bool,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let client = self.inner.clone();
        let done =
            on_runtime(async move { client.complete_phone_redirect(&login.inner, &callback, with_userinfo).await });
        Ok(done.await?.into())
    }

    pub fn complete_phone_redirect_blocking(
        &self,
        login: Arc<PhoneLogin>,
        callback: String,
        with_userinfo: bool,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        Ok(blocking(self.inner.complete_phone_redirect(&login.inner, &callback, with_userinfo))?.into())
    }

    /// `complete_phone_redirect` for a login the store keeps (see `with_store`), taken by the
    /// redirect's state, once across the fleet.
    pub async fn complete_stored_phone_redirect(
        &self,
        callback: String,
        with_userinfo: bool,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        let client = self.inner.clone();
        let done = on_runtime(async move { client.complete_stored_phone_redirect(&callback, with_userinfo).await });
        Ok(done.await?.into())
    }

    pub fn complete_stored_phone_redirect_blocking(
        &self,
        callback: String,
        with_userinfo: bool,
    ) -> Result<PhoneLoginResult, VippsAuthError> {
        Ok(blocking(self.inner.complete_stored_phone_redirect(&callback, with_userinfo))?.into())
    }

    /// Whether the number belongs to someone who can log in (optional; a start never
    /// depends on it).
    pub async fn user_exists(&self, phone: String) -> Result<bool, VippsAuthError> {
        let (client, number) = (self.inner.clone(), PhoneNumber::parse(&phone)?);
        on_runtime(async move { client.user_exists(&number).await }).await
    }

    pub fn user_exists_blocking(&self, phone: String) -> Result<bool, VippsAuthError> {
        blocking(self.inner.user_exists(&PhoneNumber::parse(&phone)?))
    }
}
