//! `vipps-auth`: tokens from Vipps MobilePay, an offline emulator, and a narrated demo.

mod demo;
mod emulator_cmd;
mod env_config;
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
    },
    /// Run the offline emulator on 127.0.0.1. The first line printed is its base URL.
    Emulator {
        /// Port to listen on; 0 lets the OS pick.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Lifetime of /accesstoken/get tokens, in seconds.
        #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
        token_lifetime: u64,
        /// Lifetime of /miami/v1/token tokens, in seconds.
        #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u64).range(1..))]
        specialized_lifetime: u64,
    },
}

/// An SDK error as the CLI prints it: what went wrong, then what to do about it.
pub(crate) fn describe(error: vipps_auth::Error) -> String {
    format!("{error} (hint: {})", error.hint())
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Demo => demo::run(),
        Command::Token { specialized, json } => token_cmd::run(specialized, json),
        Command::Emulator { port, token_lifetime, specialized_lifetime } => {
            emulator_cmd::run(port, token_lifetime, specialized_lifetime)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("vipps-auth: {message}");
            ExitCode::FAILURE
        }
    }
}
