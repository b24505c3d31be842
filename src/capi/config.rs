//! `vipps_config`: environment, system headers, timeouts and retries.

use super::boundary::{ffi_boundary, ffi_status};
use super::handles::{arg_mut, hand_out, out_slot, take_back};
use super::status::vipps_status;
use super::strings::{arg_str, opt_str};
use crate::config::{Config, Environment, HttpOptions, SystemInfo};
use crate::error::Error;
use std::ffi::c_char;
use std::time::Duration;

/// Configuration for a token manager. Not thread-safe while being changed; a manager keeps
/// its own copy, so the config may be freed once the manager is made.
pub struct vipps_config {
    pub(crate) inner: Config,
}

/// Makes a configuration for `environment`: `"test"`, `"production"`, or a base URL (https,
/// or http for loopback hosts such as the emulator). Writes `*out` only on success.
///
/// # Safety
/// `environment` is a NUL-terminated string; `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_config_new(environment: *const c_char, out: *mut *mut vipps_config) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        let config = Config::new(Environment::parse(arg_str(environment, "environment")?)?);
        config.validate()?;
        hand_out(out, vipps_config { inner: config });
        Ok(())
    })
}

/// Makes a configuration from `VIPPS_ENV` (`"test"`, `"production"` or a base URL); when it
/// is missing or unknown, the last error says what to set. Writes `*out` only on success.
///
/// # Safety
/// `out` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_config_new_from_env(out: *mut *mut vipps_config) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(out)?;
        hand_out(out, vipps_config { inner: Config::from_env()? });
        Ok(())
    })
}

/// Sets the `Vipps-System-*` headers; each argument may be NULL (not sent), at most 30
/// printable ASCII characters otherwise. On error the config is unchanged.
///
/// # Safety
/// `config` is a live config; the strings are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn vipps_config_set_system_info(
    config: *mut vipps_config,
    name: *const c_char,
    version: *const c_char,
    plugin_name: *const c_char,
    plugin_version: *const c_char,
) -> vipps_status {
    ffi_status(|| {
        let config = arg_mut(config, "config")?;
        let owned = |s: Option<&str>| s.map(str::to_owned);
        let system = SystemInfo {
            name: owned(opt_str(name, "name")?),
            version: owned(opt_str(version, "version")?),
            plugin_name: owned(opt_str(plugin_name, "plugin_name")?),
            plugin_version: owned(opt_str(plugin_version, "plugin_version")?),
        };
        system.validate()?;
        config.inner.system = system;
        Ok(())
    })
}

/// Sets the timeouts in milliseconds: connect, one attempt, and the whole call including
/// retries. Zero is refused. On error the config is unchanged.
///
/// # Safety
/// `config` is a live config.
#[no_mangle]
pub unsafe extern "C" fn vipps_config_set_timeouts(
    config: *mut vipps_config,
    connect_ms: u64,
    request_ms: u64,
    total_ms: u64,
) -> vipps_status {
    ffi_status(|| {
        change_http(arg_mut(config, "config")?, |http| {
            http.connect_timeout = Duration::from_millis(connect_ms);
            http.request_timeout = Duration::from_millis(request_ms);
            http.total_timeout = Duration::from_millis(total_ms);
        })
    })
}

/// Sets how many times a failed attempt (network error, 5xx, 429) is retried after the
/// first; default 4, at most 20, 0 for none. On error the config is unchanged.
///
/// # Safety
/// `config` is a live config.
#[no_mangle]
pub unsafe extern "C" fn vipps_config_set_max_retries(config: *mut vipps_config, max_retries: u32) -> vipps_status {
    ffi_status(|| change_http(arg_mut(config, "config")?, |http| http.max_retries = max_retries))
}

/// Applies `change` to a copy of the HTTP options and keeps it only if it is valid.
fn change_http(config: &mut vipps_config, change: impl FnOnce(&mut HttpOptions)) -> Result<(), Error> {
    let mut http = config.inner.http.clone();
    change(&mut http);
    http.validate()?;
    config.inner.http = http;
    Ok(())
}

/// Frees a config. NULL is ignored.
///
/// # Safety
/// `config` is NULL or a config not yet freed.
#[no_mangle]
pub unsafe extern "C" fn vipps_config_free(config: *mut vipps_config) {
    ffi_boundary((), || {
        take_back(config);
        Ok(())
    })
}
