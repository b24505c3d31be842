//! Waiting for the user to answer a phone login: poll never faster than `interval` (5 s when
//! Vipps names none), add 5 s after every `slow_down`, wait out 429 and 5xx (`Retry-After`
//! when given) within the expiry, report every poll, and stop at once when cancelled — no
//! request is sent after that.

use super::poll::{poll, PollAnswer};
use super::started::{PhoneLogin, DEFAULT_INTERVAL};
use super::PhoneLoginOutcome;
use crate::error::Result;
use crate::login::LoginClient;
use futures_util::future::{select, Either};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The standard's `slow_down` penalty.
const SLOW_DOWN: Duration = Duration::from_secs(5);

/// Stops a wait from anywhere — another thread, a Cancel button, a signal handler. Clones
/// share the signal.
#[derive(Clone, Debug)]
pub struct Cancellation {
    signal: Arc<watch::Sender<bool>>,
}

impl Cancellation {
    pub fn new() -> Self {
        Cancellation { signal: Arc::new(watch::Sender::new(false)) }
    }

    pub fn cancel(&self) {
        self.signal.send_replace(true);
    }

    pub fn is_cancelled(&self) -> bool {
        *self.signal.borrow()
    }

    async fn cancelled(&self) {
        let _ = self.signal.subscribe().wait_for(|cancelled| *cancelled).await;
    }

    /// `Some(output)` if `work` finished first, `None` if cancelled first (`work` is dropped).
    pub(crate) async fn unless<F: Future>(&self, work: F) -> Option<F::Output> {
        if self.is_cancelled() {
            return None;
        }
        match select(pin!(work), pin!(self.cancelled())).await {
            Either::Left((output, _)) => Some(output),
            Either::Right(_) => None,
        }
    }
}

impl Default for Cancellation {
    fn default() -> Self {
        Self::new()
    }
}

/// Where a wait stands, reported after every poll (and once at the start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneLoginProgress {
    pub status: WaitStatus,
    /// Polls sent so far.
    pub polls: u32,
    pub elapsed: Duration,
    pub expires_in: Duration,
    /// The least time until the next poll (grows after `slow_down`).
    pub interval: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitStatus {
    /// Waiting for the first poll.
    Started,
    /// The user has not answered yet.
    Pending,
    /// Vipps asked for slower polling: the interval grew by 5 s.
    SlowedDown,
    /// Vipps was busy or unreachable (429, 5xx, network): polling again later.
    Retrying,
}

pub(crate) async fn wait(
    client: &LoginClient,
    login: &PhoneLogin,
    with_userinfo: bool,
    cancel: &Cancellation,
    progress: &mut (dyn FnMut(&PhoneLoginProgress) + Send),
) -> Result<PhoneLoginOutcome> {
    let started = Instant::now();
    let deadline = started + login.remaining();
    let mut interval = if login.interval.is_zero() { DEFAULT_INTERVAL } else { login.interval };
    let mut next_wait = interval;
    let mut polls = 0;
    let mut report = |status, polls, interval| {
        let expires_in = deadline.saturating_duration_since(Instant::now());
        progress(&PhoneLoginProgress { status, polls, elapsed: started.elapsed(), expires_in, interval });
    };
    report(WaitStatus::Started, 0, interval);
    loop {
        let poll_at = Instant::now() + next_wait;
        if poll_at >= deadline {
            // The next poll would come too late: the login expires unanswered.
            return Ok(match cancel.unless(tokio::time::sleep_until(deadline.into())).await {
                Some(()) => PhoneLoginOutcome::Expired,
                None => PhoneLoginOutcome::Stopped,
            });
        }
        let Some(answer) = cancel
            .unless(async {
                tokio::time::sleep_until(poll_at.into()).await;
                poll(client, &login.auth_req_id).await
            })
            .await
        else {
            return Ok(PhoneLoginOutcome::Stopped);
        };
        polls += 1;
        next_wait = interval;
        let status = match answer? {
            PollAnswer::Tokens(tokens) => return super::finish(client, tokens, with_userinfo, None).await,
            PollAnswer::Denied(description) => return Ok(PhoneLoginOutcome::Cancelled { description }),
            PollAnswer::Expired => return Ok(PhoneLoginOutcome::Expired),
            PollAnswer::Pending => WaitStatus::Pending,
            PollAnswer::SlowDown => {
                interval += SLOW_DOWN;
                next_wait = interval;
                WaitStatus::SlowedDown
            }
            PollAnswer::Unavailable(retry_after) => {
                next_wait = interval.max(retry_after.unwrap_or_default());
                WaitStatus::Retrying
            }
        };
        log::debug!("phone login {}: poll {polls}: {status:?}", login.phone);
        report(status, polls, interval);
    }
}
