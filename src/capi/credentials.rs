//! `vipps_credentials`: merchant (standard endpoint) or specialized keys. Secrets are wiped
//! when the handle is freed.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{arg_mut, hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::{arg_str, opt_str};
use crate::config::{Credentials, MerchantCredentials, SpecializedCredentials};
use std::ffi::c_char;

/// Keys for the token manager. Immutable: a `const` handle may be shared across threads.
pub struct vipps_credentials {
    pub(crate) inner: Credentials,
}

/// Keys for `POST /accesstoken/get`. `msn` may be NULL. Writes `*out` only on success.
///
/// # Safety
/// The strings are NUL-terminated (`msn` may be NULL); `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_credentials_new_merchant(
    client_id: *const c_char,
    client_secret: *const c_char,
    subscription_key: *const c_char,
    msn: *const c_char,
    out: *mut *mut vipps_credentials,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let keys = MerchantCredentials::new(
            arg_str(client_id, "client_id")?,
            arg_str(client_secret, "client_secret")?,
            arg_str(subscription_key, "subscription_key")?,
            opt_str(msn, "msn")?.map(str::to_owned),
        )?;
        hand_out(out, vipps_credentials { inner: keys.into() });
        Ok(())
    })
}

/// Keys for `POST /accesstoken/get` from `VIPPS_CLIENT_ID`, `VIPPS_CLIENT_SECRET`,
/// `VIPPS_SUBSCRIPTION_KEY` and, optionally, `VIPPS_MSN`; the last error names a missing
/// one. Writes `*out` only on success.
///
/// # Safety
/// `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_credentials_new_from_env(out: *mut *mut vipps_credentials) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        hand_out(out, vipps_credentials { inner: MerchantCredentials::from_env()?.into() });
        Ok(())
    })
}

/// Keys for `POST /miami/v1/token` (accounting, management, Donations). `msn` may be NULL.
///
/// # Safety
/// As `vipps_credentials_new_merchant`.
#[no_mangle]
pub unsafe extern "C" fn vipps_credentials_new_specialized(
    client_id: *const c_char,
    client_secret: *const c_char,
    msn: *const c_char,
    out: *mut *mut vipps_credentials,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let keys = SpecializedCredentials::new(
            arg_str(client_id, "client_id")?,
            arg_str(client_secret, "client_secret")?,
            opt_str(msn, "msn")?.map(str::to_owned),
        )?;
        hand_out(out, vipps_credentials { inner: keys.into() });
        Ok(())
    })
}

/// Gives the keys a name of the application's own (`"shop-eu"`) for per-credential metrics:
/// `vipps_auth_credential_token_requests_total{credential="shop-eu",…}`. At most 100 names
/// per process (later ones count as `other`); never the client id or MSN. Call it before the
/// keys are shared with other threads.
///
/// # Safety
/// `credentials` is a live handle not in use by another thread; `name` is NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn vipps_credentials_set_metrics_name(
    credentials: *mut vipps_credentials,
    name: *const c_char,
) -> vipps_status {
    ffi_status(|| {
        let keys = arg_mut(credentials, "credentials")?;
        keys.inner = keys.inner.clone().with_metrics_name(arg_str(name, "name")?)?;
        Ok(())
    })
}

/// Frees keys, wiping the secrets. NULL is ignored.
///
/// # Safety
/// `credentials` is NULL or a handle not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vipps_credentials_free(credentials: *mut vipps_credentials) {
    ffi_boundary((), || {
        take_back(credentials);
        Ok(())
    })
}
