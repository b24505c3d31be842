//! The emulator's shared state: configuration, accepted secrets, request log, queued faults.

use crate::config::EmulatorConfig;
use crate::faults::Fault;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

/// One request as the admin API reports it. Credentials are never recorded.
#[derive(Clone, Debug, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    /// 0 when the connection was dropped without an answer.
    pub status: u16,
    /// `Merchant-Serial-Number` and `Vipps-System-*` headers as sent.
    pub headers: BTreeMap<String, String>,
}

pub(crate) struct Inner {
    pub log: Vec<LoggedRequest>,
    pub faults: VecDeque<Fault>,
    /// The secrets accepted now: they start as configured and change when rotated.
    pub keys: Keys,
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
    pub inner: Arc<Mutex<Inner>>,
}

impl State {
    pub(crate) fn new(config: EmulatorConfig) -> Self {
        let inner = Inner { log: Vec::new(), faults: VecDeque::new(), keys: Keys::configured(&config) };
        State { config: Arc::new(config), inner: Arc::new(Mutex::new(inner)) }
    }

    /// Back to how it started: no log, no faults, the configured secrets.
    pub(crate) fn reset(&self) {
        *self.lock() = Inner { log: Vec::new(), faults: VecDeque::new(), keys: Keys::configured(&self.config) };
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
