//! The panic boundary every export goes through: a panic never unwinds into C. It becomes
//! `VIPPS_STATUS_INTERNAL` (or the given fallback) with a message for `vipps_last_error_*`.

use super::last_error;
use super::status::vipps_status;
use crate::error::Error;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs an export that returns a status: sets or clears the thread's last error.
pub(crate) fn ffi_status(f: impl FnOnce() -> Result<(), Error>) -> vipps_status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => {
            last_error::clear();
            vipps_status::Ok
        }
        Ok(Err(error)) => {
            last_error::set(&error);
            (&error).into()
        }
        Err(_) => {
            last_error::set(&Error::Internal("a panic was caught at the C boundary".into()));
            vipps_status::Internal
        }
    }
}

/// Runs an export that returns a value, with `fallback` on a panic.
pub(crate) fn ffi_boundary<T>(fallback: T, f: impl FnOnce() -> Result<T, Error>) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => value,
        Ok(Err(_)) | Err(_) => fallback,
    }
}
