//! What a phone app was opened with, for C and C++ (and the shared vectors): the same
//! parser as Rust's, read against the stored pending logins.

use super::boundary::ffi_status;
use super::status::vipps_status;
use super::strings::{arg_slice, arg_str, to_c_string};
use crate::app::{parse_app_url, AppUrl};
use crate::error::Error;
use crate::login::PendingLogin;
use std::ffi::c_char;

/// What the URL is.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum vipps_app_url_kind {
    /// Not this app's login (`detail`: why).
    NotOurs = 0,
    /// Open `detail` (the resume URI) in the same browser session.
    Resume = 1,
    /// `detail` is the code to hand to the backend.
    Code = 2,
    /// The user cancelled (`detail`: Vipps' description, or NULL).
    Cancelled = 3,
    /// Vipps reported an error (`detail`: its code, e.g. `outdated_app_version`).
    Failed = 4,
}

/// Reads `url` against `count` stored pending logins (as serialised). On success sets
/// `*kind`, `*state` (NULL when not ours) and `*detail` (see `vipps_app_url_kind`; may be
/// NULL), the strings freed with `vipps_string_free`. A stray URL is `VIPPS_APP_URL_KIND_NOT_OURS`,
/// not an error; an unreadable pending login is `VIPPS_STATUS_CONFIGURATION`. Thread-safe.
///
/// # Safety
/// `url` and each of the `count` entries of `pending_logins` are NUL-terminated (the array
/// may be NULL when `count` is 0); `kind`, `state` and `detail` point to writable memory.
#[no_mangle]
pub unsafe extern "C" fn vipps_app_url_parse(
    url: *const c_char,
    pending_logins: *const *const c_char,
    count: usize,
    kind: *mut vipps_app_url_kind,
    state: *mut *mut c_char,
    detail: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let (kind, state, detail) = match (kind.as_mut(), state.as_mut(), detail.as_mut()) {
            (Some(kind), Some(state), Some(detail)) => (kind, state, detail),
            _ => return Err(Error::config("kind", "kind, state and detail must not be NULL")),
        };
        let url = arg_str(url, "url")?;
        let stored: &[*const c_char] = arg_slice(pending_logins, count, "pending_logins")?;
        let pending = stored
            .iter()
            .map(|text| PendingLogin::restore(arg_str(*text, "pending_logins")?))
            .collect::<crate::Result<Vec<_>>>()?;
        let outcome = parse_app_url(url, &pending);
        let (what, said) = match &outcome {
            AppUrl::NotOurs { reason } => (vipps_app_url_kind::NotOurs, Some(reason.as_str())),
            AppUrl::Resume { resume_uri, .. } => (vipps_app_url_kind::Resume, Some(resume_uri.as_str())),
            AppUrl::Code { code, .. } => (vipps_app_url_kind::Code, Some(code.expose())),
            AppUrl::Cancelled { description, .. } => (vipps_app_url_kind::Cancelled, description.as_deref()),
            AppUrl::Failed { error, .. } => (vipps_app_url_kind::Failed, Some(error.as_str())),
        };
        *kind = what;
        *state = outcome.state().map_or(std::ptr::null_mut(), to_c_string);
        *detail = said.map_or(std::ptr::null_mut(), to_c_string);
        Ok(())
    })
}
