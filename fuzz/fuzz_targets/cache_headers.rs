#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| vipps_auth_fuzz::cache_headers(data));
