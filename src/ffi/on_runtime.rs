//! Async exports run their work on the SDK's own runtime (reqwest needs one; the foreign
//! executor is not): the future is spawned there and awaited from wherever the caller is.
//! Dropping the awaiting future — a cancelled coroutine, a cancelled asyncio task — aborts
//! the work, so nothing more is sent.

use super::error::VippsAuthError;
use crate::error::Error;
use std::future::Future;
use tokio::task::JoinHandle;

struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub(crate) async fn on_runtime<T, F>(work: F) -> Result<T, VippsAuthError>
where
    T: Send + 'static,
    F: Future<Output = crate::Result<T>> + Send + 'static,
{
    let mut task = AbortOnDrop(crate::http::runtime::handle().spawn(work));
    match (&mut task.0).await {
        Ok(result) => Ok(result?),
        Err(failed) => Err(Error::Internal(format!("the SDK's task ended early: {failed}")).into()),
    }
}

/// The blocking twin: runs `work` on the SDK runtime from a plain thread.
pub(crate) fn blocking<T: Send>(work: impl Future<Output = crate::Result<T>> + Send) -> Result<T, VippsAuthError> {
    Ok(crate::block_on(work)??)
}
