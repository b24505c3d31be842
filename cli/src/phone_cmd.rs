//! `vipps-auth phone-login` and `user-exists`: login from phone number from a shell. Progress
//! goes to stderr as a live line; the verified claims and userinfo go to stdout as JSON.
//! Ctrl-C stops the wait at once, and nothing more is sent.

use crate::login_cmd::CANCELLED;
use crate::{describe, env_config};
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use vipps_auth::phone::WaitStatus;
use vipps_auth::{
    BindingMessage, Cancellation, LoginClient, PhoneLogin, PhoneLoginOutcome, PhoneLoginProgress, PhoneLoginRequest,
    PhoneNumber, Scopes,
};

/// The exit status when the user did not answer in time.
const EXPIRED: u8 = 4;
/// The exit status after Ctrl-C, as shells report SIGINT.
const STOPPED: u8 = 130;

#[derive(clap::Args)]
pub struct PhoneLoginArgs {
    /// The user's phone number with its country code, as typed: "+47 123 45 678".
    #[arg(long, required_unless_present = "resume")]
    phone: Option<String>,
    /// Space-separated scopes; `openid` is always included.
    #[arg(long, default_value = "openid name phoneNumber")]
    scope: String,
    /// The code shown on the till and in the app (5–8 of A-Z, 0-9, -); `auto` makes one.
    #[arg(long)]
    binding_message: Option<String>,
    /// Seconds the user has to answer (60–900).
    #[arg(long)]
    expiry: Option<u64>,
    /// The redirect variant: the phone opens this URI with a code; paste that URL on stdin.
    #[arg(long)]
    redirect_uri: Option<String>,
    /// Keep the login in this Redis, sealed, so that any machine of the fleet can wait on it
    /// (`--resume`); the machines waiting poll in turns, never closer than the interval.
    #[arg(long, env = "VIPPS_REDIS_URL")]
    redis: Option<String>,
    /// Wait on a login started on another machine with `--redis`, by its auth_req_id.
    #[arg(long, requires = "redis", conflicts_with_all = ["phone", "binding_message", "expiry", "redirect_uri"])]
    resume: Option<String>,
}

pub fn phone_login(args: PhoneLoginArgs) -> Result<ExitCode, String> {
    let client = env_config::stored(env_config::login_client()?, args.redis.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    if let Some(auth_req_id) = &args.resume {
        let outcome = runtime.block_on(wait_with_live_line(&client, &Waiting::Stored(auth_req_id)))?;
        return Ok(report(outcome));
    }
    let phone = args.phone.as_deref().unwrap_or_default();
    let mut request = PhoneLoginRequest::new(
        PhoneNumber::parse(phone).map_err(describe)?,
        Scopes::parse(&args.scope).map_err(describe)?,
    );
    request.binding_message = match args.binding_message.as_deref() {
        Some("auto") => Some(BindingMessage::generate().map_err(describe)?),
        Some(text) => Some(BindingMessage::new(text).map_err(describe)?),
        None => None,
    };
    request.requested_expiry = args.expiry.map(Duration::from_secs);
    request.redirect_uri = args.redirect_uri;
    let stored = args.redis.is_some();
    let outcome = runtime.block_on(async {
        let login = client.start_phone_login(&request).await.map_err(describe)?;
        if let Some(message) = &request.binding_message {
            eprintln!("Show this code to the user; the app shows it too: {message}");
        }
        match (login.redirect_uri(), stored) {
            (Some(_), _) => finish_in_browser(&client, &login, stored).await,
            (None, false) => wait_with_live_line(&client, &Waiting::Here(&login)).await,
            (None, true) => {
                eprintln!(
                    "Kept in Redis; another machine may wait too: vipps-auth phone-login --redis <the same Redis> --resume {}",
                    login.auth_req_id()
                );
                wait_with_live_line(&client, &Waiting::Stored(login.auth_req_id())).await
            }
        }
    })?;
    Ok(report(outcome))
}

pub fn user_exists(phone: &str) -> Result<(), String> {
    let client = env_config::login_client()?;
    let number = PhoneNumber::parse(phone).map_err(describe)?;
    let exists = vipps_auth::block_on(client.user_exists(&number)).map_err(describe)?.map_err(describe)?;
    println!("{exists}");
    Ok(())
}

/// The login waited on: started here, or kept in the store (polled in turns with the fleet).
enum Waiting<'a> {
    Here(&'a PhoneLogin),
    Stored(&'a str),
}

/// Polls until the user answers; Ctrl-C cancels. A terminal gets one line redrawn every
/// second; a pipe gets one line per poll.
async fn wait_with_live_line(client: &LoginClient, login: &Waiting<'_>) -> Result<PhoneLoginOutcome, String> {
    let cancel = Cancellation::new();
    let on_ctrl_c = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    let live = std::io::stderr().is_terminal();
    let latest = Arc::new(Mutex::new(None::<(PhoneLoginProgress, Instant)>));
    let ticker = live.then(|| tokio::spawn(redraw_every_second(latest.clone())));
    let shared = latest.clone();
    let on_progress = move |progress: &PhoneLoginProgress| {
        if !live {
            eprintln!("{}", line(progress, Duration::ZERO));
        }
        *shared.lock().unwrap() = Some((progress.clone(), Instant::now()));
    };
    let waited = match login {
        Waiting::Here(login) => client.wait_for_phone_login(login, true, &cancel, on_progress).await,
        Waiting::Stored(auth_req_id) => {
            client.wait_for_stored_phone_login(auth_req_id, true, &cancel, on_progress).await
        }
    };
    if let Some(ticker) = ticker {
        ticker.abort();
        eprintln!();
    }
    waited.map_err(describe)
}

async fn redraw_every_second(latest: Arc<Mutex<Option<(PhoneLoginProgress, Instant)>>>) {
    loop {
        if let Some((progress, at)) = latest.lock().unwrap().clone() {
            eprint!("\r\x1b[2K{}", line(&progress, at.elapsed()));
            std::io::stderr().flush().ok();
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// "waiting for approval in the app … 12 s, expires in 108 s", `since` after `progress`.
fn line(progress: &PhoneLoginProgress, since: Duration) -> String {
    let what = match progress.status {
        WaitStatus::Started | WaitStatus::Pending => "waiting for approval in the app",
        WaitStatus::SlowedDown => "Vipps asked for slower polling; waiting for approval",
        WaitStatus::Retrying => "Vipps is busy; waiting to ask again",
    };
    let elapsed = (progress.elapsed + since).as_secs();
    let left = progress.expires_in.saturating_sub(since).as_secs();
    format!("{what} … {elapsed} s, expires in {left} s")
}

/// The redirect variant: the URL the phone opened comes on stdin. A login kept in the store
/// is taken from it by the URL's state, once across the fleet.
async fn finish_in_browser(
    client: &LoginClient,
    login: &PhoneLogin,
    stored: bool,
) -> Result<PhoneLoginOutcome, String> {
    eprintln!(
        "When the user has approved, their phone opens {}?code=…; paste that URL here:",
        login.redirect_uri().unwrap_or_default()
    );
    let mut callback = String::new();
    std::io::stdin().lock().read_line(&mut callback).map_err(|e| format!("cannot read the URL: {e}"))?;
    let completing = match stored {
        true => client.complete_stored_phone_redirect(callback.trim(), true).await,
        false => client.complete_phone_redirect(login, callback.trim(), true).await,
    };
    completing.map_err(describe)
}

fn report(outcome: PhoneLoginOutcome) -> ExitCode {
    match outcome {
        PhoneLoginOutcome::Completed(login) => {
            println!("{}", vipps_auth::login::completed_login_json(&login));
            ExitCode::SUCCESS
        }
        PhoneLoginOutcome::Cancelled { .. } => {
            eprintln!("vipps-auth: the user declined the login in the app");
            ExitCode::from(CANCELLED)
        }
        PhoneLoginOutcome::Expired => {
            eprintln!("vipps-auth: the user did not answer in time; start a new phone login");
            ExitCode::from(EXPIRED)
        }
        PhoneLoginOutcome::Stopped | PhoneLoginOutcome::Pending => {
            eprintln!("vipps-auth: stopped waiting; nothing more was sent");
            ExitCode::from(STOPPED)
        }
    }
}
