//! Opaque handles: checked borrows of what C passes in, boxed values handed out.

use crate::error::{Error, Result};

/// A required handle argument.
///
/// # Safety
/// `ptr` is NULL or a live handle of this type from this library.
pub(crate) unsafe fn arg_ref<'a, T>(ptr: *const T, name: &'static str) -> Result<&'a T> {
    ptr.as_ref().ok_or_else(|| Error::config(name, "must not be NULL"))
}

/// A required mutable handle argument.
///
/// # Safety
/// As [`arg_ref`], and not used by another thread during the call.
pub(crate) unsafe fn arg_mut<'a, T>(ptr: *mut T, name: &'static str) -> Result<&'a mut T> {
    ptr.as_mut().ok_or_else(|| Error::config(name, "must not be NULL"))
}

/// The place to write a new handle to; checked before any work is done.
///
/// # Safety
/// `out` is NULL or valid for a pointer-sized write.
pub(crate) unsafe fn out_slot<'a, T>(out: *mut *mut T) -> Result<&'a mut *mut T> {
    out.as_mut().ok_or_else(|| Error::config("out", "must not be NULL"))
}

/// Moves `value` to the heap for C.
pub(crate) fn hand_out<T>(slot: &mut *mut T, value: T) {
    *slot = Box::into_raw(Box::new(value));
}

/// Takes back a handle from C and drops it. NULL is ignored.
///
/// # Safety
/// `ptr` is NULL or a handle from `hand_out`, not yet freed.
pub(crate) unsafe fn take_back<T>(ptr: *mut T) {
    if !ptr.is_null() {
        drop(Box::from_raw(ptr));
    }
}
