//! Hands the SDK's log lines (already free of secrets) to a logger in the host language.

use super::error::VippsAuthError;
use arc_swap::ArcSwapOption;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

/// How much a log line matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

/// One log line: `target` is the SDK module that wrote it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LogRecord {
    pub level: LogLevel,
    pub target: String,
    pub message: String,
}

/// Implemented in Kotlin, Swift or Python to receive the SDK's log lines. Called from the
/// SDK's own threads: it must be thread-safe and should return quickly.
#[uniffi::export(with_foreign)]
pub trait Logger: Send + Sync {
    fn log(&self, record: LogRecord);
}

static TARGET: ArcSwapOption<Arc<dyn Logger>> = ArcSwapOption::const_empty();
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// Sends log lines at `max_level` and above to `logger`; `None` stops logging. A process
/// that already has another Rust `log` logger keeps it, and this returns a configuration
/// error.
#[uniffi::export]
pub fn set_logger(logger: Option<Arc<dyn Logger>>, max_level: LogLevel) -> Result<(), VippsAuthError> {
    if !*INSTALLED.get_or_init(|| log::set_logger(&Forwarder).is_ok()) {
        return Err(crate::Error::config("logger", "another logger is already installed in this process").into());
    }
    TARGET.store(logger.map(Arc::new));
    log::set_max_level(if TARGET.load().is_some() { filter(max_level) } else { log::LevelFilter::Off });
    Ok(())
}

fn filter(level: LogLevel) -> log::LevelFilter {
    match level {
        LogLevel::Error => log::LevelFilter::Error,
        LogLevel::Warn => log::LevelFilter::Warn,
        LogLevel::Info => log::LevelFilter::Info,
        LogLevel::Debug => log::LevelFilter::Debug,
        LogLevel::Trace => log::LevelFilter::Trace,
    }
}

/// The one `log::Log` this module installs; it forwards to whatever logger is current.
struct Forwarder;

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("vipps_auth")
    }

    fn log(&self, record: &log::Record<'_>) {
        let Some(logger) = TARGET.load_full().filter(|_| self.enabled(record.metadata())) else { return };
        let level = match record.level() {
            log::Level::Error => LogLevel::Error,
            log::Level::Warn => LogLevel::Warn,
            log::Level::Info => LogLevel::Info,
            log::Level::Debug => LogLevel::Debug,
            log::Level::Trace => LogLevel::Trace,
        };
        let line = LogRecord { level, target: record.target().to_owned(), message: record.args().to_string() };
        // A logger that throws must not take an SDK thread down with it.
        let _ = catch_unwind(AssertUnwindSafe(|| logger.log(line)));
    }

    fn flush(&self) {}
}
