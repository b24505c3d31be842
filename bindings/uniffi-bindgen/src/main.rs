//! `cargo run -p uniffi-bindgen -- generate --library <lib> --language <kotlin|swift|python>`:
//! the generator pinned to the library's own uniffi version, so the two can never disagree.
//! Python output is then made idiomatic (see `python_idiom`): maturin runs this binary, so
//! every wheel gets the same module.

mod python_idiom;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    uniffi::uniffi_bindgen_main();
    if let Some(out_dir) = python_out_dir(&args) {
        if let Err(error) = python_idiom::rewrite_dir(&out_dir) {
            eprintln!("uniffi-bindgen: could not make the Python module idiomatic: {error}");
            std::process::exit(1);
        }
    }
}

/// Where a `generate --language python` run wrote its module.
fn python_out_dir(args: &[String]) -> Option<PathBuf> {
    let value =
        |names: &[&str]| args.windows(2).find(|pair| names.contains(&pair[0].as_str())).map(|pair| pair[1].clone());
    let inline = |prefix: &str| args.iter().find_map(|arg| arg.strip_prefix(prefix).map(str::to_owned));
    let language = value(&["--language", "-l"]).or_else(|| inline("--language="))?;
    (args.get(1).map(String::as_str) == Some("generate") && language == "python")
        .then(|| value(&["--out-dir", "-o"]).or_else(|| inline("--out-dir=")))
        .flatten()
        .map(PathBuf::from)
}
