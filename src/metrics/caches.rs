//! The token caches alive in this process, for the entries gauge: registered when made,
//! forgotten when dropped.

use crate::token::cache::TokenCache;
use std::sync::{Arc, Mutex, Weak};

static CACHES: Mutex<Vec<Weak<TokenCache>>> = Mutex::new(Vec::new());

pub(crate) fn track(cache: &Arc<TokenCache>) {
    let mut caches = CACHES.lock().unwrap_or_else(|p| p.into_inner());
    caches.retain(|cache| cache.strong_count() > 0);
    caches.push(Arc::downgrade(cache));
}

pub(crate) fn entries() -> u64 {
    let caches = CACHES.lock().unwrap_or_else(|p| p.into_inner());
    caches.iter().filter_map(Weak::upgrade).map(|cache| cache.len() as u64).sum()
}
