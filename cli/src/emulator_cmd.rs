//! `vipps-auth emulator`: the offline Vipps auth server, until the process is stopped.

use std::io::Write;
use std::time::Duration;
use vipps_emulator::{Emulator, EmulatorConfig, PhoneLoginConfig};

/// The emulator's settings from the command line.
#[derive(clap::Args)]
pub struct EmulatorArgs {
    /// Port to listen on; 0 lets the OS pick.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Lifetime of /accesstoken/get tokens, in seconds.
    #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
    token_lifetime: u64,
    /// Lifetime of /miami/v1/token tokens, in seconds.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u64).range(1..))]
    specialized_lifetime: u64,
    /// How long a Login authorization code can be redeemed, in seconds.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    code_lifetime: u64,
    /// Show an HTML consent page (Accept / Cancel) instead of consenting at once.
    #[arg(long)]
    consent_page: bool,
    /// Seconds the scripted phone-login users take to approve or decline.
    #[arg(long, default_value_t = 2)]
    approval_delay: u64,
    /// The phone-login `interval`: least seconds between polls.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    phone_interval: u64,
    /// Cap on a phone login's `expires_in`, in seconds (emulator only: makes expiry quick).
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u64).range(1..))]
    phone_max_expiry: u64,
    /// Register N more sales units: MSN 100001 … 100000+N, client_id emu-client-id-<MSN>,
    /// client_secret emu-client-secret-<MSN>, the default subscription key.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(..=vipps_emulator::MAX_MERCHANTS as i64))]
    merchants: u32,
    /// Register N more phone users who approve: +47 90000001 … +47 9000000N.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(..=vipps_emulator::MAX_USERS as i64))]
    users: u32,
    /// Register another redirect URI (repeatable), besides the four the README lists.
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
}

pub fn run(args: EmulatorArgs) -> Result<(), String> {
    let mut config = EmulatorConfig {
        standard_lifetime: Duration::from_secs(args.token_lifetime),
        specialized_lifetime: Duration::from_secs(args.specialized_lifetime),
        code_lifetime: Duration::from_secs(args.code_lifetime),
        consent_page: args.consent_page,
        merchants: args.merchants,
        users: args.users,
        phone_login: PhoneLoginConfig {
            approval_delay: Duration::from_secs(args.approval_delay),
            interval: Duration::from_secs(args.phone_interval),
            max_expiry: Duration::from_secs(args.phone_max_expiry),
            ..Default::default()
        },
        ..Default::default()
    };
    config.redirect_uris.extend(args.redirect_uris);
    let emulator =
        Emulator::start_on(config.clone(), args.port).map_err(|e| format!("cannot start the emulator: {e}"))?;
    // The first line on stdout is the base URL: scripts read it to find the port.
    println!("{}", emulator.base_url());
    std::io::stdout().flush().ok();
    eprintln!(
        "vipps emulator: client_id={} client_secret={} subscription_key={} msn={} (fake keys); Login redirect URIs: {}",
        config.client_id,
        config.client_secret,
        config.subscription_key,
        config.msns.join(","),
        config.redirect_uris.join(" ")
    );
    if config.merchants > 0 || config.users > 0 {
        eprintln!(
            "vipps emulator: {} more sales units (MSN {}…, client_id emu-client-id-<MSN>, client_secret emu-client-secret-<MSN>), \
             {} more phone users who approve (+{}…)",
            config.merchants,
            vipps_emulator::FIRST_MERCHANT_MSN,
            config.users,
            vipps_emulator::FIRST_USER_PHONE
        );
    }
    loop {
        std::thread::park();
    }
}
