//! `vipps-auth app-callback` and `app-links`: app-to-app from a shell. What an app would do
//! with the URL it was opened with, and the association files its backend's domain serves.

use crate::describe;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use vipps_auth::app::{check_app_links, AndroidApp, AppLinks, IosApp, LinkVerdict};
use vipps_auth::{parse_app_url, AppUrl, CodeHandoff, PendingLogin};

const AASA: &str = ".well-known/apple-app-site-association";
const ASSETLINKS: &str = ".well-known/assetlinks.json";

/// Prints, as JSON, what an app opened with `url` would do next.
pub fn app_callback(url: &str, pending_file: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(pending_file).map_err(|e| format!("cannot read {}: {e}", pending_file.display()))?;
    let pending = PendingLogin::restore(&text).map_err(describe)?;
    let outcome = parse_app_url(url, std::slice::from_ref(&pending));
    let described = match &outcome {
        AppUrl::Resume { resume_uri, .. } => json!({"kind": "resume", "resume_uri": resume_uri,
            "next": "open resume_uri in the same browser session that started the login"}),
        AppUrl::Code { code, state, scope } => json!({"kind": "code", "scope": scope,
            "handoff": serde_json::from_str::<Value>(CodeHandoff::new(code.expose(), state).to_json().expose()).ok(),
            "next": "send the handoff to the backend, which completes the login"}),
        AppUrl::Cancelled { description, .. } => json!({"kind": "cancelled", "description": description,
            "next": "the user cancelled: offer to try again"}),
        AppUrl::Failed { error, description, .. } => {
            json!({"kind": "failed", "error": error, "description": description,
            "next": "show that the login failed; see the error"})
        }
        AppUrl::NotOurs { reason } => json!({"kind": "not_ours", "reason": reason,
            "next": "not this login's URL: route it elsewhere"}),
    };
    println!("{described}");
    Ok(())
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AppLinksArgs {
    #[command(subcommand)]
    check: Option<AppLinksCheck>,
    /// An iOS app, TEAMID.bundle.id (repeatable).
    #[arg(long = "ios", value_name = "TEAMID.BUNDLE_ID")]
    ios: Vec<String>,
    /// An Android app, package:SHA-256 fingerprint (repeatable).
    #[arg(long = "android", value_name = "PACKAGE:FINGERPRINT")]
    android: Vec<String>,
    /// A callback path the apps open, e.g. /app/callback (repeatable).
    #[arg(long = "path", required = true)]
    paths: Vec<String>,
    /// The web root: the files go to DIR/.well-known/.
    #[arg(long, required = true)]
    out: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
enum AppLinksCheck {
    /// Say whether Vipps' return to a redirect URI will open the app on each platform: reads
    /// the two files from a site (https://…, no redirects followed) or a web-root directory.
    Check {
        /// The site, e.g. https://example.com, or a directory holding .well-known/.
        source: String,
        #[arg(long)]
        redirect_uri: String,
    },
}

pub fn app_links(args: AppLinksArgs) -> Result<std::process::ExitCode, String> {
    if let Some(AppLinksCheck::Check { source, redirect_uri }) = args.check {
        return check(&source, &redirect_uri);
    }
    let links = AppLinks {
        ios: args.ios.iter().map(|id| IosApp::parse(id)).collect::<Result<_, _>>().map_err(describe)?,
        android: args.android.iter().map(|a| AndroidApp::parse(a)).collect::<Result<_, _>>().map_err(describe)?,
        paths: args.paths,
    };
    let out = args.out.expect("clap requires --out");
    std::fs::create_dir_all(out.join(".well-known")).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut written = Vec::new();
    if !links.ios.is_empty() {
        written.push((out.join(AASA), links.apple_app_site_association().map_err(describe)?));
    }
    if !links.android.is_empty() {
        written.push((out.join(ASSETLINKS), links.assetlinks_json().map_err(describe)?));
    }
    for (path, body) in written {
        std::fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{}", path.display());
    }
    eprintln!("Serve them at https://<your domain>/.well-known/ as application/json, with no redirects.");
    Ok(std::process::ExitCode::SUCCESS)
}

/// Exit status 0 when both platforms open the app, 1 otherwise.
fn check(source: &str, redirect_uri: &str) -> Result<std::process::ExitCode, String> {
    let (aasa, assetlinks) = match source.starts_with("http://") || source.starts_with("https://") {
        true => fetch_both(source, redirect_uri)?,
        false => (read(&Path::new(source).join(AASA)), read(&Path::new(source).join(ASSETLINKS))),
    };
    let (aasa, assetlinks) = (served(aasa), served(assetlinks));
    let report = check_app_links(redirect_uri, aasa.0.as_deref(), assetlinks.0.as_deref());
    let line = |platform: &str, verdict: &LinkVerdict, problem: Option<String>| match (verdict.opens_app, problem) {
        (true, None) => println!("{platform}: opens the app: {}", verdict.why),
        (_, Some(problem)) => println!("{platform}: will not open the app: {problem}"),
        (false, None) => println!("{platform}: will not open the app: {}", verdict.why),
    };
    line("ios", &report.ios, aasa.1.clone());
    line("android", &report.android, assetlinks.1.clone());
    let all = report.ios.opens_app && report.android.opens_app && aasa.1.is_none() && assetlinks.1.is_none();
    Ok(if all { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE })
}

/// A file's bytes, or why a phone would not read it.
type Fetched = Result<Vec<u8>, String>;

/// The body when it can be used, and a serving problem to report instead of the verdict.
fn served(fetched: Fetched) -> (Option<Vec<u8>>, Option<String>) {
    match fetched {
        Ok(body) => (Some(body), None),
        Err(problem) if problem.starts_with("absent") => (None, None),
        Err(problem) => (None, Some(problem)),
    }
}

fn read(path: &Path) -> Fetched {
    std::fs::read(path).map_err(|_| format!("absent: {}", path.display()))
}

fn fetch_both(site: &str, redirect_uri: &str) -> Result<(Fetched, Fetched), String> {
    let site = site.trim_end_matches('/');
    let host = |uri: &str| url::Url::parse(uri).ok().and_then(|u| u.host_str().map(str::to_owned));
    if host(site) != host(redirect_uri) {
        eprintln!("note: the phone reads these files from the redirect URI's own host, not from {site}");
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let get = |path: &'static str| {
            let (http, url) = (http.clone(), format!("{site}/{path}"));
            async move {
                let answer = http.get(&url).send().await.map_err(|e| format!("{url}: {e}"))?;
                match answer.status().as_u16() {
                    200 => {}
                    404 => return Err(format!("absent: {url} answered 404")),
                    300..=399 => return Err(format!("{url} redirects: Apple and Google follow no redirects")),
                    status => return Err(format!("{url} answered HTTP {status}")),
                }
                let kind = answer.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
                if !kind.starts_with("application/json") {
                    return Err(format!("{url} is served as `{kind}`, not application/json"));
                }
                answer.bytes().await.map(|b| b.to_vec()).map_err(|e| format!("{url}: {e}"))
            }
        };
        Ok((get(AASA).await, get(ASSETLINKS).await))
    })
}
