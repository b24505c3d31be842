//! The emulator's shared state: configuration, request log, queued faults.

use crate::config::EmulatorConfig;
use crate::faults::Fault;
use serde::Serialize;
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

#[derive(Default)]
pub(crate) struct Inner {
    pub log: Vec<LoggedRequest>,
    pub faults: VecDeque<Fault>,
}

#[derive(Clone)]
pub(crate) struct State {
    pub config: Arc<EmulatorConfig>,
    pub inner: Arc<Mutex<Inner>>,
}

impl State {
    pub(crate) fn new(config: EmulatorConfig) -> Self {
        State { config: Arc::new(config), inner: Arc::default() }
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
