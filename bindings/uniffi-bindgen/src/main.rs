//! `cargo run -p uniffi-bindgen -- generate --library <lib> --language <kotlin|swift|python>`:
//! the generator pinned to the library's own uniffi version, so the two can never disagree.

fn main() {
    uniffi::uniffi_bindgen_main()
}
