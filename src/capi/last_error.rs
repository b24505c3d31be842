//! The last error on the calling thread, errno-style: set by every failing `vipps_*` call,
//! read with `vipps_last_error_message` / `vipps_last_error_hint`.

use super::boundary::ffi_boundary;
use super::strings::to_c_string;
use crate::error::Error;
use std::cell::RefCell;
use std::ffi::c_char;

thread_local! {
    static LAST: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

pub(crate) fn set(error: &Error) {
    LAST.with(|last| *last.borrow_mut() = Some((error.to_string(), error.hint().to_owned())));
}

/// The message of the last error on this thread, or NULL if the last call succeeded.
/// Free it with `vipps_string_free`. Thread-safe (per-thread state).
#[no_mangle]
pub extern "C" fn vipps_last_error_message() -> *mut c_char {
    ffi_boundary(std::ptr::null_mut(), || Ok(read(|(message, _)| message)))
}

/// What to do about the last error on this thread, or NULL. Free with `vipps_string_free`.
#[no_mangle]
pub extern "C" fn vipps_last_error_hint() -> *mut c_char {
    ffi_boundary(std::ptr::null_mut(), || Ok(read(|(_, hint)| hint)))
}

pub(crate) fn clear() {
    LAST.with(|last| *last.borrow_mut() = None);
}

fn read(pick: impl Fn(&(String, String)) -> &String) -> *mut c_char {
    LAST.with(|last| last.borrow().as_ref().map_or(std::ptr::null_mut(), |entry| to_c_string(pick(entry))))
}
