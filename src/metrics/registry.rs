//! The process's counters: one static registry of atomics, written with relaxed adds where
//! things happen (never on the cache-hit path, which `hits` counts) and read by snapshots.

use super::facade;
use super::histogram::Histogram;
use super::labels::{AppEvent, Endpoint, Level, LoginEvent, Outcome, PhoneEvent, StoreEvent};
use super::names::MAX_NAMES;
use crate::error::{ErrorCode, IdTokenRule};
use crate::login::LoginOutcome;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// A counter per value of one label.
pub(crate) struct Counters<const N: usize>([AtomicU64; N]);

impl<const N: usize> Counters<N> {
    const fn new() -> Self {
        Counters([const { AtomicU64::new(0) }; N])
    }

    pub(crate) fn add(&self, index: usize, by: u64) {
        self.0[index].fetch_add(by, Relaxed);
    }

    pub(crate) fn get(&self, index: usize) -> u64 {
        self.0[index].load(Relaxed)
    }
}

const ENDPOINTS: usize = Endpoint::COUNT;
const RULES: usize = IdTokenRule::ALL.len();
const KINDS: usize = ErrorCode::ALL.len();

pub(crate) struct Registry {
    pub(crate) requests: [Counters<{ Outcome::COUNT }>; ENDPOINTS],
    pub(crate) durations: [Histogram; ENDPOINTS],
    pub(crate) retries: Counters<ENDPOINTS>,
    pub(crate) retry_after_waits: Counters<ENDPOINTS>,
    /// Stale and fetched gets, and the hits the bindings answered on their own side.
    pub(crate) token_gets: Counters<{ Level::COUNT }>,
    pub(crate) token_errors: Counters<KINDS>,
    pub(crate) background_refreshes: Counters<1>,
    pub(crate) single_flight_waiters: Counters<1>,
    pub(crate) cache_evictions: Counters<1>,
    pub(crate) cache_overflows: Counters<1>,
    pub(crate) logins: Counters<{ LoginEvent::COUNT }>,
    pub(crate) id_token_refusals: Counters<RULES>,
    pub(crate) jwks_refetches: Counters<1>,
    pub(crate) phone_logins: Counters<{ PhoneEvent::COUNT }>,
    pub(crate) phone_slow_downs: Counters<1>,
    pub(crate) app_urls: Counters<{ AppEvent::COUNT }>,
    pub(crate) store: Counters<{ StoreEvent::COUNT }>,
    /// Token requests of named credentials by slot (see `names`): succeeded, failed.
    pub(crate) credential_fetches: [Counters<2>; MAX_NAMES + 1],
}

pub(crate) static METRICS: Registry = Registry {
    requests: [const { Counters::new() }; ENDPOINTS],
    durations: [const { Histogram::new() }; ENDPOINTS],
    retries: Counters::new(),
    retry_after_waits: Counters::new(),
    token_gets: Counters::new(),
    token_errors: Counters::new(),
    background_refreshes: Counters::new(),
    single_flight_waiters: Counters::new(),
    cache_evictions: Counters::new(),
    cache_overflows: Counters::new(),
    logins: Counters::new(),
    id_token_refusals: Counters::new(),
    jwks_refetches: Counters::new(),
    phone_logins: Counters::new(),
    phone_slow_downs: Counters::new(),
    app_urls: Counters::new(),
    store: Counters::new(),
    credential_fetches: [const { Counters::new() }; MAX_NAMES + 1],
};

/// One attempt of a request: where, how it ended, how long it took.
pub(crate) fn request(endpoint: Endpoint, outcome: Outcome, elapsed: Duration) {
    METRICS.requests[endpoint as usize].add(outcome as usize, 1);
    METRICS.durations[endpoint as usize].observe(elapsed);
    let labels = [("endpoint", endpoint.value()), ("outcome", outcome.value())];
    facade::count("vipps_auth_requests_total", &labels, 1);
    facade::observe("vipps_auth_request_duration_seconds", &labels[..1], elapsed.as_secs_f64());
}

/// A retry, and whether its wait was the server's `Retry-After`.
pub(crate) fn retry(endpoint: Endpoint, told_to_wait: bool) {
    METRICS.retries.add(endpoint as usize, 1);
    facade::count("vipps_auth_retries_total", &[("endpoint", endpoint.value())], 1);
    if told_to_wait {
        METRICS.retry_after_waits.add(endpoint as usize, 1);
        facade::count("vipps_auth_retry_after_waits_total", &[("endpoint", endpoint.value())], 1);
    }
}

pub(crate) fn token_get(level: Level) {
    facade::count("vipps_auth_token_gets_total", &[("level", level.value())], 1);
    match level {
        Level::Cached => super::hits::count(1),
        _ => METRICS.token_gets.add(level as usize, 1),
    }
}

/// A token request for credentials the application named, if it did.
pub(crate) fn credential_fetch(slot: Option<u8>, succeeded: bool) {
    if let Some(slot) = slot {
        METRICS.credential_fetches[usize::from(slot)].add(usize::from(!succeeded), 1);
        if cfg!(feature = "metrics") {
            let (name, outcome) = (super::names::name_of(slot), if succeeded { "ok" } else { "error" });
            facade::count(
                "vipps_auth_credential_token_requests_total",
                &[("credential", &name), ("outcome", outcome)],
                1,
            );
        }
    }
}

pub(crate) fn token_error(code: ErrorCode) {
    METRICS.token_errors.add(code as usize - 1, 1);
    facade::count("vipps_auth_token_errors_total", &[("kind", code.name())], 1);
}

pub(crate) fn login(event: LoginEvent) {
    METRICS.logins.add(event as usize, 1);
    facade::count("vipps_auth_logins_total", &[("event", event.value())], 1);
}

/// How a login's completion ended (a refusal by an ID-token rule also counts by rule);
/// passes the outcome on.
pub(crate) fn login_ended(outcome: crate::Result<LoginOutcome>) -> crate::Result<LoginOutcome> {
    match &outcome {
        Ok(LoginOutcome::Completed(_)) => login(LoginEvent::Completed),
        Ok(LoginOutcome::Cancelled { .. }) => login(LoginEvent::Cancelled),
        Err(error) => {
            login(LoginEvent::Failed);
            id_token_refused(error);
        }
    }
    outcome
}

pub(crate) fn id_token_refused(error: &crate::Error) {
    if let crate::Error::IdToken { rule, .. } = error {
        METRICS.id_token_refusals.add(*rule as usize, 1);
        facade::count("vipps_auth_id_token_refusals_total", &[("rule", rule.name())], 1);
    }
}

pub(crate) fn phone_login(event: PhoneEvent) {
    METRICS.phone_logins.add(event as usize, 1);
    facade::count("vipps_auth_phone_logins_total", &[("event", event.value())], 1);
}

pub(crate) fn store(event: StoreEvent) {
    METRICS.store.add(event as usize, 1);
    facade::count("vipps_auth_store_events_total", &[("event", event.value())], 1);
}

pub(crate) fn app_url(event: AppEvent) {
    METRICS.app_urls.add(event as usize, 1);
    facade::count("vipps_auth_app_urls_total", &[("outcome", event.value())], 1);
}

pub(crate) fn evictions(count: u64) {
    METRICS.cache_evictions.add(0, count);
    facade::count("vipps_auth_token_cache_evictions_total", &[], count);
}

/// A counter without labels, and its name for the facade.
pub(crate) fn once(counter: &Counters<1>, name: &'static str) {
    counter.add(0, 1);
    facade::count(name, &[], 1);
}
