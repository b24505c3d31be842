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
    log::set_max_level(if logger.is_some() { filter(max_level) } else { log::LevelFilter::Off });
    TARGET.store(logger.map(Arc::new));
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
        if !self.enabled(record.metadata()) {
            return;
        }
        let Some(logger) = TARGET.load_full() else { return };
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

#[cfg(test)]
mod tests {
    use super::*;

    struct HostLogger;

    impl log::Log for HostLogger {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            false
        }
        fn log(&self, _: &log::Record<'_>) {}
        fn flush(&self) {}
    }

    /// The only test in this binary that touches the global logger.
    #[test]
    fn a_host_logger_is_kept_and_the_caller_told() {
        log::set_logger(&HostLogger).unwrap();
        let err = set_logger(None, LogLevel::Info).unwrap_err();
        assert!(matches!(err, VippsAuthError::Configuration { code: 1, .. }), "{err:?}");
    }
}
