//! Login's pure checks for C: the token endpoint's answer to a code exchange, and offline
//! ID-token verification — the same code as Rust's, proven by the shared vectors.

use super::boundary::ffi_status;
use super::status::vipps_status;
use super::strings::{arg_bytes, arg_str, opt_str};
use crate::login::{decode_token_endpoint_answer, ExpectedAudience, IdTokenVerifier};
use std::ffi::c_char;
use std::time::Duration;

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
        let owned = |s: Option<&str>| s.map(str::to_owned);
        let audience =
            ExpectedAudience::from_parts(owned(opt_str(client_id, "client_id")?), owned(opt_str(msn, "msn")?))?;
        let leeway = Duration::from_secs(leeway_seconds.into());
        let verifier =
            IdTokenVerifier::new(arg_str(jwks, "jwks")?.as_bytes(), arg_str(issuer, "issuer")?, audience, leeway)?;
        let now = crate::bounds::epoch_plus(Duration::from_secs(u64::try_from(now).unwrap_or(0)));
        verifier.verify(arg_str(token, "token")?, arg_str(nonce, "nonce")?, opt_str(acr, "acr")?, now)?;
        Ok(())
    })
}
