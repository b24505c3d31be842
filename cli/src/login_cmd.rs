//! `vipps-auth login-url`, `exchange` and `userinfo`: Login from a shell. Stdout is data,
//! stderr is talk. The pending login is written to a file only its owner can read.

use crate::{describe, env_config};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use vipps_auth::login::{completed_login_json, userinfo_json};
use vipps_auth::{block_on, AppFlow, AuthorizeRequest, LoginOutcome, PendingLogin, Scopes};

/// The exit status of a login the user cancelled: not a failure, but not a login either.
pub const CANCELLED: u8 = 3;

#[derive(clap::Args)]
pub struct LoginUrlArgs {
    /// Where Vipps sends the browser back: registered in the portal, matched exactly.
    #[arg(long)]
    redirect_uri: String,
    /// Space-separated scopes; `openid` is always included.
    #[arg(long, default_value = "openid name email")]
    scope: String,
    /// `automatic-return`: the Vipps app returns the user to a browser by itself;
    /// `app-to-app-v2`: it returns straight to the app's universal link (the redirect URI);
    /// `app-to-app`: first to --app-callback-uri, then on via the browser.
    #[arg(long, value_parser = ["automatic-return", "app-to-app-v2", "app-to-app"])]
    flow: Option<String>,
    /// Where the Vipps app returns first in the `app-to-app` flow.
    #[arg(long, required_if_eq("flow", "app-to-app"))]
    app_callback_uri: Option<String>,
    /// NO, DK, FI or SE: Vipps or MobilePay look.
    #[arg(long)]
    market: Option<String>,
    /// urn:vipps:acr:app_auth forces confirmation in the app.
    #[arg(long)]
    acr_values: Option<String>,
    /// Where to keep the pending login until `exchange` (written with mode 0600).
    #[arg(long, required_unless_present = "redis")]
    pending_file: Option<std::path::PathBuf>,
    /// Keep the pending login in this Redis instead, sealed, until `exchange --redis` on any
    /// machine of the fleet takes it. A --pending-file given as well wins (the variable may be
    /// set for the fleet's other commands).
    #[arg(long, env = "VIPPS_REDIS_URL")]
    redis: Option<String>,
}

pub fn login_url(args: LoginUrlArgs) -> Result<(), String> {
    let redis = args.redis.as_deref().filter(|_| args.pending_file.is_none());
    let client = env_config::stored(env_config::login_client()?, redis)?;
    let mut request = AuthorizeRequest::new(args.redirect_uri, Scopes::parse(&args.scope).map_err(describe)?);
    request.automatic_return = args.flow.as_deref() == Some("automatic-return");
    request.app_flow = match (args.flow.as_deref(), args.app_callback_uri) {
        (Some("app-to-app-v2"), None) => Some(AppFlow::AppToAppV2),
        (Some("app-to-app"), Some(app_callback_uri)) => Some(AppFlow::AppToApp { app_callback_uri }),
        (_, Some(_)) => return Err("--app-callback-uri goes with --flow app-to-app".into()),
        _ => None,
    };
    request.market = args.market;
    request.acr_values = args.acr_values;
    let authorization = block_on(client.authorize(&request)).map_err(describe)?.map_err(describe)?;
    let kept_in = match &args.pending_file {
        Some(file) => {
            write_private(file, authorization.pending.serialize().expose())?;
            format!("--pending-file {}", file.display())
        }
        None => "--redis <the same Redis>".into(),
    };
    for warning in &authorization.warnings {
        eprintln!("warning: {warning}");
    }
    println!("{}", authorization.url);
    eprintln!(
        "Open the URL in a browser; then: vipps-auth exchange {kept_in} --callback '<the URL Vipps redirected to>'"
    );
    Ok(())
}

pub fn exchange(
    pending_file: Option<&Path>,
    redis: Option<&str>,
    callback: &str,
    with_userinfo: bool,
) -> Result<ExitCode, String> {
    let client = env_config::stored(env_config::login_client()?, redis.filter(|_| pending_file.is_none()))?;
    let completing = match pending_file {
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let pending = PendingLogin::restore(&text).map_err(describe)?;
            block_on(client.complete(&pending, callback, with_userinfo))
        }
        None => block_on(client.complete_stored(callback, with_userinfo)),
    };
    match completing.map_err(describe)?.map_err(describe)? {
        LoginOutcome::Completed(login) => {
            println!("{}", completed_login_json(&login));
            Ok(ExitCode::SUCCESS)
        }
        LoginOutcome::Cancelled { description } => {
            eprintln!(
                "vipps-auth: the user cancelled the login{}",
                description.map(|d| format!(" ({d})")).unwrap_or_default()
            );
            Ok(ExitCode::from(CANCELLED))
        }
    }
}

pub fn userinfo(access_token: &str) -> Result<(), String> {
    let client = env_config::login_client()?;
    let info = block_on(client.userinfo(access_token)).map_err(describe)?.map_err(describe)?;
    println!("{}", userinfo_json(&info));
    Ok(())
}

/// Creates (or replaces) `path` readable by its owner only, then writes `text`.
fn write_private(path: &Path, text: &str) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // A file that existed keeps its mode on open: tighten it before writing.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(|e| format!("cannot protect {}: {e}", path.display()))?;
    file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
