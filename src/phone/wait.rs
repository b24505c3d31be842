//! Waiting for the user to answer a phone login: poll never faster than `interval` (5 s when
//! Vipps names none), add 5 s after every `slow_down`, wait out 429 and 5xx (`Retry-After`
//! when given) within the expiry, report every poll, and stop at once when cancelled — no
//! request is sent after that. The schedule lives in the login ([`super::schedule`]), so a
//! wait cut short by a timeout loses nothing and the next wait goes on from there.

use super::poll::{poll, PollAnswer};
use super::schedule::{Flight, Next, Step};
use super::started::PhoneLogin;
use super::PhoneLoginOutcome;
use crate::bounds;
use crate::error::Result;
use crate::login::LoginClient;
use crate::metrics::{self, PhoneEvent};
use crate::shared_work::{caught, spawn_shared};
use futures_util::future::{select, Either};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

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

    pub(crate) async fn cancelled(&self) {
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
    /// A wait began (reported once per wait).
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
    let schedule = &login.schedule;
    let deadline = bounds::instant_after(Instant::now(), login.remaining());
    let mut report = |status| {
        let (landed, elapsed) = schedule.progress();
        let expires_in = deadline.saturating_duration_since(Instant::now());
        progress(&PhoneLoginProgress { status, polls: landed.polls, elapsed, expires_in, interval: landed.interval });
    };
    report(WaitStatus::Started);
    loop {
        let flight = match schedule.next(deadline, || launch(client, login, with_userinfo)) {
            Next::Join(flight) => flight,
            Next::SleepUntil(at) => match cancel.unless(tokio::time::sleep_until(at.into())).await {
                Some(()) => continue,
                None => return Ok(PhoneLoginOutcome::Stopped),
            },
            Next::Expires => {
                return Ok(match cancel.unless(tokio::time::sleep_until(deadline.into())).await {
                    Some(()) => {
                        metrics::phone_login(PhoneEvent::Expired);
                        PhoneLoginOutcome::Expired
                    }
                    None => PhoneLoginOutcome::Stopped,
                })
            }
        };
        // Cancelled or timed out meanwhile, the poll goes on: its answer waits in the schedule.
        let Some(step) = cancel.unless(flight.clone()).await else {
            return Ok(PhoneLoginOutcome::Stopped);
        };
        let landed = schedule.land(&flight, &step);
        let status = match step? {
            Step::Done(outcome) => return Ok(outcome),
            Step::Pending => WaitStatus::Pending,
            Step::SlowDown => WaitStatus::SlowedDown,
            Step::Unavailable(_) => WaitStatus::Retrying,
        };
        if let Some(landed) = landed {
            log::debug!("phone login {}: poll {}: {status:?}", login.phone, landed.polls);
            report(status);
        }
    }
}

/// One poll on the SDK runtime, the tokens verified (and userinfo read) when there are some:
/// it completes, and its answer is kept, even if every wait gives up on it.
fn launch(client: &LoginClient, login: &PhoneLogin, with_userinfo: bool) -> Flight {
    let (client, auth_req_id, merchant) = (client.clone(), login.auth_req_id.clone(), login.msn.clone());
    spawn_shared(
        "phone login poll",
        caught("phone login poll", async move {
            Ok(match poll(&client, &auth_req_id, merchant.as_deref()).await? {
                PollAnswer::Tokens(tokens) => {
                    Step::Done(super::finish(&client, tokens, with_userinfo, None, merchant.as_deref()).await?)
                }
                PollAnswer::Denied(description) => Step::Done(PhoneLoginOutcome::Cancelled { description }),
                PollAnswer::Expired => Step::Done(PhoneLoginOutcome::Expired),
                PollAnswer::Pending => Step::Pending,
                PollAnswer::SlowDown => Step::SlowDown,
                PollAnswer::Unavailable(retry_after) => Step::Unavailable(retry_after),
            })
        }),
    )
}
