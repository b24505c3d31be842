//! Names an application gives credentials for per-credential figures (opt-in): at most 100
//! per process, kept in the order first given; credentials named after that count under
//! `other`. Only names the application chose ever appear: never a client id or MSN.

use crate::error::{Error, Result};
use std::sync::{Mutex, MutexGuard};

pub(crate) const MAX_NAMES: usize = 100;

/// Slot 0 is `other`; slot `i` is `NAMES[i - 1]`.
static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The slot for `name`, after checking it is a label value of the application's own.
pub(crate) fn slot(name: &str, client_id: &str, msn: Option<&str>) -> Result<u8> {
    let fits = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if name.is_empty() || name.len() > 64 || !name.chars().all(fits) {
        return Err(Error::config("metrics_name", "1 to 64 of A-Z, a-z, 0-9, '-', '_' and '.' (say \"shop-eu\")"));
    }
    if name == client_id || Some(name) == msn || name == "other" {
        return Err(Error::config(
            "metrics_name",
            "a name of your own: never the client id or MSN (metrics leave the process), nor \"other\"",
        ));
    }
    let mut names = lock();
    let slot = match names.iter().position(|known| known == name) {
        Some(index) => index + 1,
        None if names.len() < MAX_NAMES => {
            names.push(name.to_owned());
            names.len()
        }
        None => 0,
    };
    Ok(slot as u8)
}

/// The label value of each slot in use: `other` first, then the names.
pub(crate) fn in_use() -> Vec<(usize, String)> {
    let names = lock();
    std::iter::once((0, "other".to_owned())).chain(names.iter().cloned().enumerate().map(|(i, n)| (i + 1, n))).collect()
}

/// The name a slot stands for.
pub(crate) fn name_of(slot: u8) -> String {
    match slot {
        0 => "other".to_owned(),
        i => lock().get(usize::from(i) - 1).cloned().unwrap_or_default(),
    }
}

fn lock() -> MutexGuard<'static, Vec<String>> {
    NAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
