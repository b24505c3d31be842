//! A phone login waited on from any instance of the fleet. The store keeps the login with its
//! poll schedule — when the next poll may leave, the interval as grown by `slow_down`s, the
//! polls so far — and each poll is one instance's turn under a short lease: only one instance
//! polls at a time, and polls are never closer than the interval fleet-wide, however many
//! instances wait. The instance whose poll ends the login removes it; any other waiter then
//! finds nothing and gets [`Error::StateMismatch`], as a second completion does.

use super::poll::{poll, PollAnswer};
use super::schedule::SLOW_DOWN;
use super::started::PhoneLogin;
use super::wait::{Cancellation, PhoneLoginProgress, WaitStatus};
use super::PhoneLoginOutcome;
use crate::bounds;
use crate::error::{Error, Result};
use crate::login::random::url_safe;
use crate::login::LoginClient;
use crate::metrics::{self, PhoneEvent};
use crate::secret::Secret;
use crate::store::Kept;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How often a waiter looks again while another instance has the turn.
const TURN_TAKEN: Duration = Duration::from_millis(200);

/// What the store keeps for a phone login being polled.
#[derive(Serialize, Deserialize)]
pub(crate) struct Turns {
    /// The login, serialised.
    login: String,
    /// Milliseconds since the epoch before which no poll may leave.
    next_poll_ms: u64,
    interval_s: u64,
    polls: u32,
}

impl Turns {
    /// A login just started: the first poll one interval from now.
    pub(crate) fn first(login: &PhoneLogin) -> Secret {
        let turns = Turns {
            login: login.serialize().expose().to_owned(),
            next_poll_ms: epoch_ms(SystemTime::now() + login.interval()),
            interval_s: login.interval().as_secs(),
            polls: 0,
        };
        Secret::new(serde_json::to_string(&turns).expect("plain data serialises"))
    }
}

impl LoginClient {
    /// The phone login this client's store keeps under `auth_req_id`, as started on whichever
    /// instance; `StateMismatch` once it has ended (or was never kept with these keys).
    pub async fn stored_phone_login(&self, auth_req_id: &str) -> Result<PhoneLogin> {
        match self.turns(auth_req_id).await? {
            Some(turns) => PhoneLogin::restore(&turns.login),
            None => Err(gone()),
        }
    }

    /// [`wait_for_phone_login`](Self::wait_for_phone_login) for a login this client's store
    /// keeps (see [`with_store`](LoginClient::with_store)), on whichever instance: found by
    /// its `auth_req_id`, polled in turns with the fleet's other waiters.
    pub async fn wait_for_stored_phone_login(
        &self,
        auth_req_id: &str,
        with_userinfo: bool,
        cancel: &Cancellation,
        mut progress: impl FnMut(&PhoneLoginProgress) + Send,
    ) -> Result<PhoneLoginOutcome> {
        let (began, owner) = (Instant::now(), url_safe(16)?);
        let mut reported = false;
        loop {
            let Some(mut turns) = self.turns(auth_req_id).await? else { return Err(gone()) };
            let login = PhoneLogin::restore(&turns.login)?;
            let mut report = |status, turns: &Turns| {
                let interval = Duration::from_secs(turns.interval_s);
                let elapsed = began.elapsed();
                progress(&PhoneLoginProgress {
                    status,
                    polls: turns.polls,
                    elapsed,
                    expires_in: login.remaining(),
                    interval,
                })
            };
            if !std::mem::replace(&mut reported, true) {
                report(WaitStatus::Started, &turns);
            }
            if login.remaining().is_zero() {
                let _ = self.take_kept(Kept::PhoneLogin, auth_req_id).await;
                metrics::phone_login(PhoneEvent::Expired);
                return Ok(PhoneLoginOutcome::Expired);
            }
            let due_in = Duration::from_millis(turns.next_poll_ms.saturating_sub(epoch_ms(SystemTime::now())));
            if !due_in.is_zero() {
                if cancel.unless(tokio::time::sleep(due_in.min(login.remaining()))).await.is_none() {
                    return Ok(PhoneLoginOutcome::Stopped);
                }
                continue;
            }
            // The turn lasts one poll: the call's budget and a second.
            let turn = self.http_budget() + Duration::from_secs(1);
            if !self.take_turn(auth_req_id, owner.expose(), turn).await? {
                if cancel.unless(tokio::time::sleep(TURN_TAKEN)).await.is_none() {
                    return Ok(PhoneLoginOutcome::Stopped);
                }
                continue;
            }
            let polled = self.poll_turn(auth_req_id, &login, &mut turns, with_userinfo).await;
            self.end_turn(auth_req_id, owner.expose()).await;
            match polled? {
                Ok(outcome) => return Ok(outcome),
                Err(status) => report(status, &turns),
            }
        }
    }

    /// One poll under the turn, unless the login moved on meanwhile: the outcome when it
    /// ended (the login then leaves the store), else what the poll said, with the turns
    /// brought up to date in the store.
    async fn poll_turn(
        &self,
        auth_req_id: &str,
        login: &PhoneLogin,
        turns: &mut Turns,
        with_userinfo: bool,
    ) -> Result<std::result::Result<PhoneLoginOutcome, WaitStatus>> {
        // Read again under the turn: another instance may have polled since.
        match self.turns(auth_req_id).await? {
            Some(now) if now.next_poll_ms == turns.next_poll_ms => {}
            _ => return Ok(Err(WaitStatus::Pending)),
        }
        let merchant = login.msn();
        let answer = poll(self, &login.auth_req_id, merchant).await?;
        let mut interval = Duration::from_secs(turns.interval_s);
        if matches!(answer, PollAnswer::Tokens(_) | PollAnswer::Denied(_) | PollAnswer::Expired) {
            // The login ended on this turn: no other instance may poll it again.
            let _ = self.take_kept(Kept::PhoneLogin, auth_req_id).await;
        }
        let (status, wait) = match answer {
            PollAnswer::Tokens(tokens) => {
                return Ok(Ok(super::finish(self, tokens, with_userinfo, None, merchant).await?))
            }
            PollAnswer::Denied(description) => return Ok(Ok(PhoneLoginOutcome::Cancelled { description })),
            PollAnswer::Expired => return Ok(Ok(PhoneLoginOutcome::Expired)),
            PollAnswer::Pending => (WaitStatus::Pending, interval),
            PollAnswer::SlowDown => {
                interval = bounds::CIBA_INTERVAL.clamp(interval + SLOW_DOWN);
                (WaitStatus::SlowedDown, interval)
            }
            PollAnswer::Unavailable(retry_after) => {
                (WaitStatus::Retrying, retry_after.unwrap_or(interval).max(interval))
            }
        };
        turns.polls += 1;
        turns.interval_s = interval.as_secs();
        turns.next_poll_ms = epoch_ms(SystemTime::now() + wait);
        let text = Secret::new(serde_json::to_string(&*turns).expect("plain data serialises"));
        self.keep(Kept::PhoneLogin, auth_req_id, &text, login.expires_at()).await?;
        Ok(Err(status))
    }

    async fn turns(&self, auth_req_id: &str) -> Result<Option<Turns>> {
        let Some(text) = self.read_kept(Kept::PhoneLogin, auth_req_id).await? else { return Ok(None) };
        serde_json::from_str(text.expose()).map(Some).map_err(|_| Error::protocol("a damaged phone login in the store"))
    }
}

fn gone() -> Error {
    Error::StateMismatch(
        "no phone login waits under this auth_req_id in the store: completed already (here or on another instance), expired, or not started with these keys".into(),
    )
}

fn epoch_ms(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64
}
