//! `vipps_store`: the shared store (Redis) a fleet of C and C++ services shares tokens and
//! pending logins through.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{arg_ref, hand_out, out_slot, take_back};
use super::login_client::{block, hand_out_login, vipps_login_client};
use super::status::vipps_status;
use super::strings::{arg_str, opt_str};
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

/// Makes `client` keep its pending logins in `store`, for every instance of the fleet with the
/// same keys: `vipps_login_authorize` keeps each there (its `*pending` may then be ignored)
/// and `vipps_login_complete_stored` takes it by the callback's state, once across the fleet.
/// Names in the store start with `prefix` (NULL: `"vipps-auth:"`). Call it before the client
/// is shared between threads.
///
/// # Safety
/// `client` and `store` are live handles, `client` not in use by another thread; `prefix` is
/// NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_client_use_store(
    client: *mut vipps_login_client,
    store: *const vipps_store,
    prefix: *const c_char,
) -> vipps_status {
    ffi_status(|| {
        let store = Arc::clone(&arg_ref(store, "store")?.inner);
        let prefix = opt_str(prefix, "prefix")?.unwrap_or("vipps-auth:");
        let client = client.as_mut().ok_or_else(|| crate::Error::config("client", "must not be NULL"))?;
        client.inner = client.inner.clone().with_store(store, prefix);
        Ok(())
    })
}

/// `vipps_login_complete` for a login the client's store keeps (`vipps_login_client_use_store`):
/// found and taken by the callback's state, so a callback completes once across the fleet; a
/// second delivery anywhere is `VIPPS_STATUS_STATE_MISMATCH` and sends nothing to Vipps.
/// `VIPPS_STATUS_STORE_UNAVAILABLE` when Redis cannot be asked. Blocking; thread-safe.
///
/// # Safety
/// `client` is a live handle; `callback` is NUL-terminated; `login_json` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_complete_stored(
    client: *const vipps_login_client,
    callback: *const c_char,
    with_userinfo: bool,
    login_json: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(login_json)?;
        let callback = arg_str(callback, "callback")?;
        hand_out_login(block(arg_ref(client, "client")?.inner.complete_stored(callback, with_userinfo))?, out)
    })
}
