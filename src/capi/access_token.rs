//! `vipps_access_token`: a token handed to C, with its type and expiry. Wiped when freed.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{arg_ref, hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::arg_bytes;
use crate::secret::Secret;
use crate::token::{decode_token_response, AccessToken, Grant};
use std::ffi::{c_char, CStr, CString};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An access token. Immutable: a `const` handle may be read from any thread.
pub struct vipps_access_token {
    value: CString,
    expires_at: SystemTime,
}

/// The only token type Vipps issues (others are refused when decoding).
const BEARER: &CStr = c"Bearer";

impl vipps_access_token {
    pub(crate) fn from_token(token: AccessToken) -> Self {
        let expires_at = token.expires_at();
        Self::new(token.into_secret(), expires_at)
    }

    fn from_grant(grant: Grant) -> Self {
        let expires_at = grant.expires_at();
        Self::new(grant.access_token, expires_at)
    }

    /// Moves the token's buffer into the CString: no copy.
    fn new(value: Secret, expires_at: SystemTime) -> Self {
        // A token with a NUL cannot be a JWT; C gets an empty string rather than a cut one.
        let value = CString::new(value.into_string()).unwrap_or_else(|e| {
            let mut bytes = e.into_vec();
            crate::wipe::wipe(&mut bytes);
            CString::default()
        });
        vipps_access_token { value, expires_at }
    }
}

impl Drop for vipps_access_token {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.value).into_bytes_with_nul();
        crate::wipe::wipe(&mut bytes);
    }
}

/// The token, for `Authorization: Bearer <token>`. Borrowed: valid until the handle is
/// freed. NULL if `token` is NULL.
///
/// # Safety
/// `token` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn vipps_access_token_value(token: *const vipps_access_token) -> *const c_char {
    ffi_boundary(std::ptr::null(), || Ok(arg_ref(token, "token")?.value.as_ptr()))
}

/// `"Bearer"`. Borrowed like `vipps_access_token_value`.
///
/// # Safety
/// `token` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn vipps_access_token_type(token: *const vipps_access_token) -> *const c_char {
    ffi_boundary(std::ptr::null(), || arg_ref(token, "token").map(|_| BEARER.as_ptr()))
}

/// When the token expires, in seconds since the Unix epoch; 0 if `token` is NULL.
///
/// # Safety
/// `token` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn vipps_access_token_expires_at(token: *const vipps_access_token) -> i64 {
    ffi_boundary(0, || {
        let at = arg_ref(token, "token")?.expires_at.duration_since(UNIX_EPOCH).unwrap_or_default();
        Ok(i64::try_from(at.as_secs()).unwrap_or(i64::MAX))
    })
}

/// Frees a token, wiping it. NULL is ignored.
///
/// # Safety
/// `token` is NULL or a handle not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vipps_access_token_free(token: *mut vipps_access_token) {
    ffi_boundary((), || {
        take_back(token);
        Ok(())
    })
}

/// Decodes a token endpoint's answer as the token manager does: the shared test vectors use
/// it, and so can a service that calls Vipps itself. `body` need not be NUL-terminated;
/// `sent_at` is when the request was sent, in Unix seconds. Writes `*out` only on success.
///
/// # Safety
/// `body` is valid for `body_len` bytes (or NULL with `body_len` 0); `out` for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_token_response_decode(
    http_status: u16,
    body: *const u8,
    body_len: usize,
    sent_at: i64,
    out: *mut *mut vipps_access_token,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let body = arg_bytes(body, body_len, "body")?;
        let sent_at = crate::bounds::epoch_plus(Duration::from_secs(u64::try_from(sent_at).unwrap_or(0)));
        let grant = decode_token_response(http_status, body, sent_at, &[])?;
        hand_out(out, vipps_access_token::from_grant(grant));
        Ok(())
    })
}
