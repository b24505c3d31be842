//! Work many callers share — a single-flight fetch, a memo's refresh, a phone login's poll:
//! run once on the SDK runtime, so it completes however many callers give up, and awaited by
//! all of them. A panic inside it becomes a typed error, so the owner of that work releases
//! what it holds and the next call starts afresh instead of finding a flight that can never
//! land.

use crate::error::{Error, Result};
use crate::http::runtime;
use futures_util::future::{BoxFuture, Shared};
use futures_util::FutureExt;
use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

/// Work running on the SDK runtime; every caller awaits a clone.
pub(crate) type Flight<T> = Shared<BoxFuture<'static, Result<T>>>;

/// Spawns `work` on the SDK runtime and shares its outcome; in a trace, it belongs to the
/// caller that started it.
pub(crate) fn spawn_shared<T>(what: &'static str, work: impl Future<Output = Result<T>> + Send + 'static) -> Flight<T>
where
    T: Clone + Send + Sync + 'static,
{
    let task = runtime::handle().spawn(crate::metrics::spans::in_caller_span(work));
    async move { task.await.unwrap_or_else(|e| Err(Error::Internal(format!("{what} task: {e}")))) }.boxed().shared()
}

/// `work`'s outcome, or [`Error::Internal`] if it panicked.
pub(crate) async fn caught<T>(what: &'static str, work: impl Future<Output = Result<T>>) -> Result<T> {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = message(payload.as_ref());
            log::error!("{what} panicked: {message}");
            Err(Error::Internal(format!("{what} panicked: {message}")))
        }
    }
}

/// The panic's text, shortened: it is our own code's message, never a server's.
fn message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    text.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_an_internal_error() {
        let outcome: Result<()> = caught("test work", async { panic!("boom {}", 1) }).await;
        assert_eq!(outcome, Err(Error::Internal("test work panicked: boom 1".into())));
        assert_eq!(caught("test work", async { Ok(7) }).await, Ok(7));
    }
}
