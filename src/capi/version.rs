//! The library's version, as macros for compile time and a function for run time.

use std::ffi::c_char;

pub const VIPPS_AUTH_VERSION_MAJOR: u32 = 0;
pub const VIPPS_AUTH_VERSION_MINOR: u32 = 1;
pub const VIPPS_AUTH_VERSION_PATCH: u32 = 0;

/// The version of the loaded library, e.g. `"0.1.0"`. Static: never free it.
#[no_mangle]
pub extern "C" fn vipps_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_match_the_crate_version() {
        let macros = format!("{VIPPS_AUTH_VERSION_MAJOR}.{VIPPS_AUTH_VERSION_MINOR}.{VIPPS_AUTH_VERSION_PATCH}");
        assert_eq!(macros, env!("CARGO_PKG_VERSION"));
    }
}
