//! The one tokio runtime of the process: built on first use, never dropped. Every request
//! runs on it, whichever runtime (or plain thread) the caller is on.

use crate::error::{Error, Result};
use std::future::Future;
use std::sync::OnceLock;
use std::thread;
use tokio::runtime::{Handle, Runtime};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The stack every piece of SDK work runs on. A caller's thread may have far less than the
/// work needs (a JVM thread has 1 MiB, an iOS secondary thread 512 KiB, and a debug build's
/// futures take about 1 MiB), and overflowing it kills the process with no error at all.
const WORK_STACK: usize = 8 << 20;

pub(crate) fn handle() -> &'static Handle {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("vipps-auth")
                .thread_stack_size(WORK_STACK)
                .enable_all()
                .build()
                .expect("vipps-auth: cannot start the tokio runtime")
        })
        .handle()
}

/// Runs `future` to completion on the SDK runtime from a plain thread.
///
/// Blocking a runtime thread would stall (or deadlock) every task on it, so a call from any
/// tokio runtime thread is refused with a configuration error instead. The future runs on a
/// thread of [`WORK_STACK`] while the caller waits: a blocking call always waits for Vipps,
/// next to which starting a thread costs little.
pub fn block_on<F>(future: F) -> Result<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    if Handle::try_current().is_ok() {
        return Err(Error::config(
            "thread",
            "a blocking call was made from an async runtime thread; use the async API there",
        ));
    }
    // Boxed at once: a future is tens of KiB in a debug build, and each move copies it.
    let future = Box::pin(crate::metrics::spans::in_caller_span(future));
    thread::scope(|scope| {
        let worker = thread::Builder::new()
            .name("vipps-auth-call".into())
            .stack_size(WORK_STACK)
            .spawn_scoped(scope, || handle().block_on(future))
            .map_err(|failed| Error::Internal(format!("cannot start a thread for a blocking call: {failed}")))?;
        worker.join().map_err(|panic| std::panic::resume_unwind(panic))
    })
}
