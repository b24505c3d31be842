//! `vipps_token_manager`: cached machine access tokens for C and C++ services.

use super::access_token::vipps_access_token;
use super::boundary::{ffi_boundary, ffi_status};
use super::config::vipps_config;
use super::credentials::vipps_credentials;
use super::handles::{arg_ref, hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::arg_buffer;
use crate::error::Error;
use crate::token::{AccessToken, TokenManager};
use std::ffi::c_char;

/// Fetches and caches tokens. Thread-safe: share one `const` handle across all threads;
/// concurrent callers on an empty cache share one request.
pub struct vipps_token_manager {
    inner: TokenManager,
}

/// Makes a manager from a config (copied: the config may be freed afterwards).
///
/// # Safety
/// `config` is a live config; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_new(
    config: *const vipps_config,
    out: *mut *mut vipps_token_manager,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let manager = TokenManager::new(arg_ref(config, "config")?.inner.clone())?;
        hand_out(out, vipps_token_manager { inner: manager });
        Ok(())
    })
}

/// Makes a manager whose cache holds at most `capacity` distinct credentials (the default,
/// from `vipps_token_manager_new`, is 200,000). Past it, the entries least worth keeping make
/// room and tokens in use stay; a newcomer that finds none fetches without being cached. A
/// `capacity` of 0 is `VIPPS_STATUS_CONFIGURATION`.
///
/// # Safety
/// `config` is a live config; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_new_with_capacity(
    config: *const vipps_config,
    capacity: usize,
    out: *mut *mut vipps_token_manager,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let manager = TokenManager::with_capacity(arg_ref(config, "config")?.inner.clone(), capacity)?;
        hand_out(out, vipps_token_manager { inner: manager });
        Ok(())
    })
}

/// Makes a manager that shares tokens through `store` with every process of the fleet that
/// uses the same keys: one token request per credential per refresh, fleet-wide. Keys in the
/// store start with `prefix` (NULL: `"vipps-auth:"`).
///
/// # Safety
/// `config` and `store` are live handles; `prefix` is NULL or NUL-terminated; `out` is valid
/// for a write.
#[cfg(feature = "redis")]
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_new_with_store(
    config: *const vipps_config,
    store: *const super::store::vipps_store,
    prefix: *const c_char,
    out: *mut *mut vipps_token_manager,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let store = std::sync::Arc::clone(&arg_ref(store, "store")?.inner);
        let prefix = super::strings::opt_str(prefix, "prefix")?.unwrap_or("vipps-auth:");
        let manager = TokenManager::new(arg_ref(config, "config")?.inner.clone())?.with_store(store, prefix);
        hand_out(out, vipps_token_manager { inner: manager });
        Ok(())
    })
}

/// How many credentials have a cache entry now; 0 for a NULL manager.
///
/// # Safety
/// `manager` is a live handle or NULL.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_cached_entries(manager: *const vipps_token_manager) -> usize {
    ffi_boundary(0, || Ok(arg_ref(manager, "manager")?.inner.cached_entries()))
}

/// A valid token for `credentials`, from the cache when possible; blocks while a request is
/// made. Writes `*out` only on success; free it with `vipps_access_token_free`.
/// Thread-safe. Called from an async runtime thread of this library it returns
/// `VIPPS_STATUS_CONFIGURATION` instead of blocking.
///
/// # Safety
/// `manager` and `credentials` are live handles; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_get(
    manager: *const vipps_token_manager,
    credentials: *const vipps_credentials,
    out: *mut *mut vipps_access_token,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let manager = arg_ref(manager, "manager")?;
        let credentials = arg_ref(credentials, "credentials")?;
        let token = manager.inner.access_token_blocking(&credentials.inner)?;
        hand_out(out, vipps_access_token::from_token(token));
        Ok(())
    })
}

/// Copies a valid token for `credentials`, NUL-terminated, into `buffer` (`capacity` bytes)
/// and its length (without the NUL) into `*length`: the fast path — a cached token is copied
/// where it lies, with no allocation and no write to memory other threads read; a missing or
/// expired one is fetched first, blocking, as `vipps_token_manager_get` does. The token type
/// is always `Bearer`. If the buffer is too small, nothing is copied, `*length` gets the
/// length needed and the status is `VIPPS_STATUS_CONFIGURATION` (2 KiB is always enough for
/// Vipps' tokens). Wipe the buffer when done. Thread-safe.
///
/// # Safety
/// `manager` and `credentials` are live handles; `buffer` is valid for `capacity` bytes of
/// writes; `length` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_copy_token(
    manager: *const vipps_token_manager,
    credentials: *const vipps_credentials,
    buffer: *mut c_char,
    capacity: usize,
    length: *mut usize,
) -> vipps_status {
    ffi_status(|| {
        let length = length.as_mut().ok_or_else(|| Error::config("length", "must not be NULL"))?;
        let target = arg_buffer(buffer, capacity, "buffer")?;
        let manager = arg_ref(manager, "manager")?;
        let credentials = arg_ref(credentials, "credentials")?;
        let cached = manager.inner.with_cached_token(&credentials.inner, |token| copy_with_nul(token, &mut *target));
        let copied = match cached {
            Some(copied) => copied,
            None => copy_with_nul(&manager.inner.access_token_blocking(&credentials.inner)?, target),
        };
        match copied {
            Ok(len) => {
                *length = len;
                Ok(())
            }
            Err(needed) => {
                *length = needed;
                Err(Error::config("capacity", format!("the token needs {} bytes with its NUL", needed + 1)))
            }
        }
    })
}

/// Copies the token and a NUL into `target`: its length, or `Err(length)` when it does not fit.
fn copy_with_nul(token: &AccessToken, target: &mut [u8]) -> Result<usize, usize> {
    let value = token.value().as_bytes();
    if value.len() >= target.len() {
        return Err(value.len());
    }
    target[..value.len()].copy_from_slice(value);
    target[value.len()] = 0;
    Ok(value.len())
}

/// Forgets the cached token for `credentials` (after Vipps refused it with 401); the next
/// `vipps_token_manager_get` fetches a new one. Thread-safe.
///
/// # Safety
/// `manager` and `credentials` are live handles.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_invalidate(
    manager: *const vipps_token_manager,
    credentials: *const vipps_credentials,
) -> vipps_status {
    ffi_status(|| {
        arg_ref(manager, "manager")?.inner.invalidate(&arg_ref(credentials, "credentials")?.inner);
        Ok(())
    })
}

/// Frees a manager. NULL is ignored. No other thread may be using it.
///
/// # Safety
/// `manager` is NULL or a handle not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_manager_free(manager: *mut vipps_token_manager) {
    ffi_boundary((), || {
        take_back(manager);
        Ok(())
    })
}
