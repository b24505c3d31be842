//! Gives the shared library a SONAME on Linux, so programs that link it find it by name
//! (through their RPATH or the loader's path) rather than by the path used at link time.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libvipps_auth.so");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
