//! The metrics for C and C++ services: the snapshot as JSON, and the Prometheus text.

use super::boundary::ffi_status;
use super::handles::out_slot;
use super::status::vipps_status;
use super::strings::to_c_string;
use std::ffi::c_char;

/// Sets `*json` to every series now, as
/// `{"families":[{"name","help","type","samples":[{"name","labels":{…},"value"}]}]}`
/// (freed with `vipps_string_free`). The counts are the process's. Thread-safe.
///
/// # Safety
/// `json` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_metrics_json(json: *mut *mut c_char) -> vipps_status {
    ffi_status(|| {
        // The slot first: an assignment evaluates its right side first, which would leak.
        let out = out_slot(json)?;
        *out = to_c_string(&crate::metrics::metrics().to_json());
        Ok(())
    })
}

/// Sets `*text` to every series in the Prometheus text exposition format, for a `/metrics`
/// endpoint (freed with `vipps_string_free`). Thread-safe.
///
/// # Safety
/// `text` is valid for a write.
#[no_mangle]
pub unsafe extern "C" fn vipps_metrics_prometheus(text: *mut *mut c_char) -> vipps_status {
    ffi_status(|| {
        let out = out_slot(text)?;
        *out = to_c_string(&crate::metrics::metrics_prometheus());
        Ok(())
    })
}
