//! Login from phone number for C and C++ services (tills, call-centre tools): start, wait
//! with a timeout, cancel from another thread, user-exists.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{arg_ref, hand_out, out_slot, take_back};
use super::login_client::{block, vipps_login_client};
use super::status::vipps_status;
use super::strings::{arg_str, opt_str, to_c_string};
use crate::error::Error;
use crate::login::{completed_login_json, Scopes};
use crate::phone::{BindingMessage, Cancellation, PhoneLogin, PhoneLoginOutcome, PhoneLoginRequest, PhoneNumber};
use futures_util::future::{select, Either};
use std::ffi::c_char;
use std::pin::pin;
use std::time::Duration;

/// A started phone login. Thread-safe: one thread may wait while another cancels.
pub struct vipps_phone_login {
    inner: PhoneLogin,
    cancel: Cancellation,
}

/// How a wait ended (its status was `VIPPS_STATUS_OK`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum vipps_phone_login_outcome {
    /// Approved and verified: the login JSON is written.
    Completed = 0,
    /// The user declined in the app.
    Declined = 1,
    /// The user did not answer in time.
    Expired = 2,
    /// `vipps_phone_login_cancel` stopped it; nothing more is sent.
    Stopped = 3,
    /// The timeout passed first; waiting again goes on polling.
    TimedOut = 4,
}

/// Sends the push message to the user's app. `phone` as typed, with its country code;
/// `binding_message` may be NULL. Writes `*out` only on success. Blocking; thread-safe.
///
/// # Safety
/// `client` is a live handle; the strings are NUL-terminated (`binding_message` may be
/// NULL); `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_start(
    client: *const vipps_login_client,
    phone: *const c_char,
    scope: *const c_char,
    binding_message: *const c_char,
    out: *mut *mut vipps_phone_login,
) -> vipps_status {
    vipps_phone_login_start_for_merchant(client, phone, scope, binding_message, std::ptr::null(), out)
}

/// `vipps_phone_login_start` for a partner client acting for many merchants: `msn` names the
/// merchant this login is for (NULL: the partner keys' own MSN); the login keeps it.
///
/// # Safety
/// As `vipps_phone_login_start`; `msn` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_start_for_merchant(
    client: *const vipps_login_client,
    phone: *const c_char,
    scope: *const c_char,
    binding_message: *const c_char,
    msn: *const c_char,
    out: *mut *mut vipps_phone_login,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let number = PhoneNumber::parse(arg_str(phone, "phone")?)?;
        let mut request = PhoneLoginRequest::new(number, Scopes::parse(arg_str(scope, "scope")?)?);
        request.binding_message = opt_str(binding_message, "binding_message")?.map(BindingMessage::new).transpose()?;
        request.msn = opt_str(msn, "msn")?.map(str::to_owned);
        let login = block(arg_ref(client, "client")?.inner.start_phone_login(&request))?;
        hand_out(out, vipps_phone_login { inner: login, cancel: Cancellation::new() });
        Ok(())
    })
}

/// Waits up to `timeout_ms` for the user, polling as Vipps allows. On `VIPPS_STATUS_OK`,
/// `*outcome` says how it ended and, when completed, `*login_json` holds the login (freed
/// with `vipps_string_free`; otherwise untouched). Blocking; thread-safe.
///
/// # Safety
/// `client` and `login` are live handles; `outcome` and `login_json` are valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_wait(
    client: *const vipps_login_client,
    login: *const vipps_phone_login,
    timeout_ms: u32,
    with_userinfo: bool,
    outcome: *mut vipps_phone_login_outcome,
    login_json: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let (client, login) = (&arg_ref(client, "client")?.inner, arg_ref(login, "login")?);
        let outcome = outcome.as_mut().ok_or_else(|| Error::config("outcome", "must not be NULL"))?;
        let json = out_slot(login_json)?;
        let wait = client.wait_for_phone_login(&login.inner, with_userinfo, &login.cancel, |_| {});
        let limited =
            async { tokio::time::timeout(Duration::from_millis(timeout_ms.into()), wait).await.ok().transpose() };
        *outcome = describe(block(limited)?, json, true);
        Ok(())
    })
}

/// Sets `*auth_req_id` to the login's id (freed with `vipps_string_free`): what another
/// instance passes to `vipps_phone_login_find_stored`. It completes the login: keep it like a
/// secret.
///
/// # Safety
/// `login` is a live handle; `auth_req_id` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_auth_req_id(
    login: *const vipps_phone_login,
    auth_req_id: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(auth_req_id)?;
        *out = to_c_string(arg_ref(login, "login")?.inner.auth_req_id());
        Ok(())
    })
}

/// The phone login the client's store keeps (`vipps_login_client_use_store`) under
/// `auth_req_id`, started on whichever instance; `VIPPS_STATUS_STATE_MISMATCH` once it has
/// ended. Wait on it with `vipps_phone_login_wait_stored`. Blocking; thread-safe.
///
/// # Safety
/// `client` is a live handle; `auth_req_id` is NUL-terminated; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_find_stored(
    client: *const vipps_login_client,
    auth_req_id: *const c_char,
    out: *mut *mut vipps_phone_login,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let id = arg_str(auth_req_id, "auth_req_id")?;
        let login = block(arg_ref(client, "client")?.inner.stored_phone_login(id))?;
        hand_out(out, vipps_phone_login { inner: login, cancel: Cancellation::new() });
        Ok(())
    })
}

/// `vipps_phone_login_wait` for a login the client's store keeps: the instances waiting on
/// it poll in turns, one poll at a time and never closer than the interval fleet-wide. The
/// one whose poll ends the login gets the outcome; the others `VIPPS_STATUS_STATE_MISMATCH`.
/// A timeout falls between polls, never in one, so waiting again loses nothing.
///
/// # Safety
/// As `vipps_phone_login_wait`.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_wait_stored(
    client: *const vipps_login_client,
    login: *const vipps_phone_login,
    timeout_ms: u32,
    with_userinfo: bool,
    outcome: *mut vipps_phone_login_outcome,
    login_json: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let (client, login) = (&arg_ref(client, "client")?.inner, arg_ref(login, "login")?);
        let outcome = outcome.as_mut().ok_or_else(|| Error::config("outcome", "must not be NULL"))?;
        let json = out_slot(login_json)?;
        // This call's own cancellation: at the timeout, or when the login is cancelled.
        let slice = Cancellation::new();
        let wait = client.wait_for_stored_phone_login(login.inner.auth_req_id(), with_userinfo, &slice, |_| {});
        let deadline = async {
            let _ = tokio::time::timeout(Duration::from_millis(timeout_ms.into()), login.cancel.cancelled()).await;
            slice.cancel();
            std::future::pending::<()>().await
        };
        let waited = async {
            match select(pin!(wait), pin!(deadline)).await {
                Either::Left((waited, _)) => waited,
                Either::Right(_) => unreachable!("the deadline never ends"),
            }
        };
        *outcome = describe(Some(block(waited)?), json, login.cancel.is_cancelled());
        Ok(())
    })
}

/// The outcome for C, the login JSON written when completed; a wait stopped by anything but
/// `vipps_phone_login_cancel` timed out.
fn describe(ended: Option<PhoneLoginOutcome>, json: &mut *mut c_char, cancelled: bool) -> vipps_phone_login_outcome {
    match ended {
        None => vipps_phone_login_outcome::TimedOut,
        Some(PhoneLoginOutcome::Completed(done)) => {
            *json = to_c_string(&completed_login_json(&done).to_string());
            vipps_phone_login_outcome::Completed
        }
        Some(PhoneLoginOutcome::Cancelled { .. }) => vipps_phone_login_outcome::Declined,
        Some(PhoneLoginOutcome::Expired) => vipps_phone_login_outcome::Expired,
        Some(PhoneLoginOutcome::Stopped | PhoneLoginOutcome::Pending) if !cancelled => {
            vipps_phone_login_outcome::TimedOut
        }
        Some(PhoneLoginOutcome::Stopped | PhoneLoginOutcome::Pending) => vipps_phone_login_outcome::Stopped,
    }
}

/// Stops any wait on `login`, now and later, from any thread. NULL is ignored.
///
/// # Safety
/// `login` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_cancel(login: *const vipps_phone_login) {
    ffi_boundary((), || {
        if let Some(login) = login.as_ref() {
            login.cancel.cancel();
        }
        Ok(())
    })
}

/// Frees a phone login. NULL is ignored.
///
/// # Safety
/// `login` is NULL or a handle from `vipps_phone_login_start`, not yet freed, not in use.
#[no_mangle]
pub unsafe extern "C" fn vipps_phone_login_free(login: *mut vipps_phone_login) {
    ffi_boundary((), || {
        take_back(login);
        Ok(())
    })
}

/// Whether `phone` belongs to someone who can log in: `*exists` is written on success.
/// Optional: a start never depends on it. Blocking; thread-safe.
///
/// # Safety
/// `client` is a live handle; `phone` is NUL-terminated; `exists` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_user_exists(
    client: *const vipps_login_client,
    phone: *const c_char,
    exists: *mut bool,
) -> vipps_status {
    ffi_status(|| {
        let exists = exists.as_mut().ok_or_else(|| Error::config("exists", "must not be NULL"))?;
        let number = PhoneNumber::parse(arg_str(phone, "phone")?)?;
        *exists = block(arg_ref(client, "client")?.inner.user_exists(&number))?;
        Ok(())
    })
}
