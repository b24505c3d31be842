//! Login's pure checks for C: the token endpoint's answer to a code exchange, and offline
//! ID-token verification — the same code as Rust's, proven by the shared vectors.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{arg_ref, hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::{arg_bytes, arg_str, opt_str, to_c_string};
use crate::error::Result;
use crate::login::{decode_token_endpoint_answer, ExpectedAudience, IdTokenVerifier};
use std::ffi::c_char;
use std::time::{Duration, SystemTime};

/// Reads the Login token endpoint's answer to a code exchange: `VIPPS_STATUS_OK`, or the
/// refusal (with Login's hints) or protocol error it carries. Thread-safe.
///
/// # Safety
/// `body` is valid for `body_len` bytes (or NULL with `body_len` 0).
#[no_mangle]
pub unsafe extern "C" fn vipps_login_token_answer_decode(
    http_status: u16,
    body: *const u8,
    body_len: usize,
) -> vipps_status {
    ffi_status(|| {
        decode_token_endpoint_answer(http_status, arg_bytes(body, body_len, "body")?)?;
        Ok(())
    })
}

/// Verifies an ID token against the JWKS document `jwks` at `now` (Unix seconds): issued by
/// `issuer` for `client_id` — or, for partners (`client_id` NULL), for the merchant `msn`;
/// both when both are given — carrying `nonce` (not empty) and, when not NULL, `acr`, with a
/// `leeway_seconds` of at most 600. `VIPPS_STATUS_ID_TOKEN_INVALID` names the
/// broken rule in the last error message, as `(rule)`. Thread-safe.
///
/// # Safety
/// Every string is NUL-terminated; `client_id`, `msn` and `acr` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn vipps_id_token_verify(
    token: *const c_char,
    jwks: *const c_char,
    issuer: *const c_char,
    client_id: *const c_char,
    msn: *const c_char,
    nonce: *const c_char,
    acr: *const c_char,
    leeway_seconds: u32,
    now: i64,
) -> vipps_status {
    ffi_status(|| {
        let verifier = new_verifier(jwks, issuer, client_id, msn, leeway_seconds)?;
        verifier.verify(arg_str(token, "token")?, arg_str(nonce, "nonce")?, opt_str(acr, "acr")?, unix(now))?;
        Ok(())
    })
}

/// ID-token verification with the JWKS read once: for a service that verifies many tokens
/// against the same keys. Immutable: a `const` handle may be shared across threads.
pub struct vipps_id_token_verifier {
    inner: IdTokenVerifier,
}

/// A verifier for tokens issued by `issuer` for `client_id` and/or `msn` (as
/// `vipps_id_token_verify`), with the keys of the JWKS document `jwks`. Writes `*out` only on
/// success.
///
/// # Safety
/// The strings are NUL-terminated (`client_id` and `msn` may be NULL); `out` is valid for a
/// write.
#[no_mangle]
pub unsafe extern "C" fn vipps_id_token_verifier_new(
    jwks: *const c_char,
    issuer: *const c_char,
    client_id: *const c_char,
    msn: *const c_char,
    leeway_seconds: u32,
    out: *mut *mut vipps_id_token_verifier,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        hand_out(out, vipps_id_token_verifier { inner: new_verifier(jwks, issuer, client_id, msn, leeway_seconds)? });
        Ok(())
    })
}

/// Verifies `token` at `now` (Unix seconds) for the login that sent `nonce` (and `acr`, when
/// not NULL), and writes its claims as a JSON object to `*claims_json` (the `claims` of a
/// completed login's JSON). Writes `*claims_json` only on success. Thread-safe.
///
/// # Safety
/// `verifier` is a live handle; the strings are NUL-terminated (`acr` may be NULL);
/// `claims_json` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_id_token_verifier_verify(
    verifier: *const vipps_id_token_verifier,
    token: *const c_char,
    nonce: *const c_char,
    acr: *const c_char,
    now: i64,
    claims_json: *mut *mut c_char,
) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(claims_json)?;
        let verifier = arg_ref(verifier, "verifier")?;
        let claims = verifier.inner.verify(
            arg_str(token, "token")?,
            arg_str(nonce, "nonce")?,
            opt_str(acr, "acr")?,
            unix(now),
        )?;
        *out = to_c_string(&serde_json::to_string(&claims).expect("claims are JSON"));
        Ok(())
    })
}

/// Releases a verifier. NULL is ignored.
///
/// # Safety
/// `verifier` is NULL or a handle from `vipps_id_token_verifier_new`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vipps_id_token_verifier_free(verifier: *mut vipps_id_token_verifier) {
    ffi_boundary((), || {
        take_back(verifier);
        Ok(())
    });
}

unsafe fn new_verifier(
    jwks: *const c_char,
    issuer: *const c_char,
    client_id: *const c_char,
    msn: *const c_char,
    leeway_seconds: u32,
) -> Result<IdTokenVerifier> {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    let audience = ExpectedAudience::from_parts(owned(opt_str(client_id, "client_id")?), owned(opt_str(msn, "msn")?))?;
    let leeway = Duration::from_secs(leeway_seconds.into());
    IdTokenVerifier::new(arg_str(jwks, "jwks")?.as_bytes(), arg_str(issuer, "issuer")?, audience, leeway)
}

/// Unix seconds as a time; before 1970 reads as 1970.
fn unix(seconds: i64) -> SystemTime {
    crate::bounds::epoch_plus(Duration::from_secs(u64::try_from(seconds).unwrap_or(0)))
}
