//! The emulator's shared state: configuration, accepted secrets, request log, queued faults.

use crate::config::EmulatorConfig;
use crate::faults::Fault;
use crate::login::LoginState;
use crate::merchants::Registered;
use crate::phone::PhoneLogins;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One request as the admin API reports it. Credentials are never recorded.
#[derive(Clone, Debug, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    /// 0 when the connection was dropped without an answer.
    pub status: u16,
    /// `Merchant-Serial-Number` and `Vipps-System-*` headers as sent.
    pub headers: BTreeMap<String, String>,
    /// Milliseconds since the emulator started, when the request arrived: tests prove
    /// polling intervals with it.
    pub at_ms: u64,
}

pub(crate) struct Inner {
    pub log: Vec<LoggedRequest>,
    pub faults: VecDeque<Fault>,
    /// The secrets accepted now: they start as configured and change when rotated.
    pub keys: Keys,
    pub login: LoginState,
    pub phone: PhoneLogins,
}

impl Inner {
    fn fresh(config: &EmulatorConfig) -> Self {
        Inner {
            log: Vec::new(),
            faults: VecDeque::new(),
            keys: Keys::configured(config),
            login: LoginState::new(),
            phone: PhoneLogins::default(),
        }
    }
}

/// The secret parts of the keys, which the portal lets a merchant rotate.
#[derive(Clone, Deserialize)]
pub(crate) struct Keys {
    pub client_secret: String,
    pub subscription_key: String,
}

impl Keys {
    fn configured(config: &EmulatorConfig) -> Self {
        Keys { client_secret: config.client_secret.clone(), subscription_key: config.subscription_key.clone() }
    }
}

#[derive(Clone)]
pub(crate) struct State {
    pub config: Arc<EmulatorConfig>,
    /// `http://127.0.0.1:<port>`: discovery and the issuer are built on it.
    pub base_url: Arc<str>,
    pub inner: Arc<Mutex<Inner>>,
    /// When the emulator started: the zero of [`LoggedRequest::at_ms`].
    pub started: Instant,
    /// How many sales units and phone users are registered beyond the configured ones;
    /// outside the lock, so that a lookup never waits for it or nests in it.
    pub merchants: Arc<AtomicU32>,
    pub users: Arc<AtomicU32>,
}

impl State {
    pub(crate) fn new(config: EmulatorConfig, base_url: &str) -> Self {
        let inner = Inner::fresh(&config);
        State {
            merchants: Arc::new(AtomicU32::new(config.merchants)),
            users: Arc::new(AtomicU32::new(config.users)),
            config: Arc::new(config),
            base_url: base_url.into(),
            inner: Arc::new(Mutex::new(inner)),
            started: Instant::now(),
        }
    }

    /// Back to how it started: no log, no faults, no logins, the configured secrets and the
    /// first signing keys.
    pub(crate) fn reset(&self) {
        *self.lock() = Inner::fresh(&self.config);
        self.merchants.store(self.config.merchants, Ordering::Relaxed);
        self.users.store(self.config.users, Ordering::Relaxed);
    }

    /// The emulator's clock: the machine's, shifted by `clock_offset_secs`.
    pub(crate) fn now(&self) -> SystemTime {
        let offset = Duration::from_secs(self.config.clock_offset_secs.unsigned_abs());
        if self.config.clock_offset_secs >= 0 {
            SystemTime::now() + offset
        } else {
            SystemTime::now() - offset
        }
    }

    /// [`now`](Self::now) in seconds since the epoch.
    pub(crate) fn now_secs(&self) -> u64 {
        self.now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    }

    pub(crate) fn registered(&self) -> Registered {
        Registered { merchants: self.merchants.load(Ordering::Relaxed), users: self.users.load(Ordering::Relaxed) }
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
