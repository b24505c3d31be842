//! A phone login's polling schedule: when the next poll may leave, the interval (grown by
//! every `slow_down`), and the poll in flight with its answer. It belongs to the login, not
//! to one wait: a till's UI loop that waits in 300 ms slices resumes the same schedule, a
//! timeout never drops an answer (Vipps hands the tokens out once: the next wait receives
//! them), and polls are never closer than the interval however the waits are sliced.

use super::PhoneLoginOutcome;
use crate::bounds;
use crate::error::Result;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The standard's `slow_down` penalty.
pub(crate) const SLOW_DOWN: Duration = Duration::from_secs(5);

/// What one poll found out, after verifying the tokens when there were some.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    /// The login ended: approved and verified, declined, or expired.
    Done(PhoneLoginOutcome),
    Pending,
    SlowDown,
    /// 429, 5xx or no answer: poll again after `Retry-After` if given.
    Unavailable(Option<Duration>),
}

/// A poll running on the SDK runtime; it completes however many waits give up on it.
pub(crate) type Flight = crate::shared_work::Flight<Step>;

/// What a wait does next.
pub(crate) enum Next {
    /// Await this poll (it may have answered already).
    Join(Flight),
    /// Nothing may be sent before this instant.
    SleepUntil(Instant),
    /// The next poll would come at or after the deadline: the login expires unanswered.
    Expires,
}

/// What the schedule says after a poll landed, for the progress report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Landed {
    pub polls: u32,
    pub interval: Duration,
}

pub(crate) struct Schedule {
    state: Mutex<State>,
}

struct State {
    started: Instant,
    next_poll_at: Instant,
    interval: Duration,
    polls: u32,
    /// The poll in flight, or the one whose answer ended the login (kept, so that every
    /// later wait returns the same outcome).
    flight: Option<Flight>,
    /// The login's outcome is in: nothing more to record.
    ended: bool,
}

impl Schedule {
    /// The first poll may leave one interval from now.
    pub(crate) fn new(interval: Duration) -> Schedule {
        let now = Instant::now();
        let interval = bounds::CIBA_INTERVAL.clamp(interval);
        Schedule {
            state: Mutex::new(State {
                started: now,
                next_poll_at: bounds::instant_after(now, interval),
                interval,
                polls: 0,
                flight: None,
                ended: false,
            }),
        }
    }

    /// The poll to await: the one in flight, or a new one from `launch` when it is due —
    /// unless the next one would come at or after `deadline`.
    pub(crate) fn next(&self, deadline: Instant, launch: impl FnOnce() -> Flight) -> Next {
        let mut state = self.lock();
        if let Some(flight) = &state.flight {
            return Next::Join(flight.clone());
        }
        if state.next_poll_at >= deadline {
            return Next::Expires;
        }
        if Instant::now() < state.next_poll_at {
            return Next::SleepUntil(state.next_poll_at);
        }
        let flight = launch();
        state.flight = Some(flight.clone());
        Next::Join(flight)
    }

    /// Records `flight`'s answer once, however many waits saw it: the next poll time and
    /// interval. `None` when another wait recorded it first. An ended login keeps its flight.
    pub(crate) fn land(&self, flight: &Flight, step: &Result<Step>) -> Option<Landed> {
        let mut state = self.lock();
        if state.ended || !state.flight.as_ref().is_some_and(|f| f.ptr_eq(flight)) {
            return None;
        }
        state.polls += 1;
        let wait = match step {
            Ok(Step::Done(_)) | Err(_) => {
                state.ended = true;
                return Some(state.landed());
            }
            Ok(Step::Pending) => state.interval,
            Ok(Step::SlowDown) => {
                state.interval = bounds::CIBA_INTERVAL.clamp(state.interval.saturating_add(SLOW_DOWN));
                state.interval
            }
            Ok(Step::Unavailable(retry_after)) => state.interval.max(retry_after.unwrap_or_default()),
        };
        state.flight = None;
        state.next_poll_at = bounds::instant_after(Instant::now(), wait);
        Some(state.landed())
    }

    pub(crate) fn progress(&self) -> (Landed, Duration) {
        let state = self.lock();
        (state.landed(), state.started.elapsed())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl State {
    fn landed(&self) -> Landed {
        Landed { polls: self.polls, interval: self.interval }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    fn far() -> Instant {
        Instant::now() + Duration::from_secs(3600)
    }

    fn answered(step: Step) -> Flight {
        async move { Ok(step) }.boxed().shared()
    }

    #[test]
    fn a_poll_waits_one_interval_and_slow_down_grows_it() {
        let schedule = Schedule::new(Duration::from_secs(2));
        assert!(matches!(schedule.next(far(), || unreachable!()), Next::SleepUntil(_)), "not before the interval");
        schedule.lock().next_poll_at = Instant::now();
        let Next::Join(flight) = schedule.next(far(), || answered(Step::SlowDown)) else { panic!("due") };
        let Next::Join(same) = schedule.next(far(), || unreachable!()) else { panic!("in flight") };
        assert!(same.ptr_eq(&flight), "a second wait joins the poll in flight");
        let landed = schedule.land(&flight, &Ok(Step::SlowDown)).unwrap();
        assert_eq!(landed, Landed { polls: 1, interval: Duration::from_secs(7) });
        assert_eq!(schedule.land(&flight, &Ok(Step::SlowDown)), None, "recorded once");
        let Next::SleepUntil(next) = schedule.next(far(), || unreachable!()) else { panic!("not yet due") };
        assert!(next >= Instant::now() + Duration::from_millis(6900));
        assert!(matches!(schedule.next(next, || unreachable!()), Next::Expires), "due only at the deadline");
    }

    #[test]
    fn an_ended_login_keeps_its_answer() {
        let schedule = Schedule::new(Duration::ZERO);
        schedule.lock().next_poll_at = Instant::now();
        let Next::Join(flight) = schedule.next(far(), || answered(Step::Done(PhoneLoginOutcome::Expired))) else {
            panic!("due")
        };
        schedule.land(&flight, &Ok(Step::Done(PhoneLoginOutcome::Expired)));
        let Next::Join(again) = schedule.next(far(), || unreachable!()) else { panic!("kept") };
        assert!(again.ptr_eq(&flight));
        assert_eq!(schedule.land(&again, &Ok(Step::Done(PhoneLoginOutcome::Expired))), None, "counted once");
        assert_eq!(schedule.progress().0.polls, 1);
    }
}
