//! Will Vipps' return to this redirect URI open the app? Reads a site's
//! `apple-app-site-association` and `assetlinks.json` (fetched by the caller, from a URL or a
//! file) and says, for each platform, yes or why not.

use serde_json::Value;
use url::Url;

/// One platform's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkVerdict {
    pub opens_app: bool,
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppLinksReport {
    pub ios: LinkVerdict,
    pub android: LinkVerdict,
}

/// Checks the two files (absent: `None`) against `redirect_uri`.
pub fn check_app_links(redirect_uri: &str, aasa: Option<&[u8]>, assetlinks: Option<&[u8]>) -> AppLinksReport {
    let url = match Url::parse(redirect_uri) {
        Ok(url) if url.scheme() == "https" => url,
        Ok(_) => {
            let why = "not an https URI: universal links and app links are https; a custom scheme opens an app without these files, but any app can claim it";
            return AppLinksReport { ios: no(why), android: no(why) };
        }
        Err(_) => return AppLinksReport { ios: no("not a URI"), android: no("not a URI") },
    };
    AppLinksReport { ios: ios(url.path(), aasa), android: android(assetlinks) }
}

fn no(why: &str) -> LinkVerdict {
    LinkVerdict { opens_app: false, why: why.to_owned() }
}

fn ios(path: &str, aasa: Option<&[u8]>) -> LinkVerdict {
    let Some(body) = aasa else { return no("no apple-app-site-association is served") };
    let Ok(document) = serde_json::from_slice::<Value>(body) else {
        return no("apple-app-site-association is not JSON");
    };
    let Some(details) = document.pointer("/applinks/details").and_then(Value::as_array) else {
        return no("apple-app-site-association has no applinks.details");
    };
    for detail in details {
        let mut apps: Vec<&str> =
            detail.get("appIDs").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        apps.extend(detail.get("appID").and_then(Value::as_str));
        if apps.is_empty() {
            continue;
        }
        match covers(detail, path) {
            Some(true) => return LinkVerdict { opens_app: true, why: format!("{path} opens {}", apps.join(", ")) },
            Some(false) => return no(&format!("{path} is excluded for {}", apps.join(", "))),
            None => {}
        }
    }
    no(&format!("no applinks entry covers the path {path}"))
}

/// Whether a details entry's first matching rule includes (`Some(true)`) or excludes the
/// path: `components` (iOS 13+) or the older `paths` (`NOT ` excludes).
fn covers(detail: &Value, path: &str) -> Option<bool> {
    if let Some(components) = detail.get("components").and_then(Value::as_array) {
        return components.iter().find_map(|c| {
            let pattern = c.get("/").and_then(Value::as_str)?;
            glob(pattern, path).then(|| c.get("exclude").and_then(Value::as_bool) != Some(true))
        });
    }
    detail.get("paths").and_then(Value::as_array)?.iter().filter_map(Value::as_str).find_map(|rule| {
        match rule.strip_prefix("NOT ") {
            Some(excluded) => glob(excluded, path).then_some(false),
            None => glob(rule, path).then_some(true),
        }
    })
}

/// Apple's patterns: `*` any run of characters, `?` any one.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn android(assetlinks: Option<&[u8]>) -> LinkVerdict {
    let Some(body) = assetlinks else { return no("no assetlinks.json is served") };
    let Ok(Value::Array(statements)) = serde_json::from_slice::<Value>(body) else {
        return no("assetlinks.json is not a JSON array of statements");
    };
    let packages: Vec<&str> = statements
        .iter()
        .filter(|s| {
            s.get("relation").and_then(Value::as_array).is_some_and(|relations| {
                relations.iter().any(|r| r.as_str() == Some("delegate_permission/common.handle_all_urls"))
            })
        })
        .filter(|s| s.pointer("/target/namespace").and_then(Value::as_str) == Some("android_app"))
        .filter(|s| {
            s.pointer("/target/sha256_cert_fingerprints")
                .and_then(Value::as_array)
                .is_some_and(|prints| !prints.is_empty() && prints.iter().all(|p| p.as_str().is_some_and(fingerprint)))
        })
        .filter_map(|s| s.pointer("/target/package_name").and_then(Value::as_str))
        .collect();
    match packages.is_empty() {
        true => no("assetlinks.json has no handle_all_urls statement for an android_app with valid SHA-256 fingerprints"),
        false => LinkVerdict {
            opens_app: true,
            why: format!(
                "verified for {}; the app's intent filter must also list this host and path, with android:autoVerify=\"true\"",
                packages.join(", ")
            ),
        },
    }
}

fn fingerprint(text: &str) -> bool {
    let bytes: Vec<&str> = text.split(':').collect();
    bytes.len() == 32 && bytes.iter().all(|b| b.len() == 2 && b.bytes().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_old_style_paths() {
        assert!(glob("/app/*", "/app/callback") && glob("/app/callbac?", "/app/callback") && glob("*", "/"));
        assert!(!glob("/app/callback", "/app/callback/x") && !glob("/ap?", "/app/callback"));
        let old = serde_json::json!({"applinks": {"apps": [], "details": [{"appID": "ABCDE12345.com.example.app", "paths": ["NOT /app/private", "/app/*"]}]}});
        let body = old.to_string();
        let report = check_app_links("https://example.com/app/callback", Some(body.as_bytes()), None);
        assert!(report.ios.opens_app, "{}", report.ios.why);
        assert!(!check_app_links("https://example.com/app/private", Some(body.as_bytes()), None).ios.opens_app);
        assert!(!report.android.opens_app && report.android.why.contains("no assetlinks.json"));
    }
}
