//! The files a backend's domain serves so that the Vipps or MobilePay app's return to an
//! `https` redirect URI opens the merchant's app instead of a browser:
//! `/.well-known/apple-app-site-association` (iOS universal links) and
//! `/.well-known/assetlinks.json` (Android app links). Generated from app ids, certificate
//! fingerprints and callback paths, each checked first.

use crate::error::{Error, Result};
use serde_json::{json, Value};

/// An iOS app: `TEAMID.bundle.id`, e.g. `ABCDE12345.com.example.app`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IosApp {
    pub team_id: String,
    pub bundle_id: String,
}

/// An Android app: its package and the SHA-256 fingerprints of its signing certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndroidApp {
    pub package: String,
    /// `AB:CD:…`: 32 colon-separated hex bytes (as `keytool -list -v` prints them).
    pub fingerprints: Vec<String>,
}

/// The apps that handle a domain's callback paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppLinks {
    pub ios: Vec<IosApp>,
    pub android: Vec<AndroidApp>,
    /// The paths the apps open, e.g. `/app/callback`; each begins with `/`.
    pub paths: Vec<String>,
}

impl IosApp {
    /// Reads `TEAMID.com.example.app`.
    pub fn parse(app_id: &str) -> Result<IosApp> {
        let (team_id, bundle_id) = app_id.split_once('.').ok_or_else(|| {
            Error::config("ios", "write the app id as TEAMID.bundle.id, e.g. ABCDE12345.com.example.app")
        })?;
        let app = IosApp { team_id: team_id.to_owned(), bundle_id: bundle_id.to_owned() };
        app.validate()?;
        Ok(app)
    }

    fn validate(&self) -> Result<()> {
        if self.team_id.len() != 10 || !self.team_id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            return Err(Error::config(
                "ios",
                "the Apple team id is 10 upper-case letters and digits (see the Apple developer account)",
            ));
        }
        if !dotted(&self.bundle_id, |b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(Error::config("ios", "the bundle id is reverse-DNS, e.g. com.example.app"));
        }
        Ok(())
    }

    pub fn app_id(&self) -> String {
        format!("{}.{}", self.team_id, self.bundle_id)
    }
}

impl AndroidApp {
    /// Reads `com.example.app:AB:CD:…` (the package, then one fingerprint).
    pub fn parse(text: &str) -> Result<AndroidApp> {
        let (package, fingerprint) = text
            .split_once(':')
            .ok_or_else(|| Error::config("android", "write it as package:fingerprint, e.g. com.example.app:AB:CD:…"))?;
        let app = AndroidApp { package: package.to_owned(), fingerprints: vec![fingerprint.to_ascii_uppercase()] };
        app.validate()?;
        Ok(app)
    }

    fn validate(&self) -> Result<()> {
        let segment_ok = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic());
        if !dotted(&self.package, |b| b.is_ascii_alphanumeric() || b == b'_')
            || !self.package.split('.').all(segment_ok)
        {
            return Err(Error::config(
                "android",
                "the package name is like com.example.app (segments start with a letter)",
            ));
        }
        if self.fingerprints.is_empty() {
            return Err(Error::config("android", "give the SHA-256 fingerprint of the app's signing certificate"));
        }
        for fingerprint in &self.fingerprints {
            let bytes: Vec<&str> = fingerprint.split(':').collect();
            if bytes.len() != 32 || !bytes.iter().all(|b| b.len() == 2 && b.bytes().all(|c| c.is_ascii_hexdigit())) {
                return Err(Error::config(
                    "android",
                    "a SHA-256 fingerprint is 32 colon-separated hex bytes (keytool -list -v prints it)",
                ));
            }
        }
        Ok(())
    }
}

/// At least two non-empty dot-separated parts of allowed bytes.
fn dotted(text: &str, allowed: impl Fn(u8) -> bool) -> bool {
    text.split('.').count() >= 2 && text.split('.').all(|part| !part.is_empty() && part.bytes().all(&allowed))
}

impl AppLinks {
    pub fn validate(&self) -> Result<()> {
        if self.ios.is_empty() && self.android.is_empty() {
            return Err(Error::config("apps", "name at least one iOS or Android app"));
        }
        if self.paths.is_empty() {
            return Err(Error::config("path", "name at least one callback path, e.g. /app/callback"));
        }
        for path in &self.paths {
            if !path.starts_with('/') || path.contains(['?', '#', ' ']) {
                return Err(Error::config("path", "a path begins with `/` and has no query, fragment or space"));
            }
        }
        self.ios.iter().try_for_each(IosApp::validate)?;
        self.android.iter().try_for_each(AndroidApp::validate)
    }

    /// `apple-app-site-association`: `applinks` with `appIDs` and `components` (iOS 13+) for
    /// the callback paths, and `webcredentials`. Served as `application/json`, no redirects.
    pub fn apple_app_site_association(&self) -> Result<String> {
        self.validate()?;
        let app_ids: Vec<String> = self.ios.iter().map(IosApp::app_id).collect();
        let components: Vec<Value> =
            self.paths.iter().map(|path| json!({"/": path, "comment": "Vipps MobilePay login returns here"})).collect();
        let document = json!({
            "applinks": {"details": [{"appIDs": app_ids, "components": components}]},
            "webcredentials": {"apps": app_ids},
        });
        Ok(serde_json::to_string_pretty(&document).expect("plain JSON"))
    }

    /// `assetlinks.json`: `delegate_permission/common.handle_all_urls` for each Android app.
    /// Served as `application/json`, no redirects.
    pub fn assetlinks_json(&self) -> Result<String> {
        self.validate()?;
        let statements: Vec<Value> = self
            .android
            .iter()
            .map(|app| {
                json!({
                    "relation": ["delegate_permission/common.handle_all_urls"],
                    "target": {
                        "namespace": "android_app",
                        "package_name": app.package,
                        "sha256_cert_fingerprints": app.fingerprints,
                    },
                })
            })
            .collect();
        Ok(serde_json::to_string_pretty(&Value::Array(statements)).expect("plain JSON"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint() -> String {
        vec!["AB"; 32].join(":")
    }

    #[test]
    fn inputs_are_checked_with_clear_errors() {
        assert_eq!(IosApp::parse("ABCDE12345.com.example.app").unwrap().bundle_id, "com.example.app");
        for bad in ["abcde12345.com.example.app", "ABCDE1234.com.example.app", "ABCDE12345.app", "ABCDE12345"] {
            assert!(IosApp::parse(bad).is_err(), "{bad}");
        }
        assert!(AndroidApp::parse(&format!("com.example.app:{}", fingerprint().to_lowercase())).is_ok());
        assert!(AndroidApp::parse("com.example.app:AB:CD").unwrap_err().to_string().contains("32 colon-separated"));
        assert!(AndroidApp::parse(&format!("1com.example:{}", fingerprint())).is_err());
        let links = AppLinks {
            ios: vec![IosApp::parse("ABCDE12345.com.example.app").unwrap()],
            android: vec![],
            paths: vec!["app/callback".into()],
        };
        assert!(links.validate().unwrap_err().to_string().contains("begins with `/`"));
    }
}
