//! The C ABI, the only module cbindgen reads (`include/vipps_auth.h`).
//!
//! Conventions, after rustls-ffi: names are `vipps_<type>_<verb>`; handles are opaque,
//! made by `_new` and released by `_free` (which accept NULL); fallible functions return a
//! `vipps_status` — 0, or the public error code shared with every binding — and write
//! outputs only on success; `vipps_last_error_message`/`_hint` tell what went wrong on the
//! calling thread; every returned `char *` is released with `vipps_string_free`; nothing
//! unwinds into C. Thread safety is stated on each function.
#![allow(non_camel_case_types)]

mod access_token;
mod app_url;
mod boundary;
mod config;
mod credentials;
mod handles;
mod last_error;
mod login_checks;
mod login_client;
mod metrics;
mod phone_login;
mod phone_number;
pub(crate) mod status;
#[cfg(feature = "redis")]
mod store;
mod strings;
mod token_manager;
mod version;

pub use version::{VIPPS_AUTH_VERSION_MAJOR, VIPPS_AUTH_VERSION_MINOR, VIPPS_AUTH_VERSION_PATCH};
