//! Login for C and C++ services: a client handle, the authorize URL with the serialised
//! pending login to keep, and completion from the callback URL.
//!
//! A completed login comes back as one JSON string (`claims`, `userinfo`, `scope`,
//! `access_token`) rather than typed accessors: Vipps keeps adding claims (user data in the
//! ID token since 2025), and JSON carries every one without a new function or an ABI change;
//! a C++ service has a JSON parser already. It holds the access token: `vipps_string_free`
//! wipes it.

use super::boundary::{ffi_boundary, ffi_status};
use super::config::vipps_config;
use super::credentials::vipps_credentials;
use super::handles::{arg_ref, hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::{arg_str, opt_str, to_c_string};
use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::login::{completed_login_json, AuthorizeRequest, LoginAuth, LoginClient, LoginOutcome};
use crate::login::{PendingLogin, Scopes};
use std::ffi::{c_char, c_int};

/// Login for one sales unit in one environment. Thread-safe: share one per process.
pub struct vipps_login_client {
    pub(crate) inner: LoginClient,
}

/// How the sales unit's token endpoint wants its client_id and client_secret. Passed as an
/// `int`: a value outside the enum is refused with `VIPPS_STATUS_CONFIGURATION` (an
/// out-of-range enum received as a Rust enum would be undefined behaviour).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum vipps_login_auth {
    /// `client_secret_basic`, Vipps' default.
    Basic = 0,
    /// `client_secret_post`, when the portal says so.
    Post = 1,
}

impl vipps_login_auth {
    fn from_c(value: c_int) -> Result<Self, Error> {
        [vipps_login_auth::Basic, vipps_login_auth::Post].into_iter().find(|auth| *auth as c_int == value).ok_or_else(
            || Error::config("auth", format!("{value} is not a vipps_login_auth (VIPPS_LOGIN_AUTH_BASIC or _POST)")),
        )
    }
}

/// Makes a Login client; `auth` is a `vipps_login_auth`. Writes `*out` only on success.
///
/// # Safety
/// `config` is a live config; the strings are NUL-terminated; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_client_new(
    config: *const vipps_config,
    auth: c_int,
    client_id: *const c_char,
    client_secret: *const c_char,
    out: *mut *mut vipps_login_client,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let (client_id, secret) =
            (arg_str(client_id, "client_id")?.to_owned(), arg_str(client_secret, "client_secret")?);
        let auth = match vipps_login_auth::from_c(auth)? {
            vipps_login_auth::Basic => LoginAuth::ClientSecretBasic { client_id, client_secret: secret.into() },
            vipps_login_auth::Post => LoginAuth::ClientSecretPost { client_id, client_secret: secret.into() },
        };
        hand_out(out, vipps_login_client { inner: LoginClient::new(arg_ref(config, "config")?.inner.clone(), auth)? });
        Ok(())
    })
}

/// A Login client with the keys from `VIPPS_CLIENT_ID` and `VIPPS_CLIENT_SECRET`, sent as
/// `VIPPS_LOGIN_AUTH` says: `basic` (the default), `post`, or `partner` (also
/// `VIPPS_SUBSCRIPTION_KEY` and `VIPPS_MSN`). A missing variable is
/// `VIPPS_STATUS_CONFIGURATION` with a message naming it. Writes `*out` only on success.
///
/// # Safety
/// `config` is a live config; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_client_new_from_env(
    config: *const vipps_config,
    out: *mut *mut vipps_login_client,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let client = LoginClient::new(arg_ref(config, "config")?.inner.clone(), LoginAuth::from_env()?)?;
        hand_out(out, vipps_login_client { inner: client });
        Ok(())
    })
}

/// A Login client for a partner acting for a merchant: `credentials` are the partner's
/// `/accesstoken/get` keys with the merchant's MSN. Writes `*out` only on success.
///
/// # Safety
/// `config` and `credentials` are live handles; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_client_new_partner(
    config: *const vipps_config,
    credentials: *const vipps_credentials,
    out: *mut *mut vipps_login_client,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let keys = match &arg_ref(credentials, "credentials")?.inner {
            Credentials::Merchant(keys) => keys.clone(),
            Credentials::Specialized(_) => {
                return Err(Error::config("credentials", "partner Login needs merchant keys"))
            }
        };
        let client = LoginClient::new(arg_ref(config, "config")?.inner.clone(), LoginAuth::Partner { keys })?;
        hand_out(out, vipps_login_client { inner: client });
        Ok(())
    })
}

/// Frees a Login client. NULL is ignored.
///
/// # Safety
/// `client` is NULL or a handle from `vipps_login_client_new*`, not yet freed, not in use.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_client_free(client: *mut vipps_login_client) {
    ffi_boundary((), || {
        take_back(client);
        Ok(())
    })
}

/// The URL to send the browser to (`*url`) and the pending login to keep until it comes
/// back (`*pending`, keyed by its state; it completes the login: store it like a secret).
/// `scope` is space-separated (`openid` is added). Both freed with `vipps_string_free`;
/// written only on success. Blocking; thread-safe.
///
/// # Safety
/// `client` is a live handle; the strings are NUL-terminated; `url` and `pending` are valid
/// for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_authorize(
    client: *const vipps_login_client,
    redirect_uri: *const c_char,
    scope: *const c_char,
    url: *mut *mut c_char,
    pending: *mut *mut c_char,
) -> vipps_status {
    vipps_login_authorize_for_merchant(client, redirect_uri, scope, std::ptr::null(), url, pending)
}

/// `vipps_login_authorize` for a partner client acting for many merchants: `msn` names the
/// merchant this login is for (NULL: the partner keys' own MSN). The pending login keeps it,
/// so the code exchange and the ID token's `msn` check are for that merchant. A client with
/// a sales unit's own keys takes NULL only.
///
/// # Safety
/// As `vipps_login_authorize`; `msn` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_authorize_for_merchant(
    client: *const vipps_login_client,
    redirect_uri: *const c_char,
    scope: *const c_char,
    msn: *const c_char,
    url: *mut *mut c_char,
    pending: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let (url, pending) = (out_slot(url)?, out_slot(pending)?);
        let mut request =
            AuthorizeRequest::new(arg_str(redirect_uri, "redirect_uri")?, Scopes::parse(arg_str(scope, "scope")?)?);
        request.msn = opt_str(msn, "msn")?.map(str::to_owned);
        let authorization = block(arg_ref(client, "client")?.inner.authorize(&request))?;
        *url = to_c_string(&authorization.url);
        *pending = to_c_string(authorization.pending.serialize().expose());
        Ok(())
    })
}

/// Completes a login from the URL the browser came back to: `VIPPS_STATUS_OK` with the
/// login as JSON in `*login_json` (see the module note), `VIPPS_STATUS_LOGIN_CANCELLED` when
/// the user cancelled, or the error. Each pending login completes once. Blocking;
/// thread-safe.
///
/// # Safety
/// `client` is a live handle; the strings are NUL-terminated; `login_json` is valid for a
/// write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_complete(
    client: *const vipps_login_client,
    pending: *const c_char,
    callback: *const c_char,
    with_userinfo: bool,
    login_json: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(login_json)?;
        let pending = PendingLogin::restore(arg_str(pending, "pending")?)?;
        let callback = arg_str(callback, "callback")?;
        hand_out_login(block(arg_ref(client, "client")?.inner.complete(&pending, callback, with_userinfo))?, out)
    })
}

/// A completed login as JSON in `out`; a cancelled one as its status.
pub(crate) fn hand_out_login(outcome: LoginOutcome, out: &mut *mut c_char) -> Result<()> {
    match outcome {
        LoginOutcome::Completed(login) => {
            *out = to_c_string(&completed_login_json(&login).to_string());
            Ok(())
        }
        LoginOutcome::Cancelled { .. } => Err(Error::LoginCancelled),
    }
}

/// The user's data as JSON, with the `access_token` of a completed login (valid about ten
/// minutes). Freed with `vipps_string_free`. Blocking; thread-safe.
///
/// # Safety
/// `client` is a live handle; `access_token` is NUL-terminated; `userinfo_json` is valid for
/// a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_login_userinfo(
    client: *const vipps_login_client,
    access_token: *const c_char,
    userinfo_json: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(userinfo_json)?;
        let info = block(arg_ref(client, "client")?.inner.userinfo(arg_str(access_token, "access_token")?))?;
        *out = to_c_string(&crate::login::userinfo_json(&info).to_string());
        Ok(())
    })
}

/// Runs `work` on the SDK runtime while the caller's thread waits.
pub(crate) fn block<T: Send>(work: impl std::future::Future<Output = Result<T>> + Send) -> Result<T> {
    crate::block_on(work)?
}
