//! Strings across the boundary: borrowed `const char *` in, owned `char *` out.

use super::boundary::ffi_boundary;
use crate::error::{Error, Result};
use crate::wipe::wipe;
use std::ffi::{c_char, CStr, CString};

/// A required UTF-8 argument.
///
/// # Safety
/// `ptr` is NULL or a NUL-terminated string that outlives the call.
pub(crate) unsafe fn arg_str<'a>(ptr: *const c_char, name: &'static str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(Error::config(name, "must not be NULL"));
    }
    CStr::from_ptr(ptr).to_str().map_err(|_| Error::config(name, "is not valid UTF-8"))
}

/// An optional UTF-8 argument: NULL means absent.
///
/// # Safety
/// As [`arg_str`].
pub(crate) unsafe fn opt_str<'a>(ptr: *const c_char, name: &'static str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        arg_str(ptr, name).map(Some)
    }
}

/// A heap copy for C, to be released with `vipps_string_free`.
pub(crate) fn to_c_string(value: &str) -> *mut c_char {
    CString::new(value.replace('\0', "")).map(CString::into_raw).unwrap_or(std::ptr::null_mut())
}

/// Frees a string returned by this library, wiping it first. NULL is ignored.
///
/// # Safety
/// `s` is NULL or a string returned by a `vipps_*` function, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vipps_string_free(s: *mut c_char) {
    ffi_boundary((), || {
        if !s.is_null() {
            let owned = CString::from_raw(s);
            let mut bytes = owned.into_bytes_with_nul();
            wipe(&mut bytes);
        }
        Ok(())
    })
}

/// `len` bytes at `ptr` (NULL is allowed only with `len` 0).
pub(crate) unsafe fn arg_bytes<'a>(ptr: *const u8, len: usize, name: &'static str) -> Result<&'a [u8]> {
    arg_slice(ptr, len, name)
}

/// `capacity` writable bytes at `ptr` (never NULL), checked as [`arg_slice`] checks.
pub(crate) unsafe fn arg_buffer<'a>(ptr: *mut c_char, capacity: usize, name: &'static str) -> Result<&'a mut [u8]> {
    if ptr.is_null() {
        return Err(Error::config(name, "must not be NULL"));
    }
    if capacity > isize::MAX as usize {
        return Err(Error::config(name, format!("a capacity of {capacity} cannot be real")));
    }
    // SAFETY: the caller promises `capacity` writable bytes at `ptr`.
    Ok(std::slice::from_raw_parts_mut(ptr.cast::<u8>(), capacity))
}

/// `len` items at `ptr` (NULL is allowed only with `len` 0). A length no allocation can have
/// is refused before the memory is touched: a slice that long is undefined behaviour.
pub(crate) unsafe fn arg_slice<'a, T>(ptr: *const T, len: usize, name: &'static str) -> Result<&'a [T]> {
    if len > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err(Error::config(name, format!("a length of {len} cannot be real")));
    }
    match (ptr.is_null(), len) {
        (true, 0) => Ok(&[]),
        (true, _) => Err(Error::config(name, "must not be NULL")),
        // SAFETY: the caller promises `len` readable bytes at `ptr`.
        (false, len) => Ok(std::slice::from_raw_parts(ptr, len)),
    }
}
