//! `vipps-auth`: tokens and Login from Vipps MobilePay, an offline emulator, a set-up check
//! and a narrated demo.

mod app_cmd;
mod demo;
mod demo_app;
mod demo_login;
mod demo_phone;
mod doctor;
mod emulator_cmd;
mod env_config;
mod login_cmd;
mod phone_cmd;
mod token_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "vipps-auth", version, about = "Vipps MobilePay authentication from the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the SDK against the embedded emulator and narrate what it does.
    Demo,
    /// Print an access token. Reads VIPPS_ENV (test, production or a base URL),
    /// VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY and VIPPS_MSN.
    Token {
        /// Use the specialized endpoint /miami/v1/token (no subscription key).
        #[arg(long)]
        specialized: bool,
        /// Print the token, its type and expiry as JSON.
        #[arg(long)]
        json: bool,
        /// Share tokens through this Redis (`redis://` or `rediss://`) with the fleet: a fresh
        /// one there is printed without asking Vipps.
        #[arg(long, env = "VIPPS_REDIS_URL")]
        redis: Option<String>,
    },
    /// Print the URL that starts a Login and keep the pending login in a file. Reads
    /// VIPPS_ENV, VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET and VIPPS_LOGIN_AUTH (basic, post or
    /// partner; partners also VIPPS_SUBSCRIPTION_KEY and VIPPS_MSN).
    LoginUrl(login_cmd::LoginUrlArgs),
    /// Complete a Login from the URL Vipps redirected to: prints the verified claims (and
    /// userinfo) as JSON. Exit status 3 when the user cancelled.
    Exchange {
        /// The file `login-url` wrote.
        #[arg(long, required_unless_present = "redis")]
        pending_file: Option<std::path::PathBuf>,
        /// Take the pending login `login-url --redis` kept in this Redis, by the callback's
        /// state: each login completes once, whichever machine runs this. A --pending-file
        /// given as well wins.
        #[arg(long, env = "VIPPS_REDIS_URL")]
        redis: Option<String>,
        /// The full URL (or query string) the browser came back with.
        #[arg(long)]
        callback: String,
        /// Also read userinfo.
        #[arg(long)]
        userinfo: bool,
    },
    /// Print the user's data for a Login access token (valid about ten minutes).
    Userinfo {
        #[arg(long)]
        access_token: String,
    },
    /// Log in from a phone number (CIBA): the user approves in the Vipps or MobilePay app.
    /// Progress on stderr; verified claims and userinfo as JSON on stdout. Exit status 3
    /// when the user declined, 4 when the login expired, 130 after Ctrl-C. Reads the same
    /// VIPPS_* variables as login-url.
    PhoneLogin(phone_cmd::PhoneLoginArgs),
    /// Whether a phone number belongs to a Vipps MobilePay user who can log in: prints true
    /// or false.
    UserExists {
        /// The phone number with its country code: "+47 123 45 678".
        #[arg(long)]
        phone: String,
    },
    /// What a phone app opened with this URL should do next, as JSON: open the resume URI,
    /// hand the code to the backend, or ignore it.
    AppCallback {
        /// The URL the app was opened with.
        url: String,
        /// The file `login-url` wrote.
        #[arg(long)]
        pending_file: std::path::PathBuf,
    },
    /// Write apple-app-site-association and assetlinks.json for the apps that handle the
    /// callback paths; `app-links check` says whether a redirect URI will open the app.
    AppLinks(app_cmd::AppLinksArgs),
    /// Check the set-up the way Vipps' Login FAQ asks: environment, discovery, clock, keys,
    /// redirect URI.
    Doctor {
        /// Also check this redirect URI against Vipps' rules.
        #[arg(long)]
        redirect_uri: Option<String>,
    },
    /// Run the offline emulator on 127.0.0.1. The first line printed is its base URL.
    Emulator(emulator_cmd::EmulatorArgs),
    /// Run a command (the demo when none is named), then print the SDK's metrics for it in
    /// the Prometheus text format: `vipps-auth metrics`, `vipps-auth metrics token`.
    Metrics {
        /// The snapshot as JSON instead.
        #[arg(long)]
        json: bool,
        /// Write the metrics to this file instead of after the command's own output.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// The command and its arguments, as given after `vipps-auth`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        command: Vec<String>,
    },
}

/// An SDK error as the CLI prints it: what went wrong, then what to do about it.
pub(crate) fn describe(error: vipps_auth::Error) -> String {
    format!("{error} (hint: {})", error.hint())
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(status) => status,
        Err(message) => {
            eprintln!("vipps-auth: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    let done = |result: Result<(), String>| result.map(|()| ExitCode::SUCCESS);
    match command {
        Command::Demo => done(demo::run()),
        Command::Token { specialized, json, redis } => done(token_cmd::run(specialized, json, redis.as_deref())),
        Command::LoginUrl(args) => done(login_cmd::login_url(args)),
        Command::Exchange { pending_file, redis, callback, userinfo } => {
            login_cmd::exchange(pending_file.as_deref(), redis.as_deref(), &callback, userinfo)
        }
        Command::Userinfo { access_token } => done(login_cmd::userinfo(&access_token)),
        Command::PhoneLogin(args) => phone_cmd::phone_login(args),
        Command::UserExists { phone } => done(phone_cmd::user_exists(&phone)),
        Command::AppCallback { url, pending_file } => done(app_cmd::app_callback(&url, &pending_file)),
        Command::AppLinks(args) => app_cmd::app_links(args),
        Command::Doctor { redirect_uri } => doctor::run(redirect_uri.as_deref()),
        Command::Emulator(args) => done(emulator_cmd::run(args)),
        Command::Metrics { json, out, command } => {
            // The metrics are printed whether the command succeeded or not: a failure counts too.
            let words = if command.is_empty() { vec!["demo".to_owned()] } else { command };
            let parsed = Cli::try_parse_from(std::iter::once("vipps-auth".to_owned()).chain(words));
            let status = run(parsed.map_err(|e| e.to_string())?.command);
            let text = match json {
                true => vipps_auth::metrics().to_json() + "\n",
                false => vipps_auth::metrics_prometheus(),
            };
            match out {
                Some(file) => {
                    std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?
                }
                None => print!("{text}"),
            }
            status
        }
    }
}
