//! Checks for strings that become HTTP header values.

use crate::error::{Error, Result};

/// Visible ASCII and spaces only: anything else would be rejected or mangled on the wire.
pub(crate) fn check(field: &'static str, value: &str, max_len: Option<usize>) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::config(field, "must not be empty"));
    }
    if let Some(max) = max_len {
        if value.chars().count() > max {
            return Err(Error::config(field, format!("at most {max} characters")));
        }
    }
    if !value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(Error::config(field, "only printable ASCII characters are allowed"));
    }
    Ok(())
}
