//! The backend's side of app-to-app: finish a login from the code handoff a phone app sent,
//! with the pending login the backend kept — or, when the phone built the authorize URL,
//! with the verifier, nonce and redirect URI the handoff carries.

use super::handoff::CodeHandoff;
use crate::error::{Error, Result};
use crate::login::random::constant_time_eq;
use crate::login::{check_redirect_uri, LoginClient, LoginOutcome, PendingLogin};
use crate::metrics;
use crate::store::Kept;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a handoff from a device-built login can be completed: as a pending login.
const DEVICE_LIFETIME: Duration = Duration::from_secs(15 * 60);

impl LoginClient {
    /// Completes a login from a phone app's [`CodeHandoff`]: the same exchange and checks as
    /// [`complete`](Self::complete), each login at most once.
    pub async fn complete_handoff(
        &self,
        handoff: &CodeHandoff,
        pending: Option<&PendingLogin>,
        with_userinfo: bool,
    ) -> Result<LoginOutcome> {
        let completing = self.handoff_once(handoff, pending, with_userinfo);
        metrics::login_ended(metrics::spans::step("login.complete_handoff", completing).await)
    }

    async fn handoff_once(
        &self,
        handoff: &CodeHandoff,
        pending: Option<&PendingLogin>,
        with_userinfo: bool,
    ) -> Result<LoginOutcome> {
        let from_device;
        let pending = match (pending, &handoff.device) {
            (Some(pending), _) if !constant_time_eq(handoff.state(), pending.state()) => {
                return Err(Error::StateMismatch("the handoff's state is not this pending login's".into()))
            }
            (Some(pending), _) => pending,
            (None, Some(device)) => {
                check_redirect_uri(&device.redirect_uri, self.is_production())?;
                let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
                from_device = PendingLogin {
                    state: handoff.state.clone().into(),
                    nonce: device.nonce.clone(),
                    code_verifier: device.code_verifier.clone(),
                    redirect_uri: device.redirect_uri.clone(),
                    scope: String::new(),
                    acr: None,
                    app_callback_uri: None,
                    created_at: now,
                    expires_at: now + DEVICE_LIFETIME.as_secs(),
                    login_origin: None,
                    msn: None,
                };
                &from_device
            }
            (None, None) => {
                return Err(Error::config(
                    "pending_login",
                    "this handoff carries no verifier: complete it with the pending login the backend kept",
                ))
            }
        };
        pending.check_not_expired(SystemTime::now())?;
        self.mark_completed(pending.state(), pending.expires_at)?;
        self.finish(pending, &handoff.code, with_userinfo).await
    }

    /// [`complete_handoff`](Self::complete_handoff) for a login whose pending part this
    /// client's store keeps (see [`with_store`](LoginClient::with_store)): taken by the
    /// handoff's state, once across the fleet.
    pub async fn complete_stored_handoff(&self, handoff: &CodeHandoff, with_userinfo: bool) -> Result<LoginOutcome> {
        let completing = async {
            let pending = PendingLogin::restore(self.take_kept(Kept::Pending, handoff.state()).await?.expose())?;
            self.handoff_once(handoff, Some(&pending), with_userinfo).await
        };
        metrics::login_ended(completing.await)
    }
}
