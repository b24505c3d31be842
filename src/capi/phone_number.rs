//! Phone numbers and binding messages for C: the same normaliser and rule as Rust's, proven
//! by the shared vectors.

use super::boundary::ffi_status;
use super::status::vipps_status;
use super::strings::{arg_str, to_c_string};
use crate::error::Error;
use crate::phone::{BindingMessage, PhoneNumber};
use std::ffi::c_char;

/// Reads a phone number as people type it (`+47 123 45 678`) and sets `*login_hint` to
/// `urn:msisdn:4712345678` and `*masked` to `+47 *** ** 678`, each freed with
/// `vipps_string_free`; on error they are left untouched and no message repeats the number.
/// Thread-safe.
///
/// # Safety
/// `input` is NUL-terminated; `login_hint` and `masked` point to writable pointers.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_number_normalize(
    input: *const c_char,
    login_hint: *mut *mut c_char,
    masked: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let hint_out = login_hint.as_mut().ok_or_else(|| Error::config("login_hint", "must not be NULL"))?;
        let masked_out = masked.as_mut().ok_or_else(|| Error::config("masked", "must not be NULL"))?;
        let number = PhoneNumber::parse(arg_str(input, "phone_number")?)?;
        *hint_out = to_c_string(number.login_hint().expose());
        *masked_out = to_c_string(&number.masked());
        Ok(())
    })
}

/// `VIPPS_STATUS_OK` when `text` is a valid binding message (5 to 8 of A-Z, 0-9 and -).
/// Thread-safe.
///
/// # Safety
/// `text` is NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn vipps_binding_message_check(text: *const c_char) -> vipps_status {
    ffi_status(|| {
        BindingMessage::new(arg_str(text, "binding_message")?)?;
        Ok(())
    })
}
