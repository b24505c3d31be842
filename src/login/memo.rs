//! A value fetched from Vipps and kept for as long as the server allows (the discovery
//! document, the signing keys). However many callers find it missing or old, one request is
//! made and all of them share its outcome; the request runs on the SDK runtime, so it
//! completes even if every caller gives up.

use crate::bounds;
use crate::error::Result;
use crate::shared_work::{caught, spawn_shared};
use arc_swap::ArcSwapOption;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Flight<T> = crate::shared_work::Flight<Arc<T>>;

struct Entry<T> {
    value: Arc<T>,
    fresh_until: Instant,
}

pub(crate) struct Memo<T> {
    current: ArcSwapOption<Entry<T>>,
    flight: Mutex<Option<Flight<T>>>,
}

impl<T: Send + Sync + 'static> Memo<T> {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Memo { current: ArcSwapOption::empty(), flight: Mutex::new(None) })
    }

    /// The value while it is fresh; otherwise one shared fetch.
    pub(crate) async fn get<F>(self: &Arc<Self>, fetch: F) -> Result<Arc<T>>
    where
        F: Future<Output = Result<(T, Duration)>> + Send + 'static,
    {
        match &*self.current.load() {
            Some(entry) if Instant::now() < entry.fresh_until => Ok(Arc::clone(&entry.value)),
            _ => self.refresh(fetch).await,
        }
    }

    /// A new value whatever the current one's age: joins a fetch in progress or starts one.
    async fn refresh<F>(self: &Arc<Self>, fetch: F) -> Result<Arc<T>>
    where
        F: Future<Output = Result<(T, Duration)>> + Send + 'static,
    {
        let flight = {
            let mut flight = self.flight.lock().unwrap_or_else(|p| p.into_inner());
            match &*flight {
                Some(running) => running.clone(),
                None => {
                    let launched = self.launch(fetch);
                    *flight = Some(launched.clone());
                    launched
                }
            }
        };
        flight.await
    }

    /// A value newer than `seen`: the current one if another caller has replaced `seen`
    /// since, else the fetch in progress, else a new fetch when `allowed()` says so — decided
    /// under the flight lock, so that callers who find `seen` wanting at the same time share
    /// one fetch. `None` when none of these applies.
    pub(crate) async fn newer_than<F>(
        self: &Arc<Self>,
        seen: &Arc<T>,
        allowed: impl FnOnce() -> bool,
        fetch: F,
    ) -> Option<Result<Arc<T>>>
    where
        F: Future<Output = Result<(T, Duration)>> + Send + 'static,
    {
        let flight = {
            let mut flight = self.flight.lock().unwrap_or_else(|p| p.into_inner());
            match (&*flight, &*self.current.load()) {
                (None, Some(entry)) if !Arc::ptr_eq(&entry.value, seen) => return Some(Ok(Arc::clone(&entry.value))),
                (Some(running), _) => running.clone(),
                (None, _) if allowed() => {
                    let launched = self.launch(fetch);
                    *flight = Some(launched.clone());
                    launched
                }
                (None, _) => return None,
            }
        };
        Some(flight.await)
    }

    fn launch<F>(self: &Arc<Self>, fetch: F) -> Flight<T>
    where
        F: Future<Output = Result<(T, Duration)>> + Send + 'static,
    {
        let memo = Arc::clone(self);
        spawn_shared("fetch", async move {
            // A panic lands as an error, so the flight is released and the next call retries.
            let outcome = caught("fetch", fetch).await.map(|(value, fresh_for)| {
                let value = Arc::new(value);
                let fresh_until = bounds::instant_after(Instant::now(), fresh_for);
                memo.current.store(Some(Arc::new(Entry { value: Arc::clone(&value), fresh_until })));
                value
            });
            *memo.flight.lock().unwrap_or_else(|p| p.into_inner()) = None;
            outcome
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::http::runtime;

    #[test]
    fn a_panic_in_a_fetch_fails_once_and_the_next_call_fetches_afresh() {
        let memo = Memo::<u32>::new();
        let failed = runtime::block_on(memo.get(async { panic!("forced inside the fetch") })).unwrap();
        assert!(matches!(failed, Err(Error::Internal(ref m)) if m.contains("panicked")), "{failed:?}");
        let value = runtime::block_on(memo.get(async { Ok((7, Duration::MAX)) })).unwrap().unwrap();
        assert_eq!(*value, 7, "a huge max-age is stored without overflow");
    }
}
