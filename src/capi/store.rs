//! `vipps_store`: the shared store (Redis) a fleet of C and C++ services shares tokens through.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::arg_str;
use crate::store::Store;
use std::ffi::c_char;
use std::sync::Arc;

/// A Redis (6 or later) or Valkey store. Thread-safe; share one handle; a token manager keeps
/// its own reference, so the store may be freed once the managers are made.
pub struct vipps_store {
    pub(crate) inner: Arc<dyn Store>,
}

/// Makes a store for `url`: `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS).
/// Nothing is connected until first use, so a Redis that is down now is no error here; each
/// command has a timeout of `timeout_ms` (0: 50 ms), past which the caller goes on without
/// the store.
///
/// # Safety
/// `url` is NUL-terminated; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_store_new_redis(
    url: *const c_char,
    timeout_ms: u32,
    out: *mut *mut vipps_store,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let mut store = crate::store::RedisStore::new(arg_str(url, "url")?)?;
        if timeout_ms > 0 {
            store = store.with_timeout(std::time::Duration::from_millis(timeout_ms.into()));
        }
        hand_out(out, vipps_store { inner: Arc::new(store) });
        Ok(())
    })
}

/// Frees a store made by `vipps_store_new_redis`. NULL is ignored.
///
/// # Safety
/// `store` is NULL or a live handle, not in use by another thread.
#[no_mangle]
pub unsafe extern "C" fn vipps_store_free(store: *mut vipps_store) {
    ffi_boundary((), || {
        take_back(store);
        Ok(())
    })
}
