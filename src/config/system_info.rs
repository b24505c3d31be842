//! The `Vipps-System-*` headers that identify the integration to Vipps.

use super::header_value;
use crate::error::Result;

/// Vipps rejects longer values.
const MAX_LEN: usize = 30;

/// Sent on every request. Required for partners and plugins, recommended for everyone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SystemInfo {
    pub name: Option<String>,
    pub version: Option<String>,
    pub plugin_name: Option<String>,
    pub plugin_version: Option<String>,
}

impl SystemInfo {
    pub(crate) fn validate(&self) -> Result<()> {
        for (field, value) in self.fields() {
            if let Some(value) = value {
                header_value::check(field, value, Some(MAX_LEN))?;
            }
        }
        Ok(())
    }

    /// `(header name, value)` for each header that is set; names in lower case, as HTTP/2 wants.
    pub(crate) fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.fields().into_iter().filter_map(|(name, value)| Some((name, value?.as_str())))
    }

    fn fields(&self) -> [(&'static str, Option<&String>); 4] {
        [
            ("vipps-system-name", self.name.as_ref()),
            ("vipps-system-version", self.version.as_ref()),
            ("vipps-system-plugin-name", self.plugin_name.as_ref()),
            ("vipps-system-plugin-version", self.plugin_version.as_ref()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_characters_at_most() {
        let ok = SystemInfo { name: Some("a".repeat(30)), ..Default::default() };
        assert!(ok.validate().is_ok());
        let long = SystemInfo { plugin_version: Some("a".repeat(31)), ..Default::default() };
        let err = long.validate().unwrap_err();
        assert!(err.to_string().contains("vipps-system-plugin-version"), "{err}");
    }

    #[test]
    fn only_set_headers_are_sent() {
        let info = SystemInfo { name: Some("shop".into()), version: Some("1.0".into()), ..Default::default() };
        let headers: Vec<_> = info.headers().collect();
        assert_eq!(headers, [("vipps-system-name", "shop"), ("vipps-system-version", "1.0")]);
    }
}
