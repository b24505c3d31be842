//! The one tokio runtime of the process: built on first use, never dropped. Every request
//! runs on it, whichever runtime (or plain thread) the caller is on.

use crate::error::{Error, Result};
use std::future::Future;
use std::sync::OnceLock;
use tokio::runtime::{Handle, Runtime};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

pub(crate) fn handle() -> &'static Handle {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("vipps-auth")
                .enable_all()
                .build()
                .expect("vipps-auth: cannot start the tokio runtime")
        })
        .handle()
}

/// Runs `future` to completion on the SDK runtime from a plain thread.
///
/// Blocking a runtime thread would stall (or deadlock) every task on it, so a call from any
/// tokio runtime thread is refused with a configuration error instead.
pub fn block_on<F: Future>(future: F) -> Result<F::Output> {
    if Handle::try_current().is_ok() {
        return Err(Error::config(
            "thread",
            "a blocking call was made from an async runtime thread; use the async API there",
        ));
    }
    Ok(handle().block_on(future))
}
