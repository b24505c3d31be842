//! `vipps-auth emulator`: the offline Vipps auth server, until the process is stopped.

use std::io::Write;
use std::time::Duration;
use vipps_emulator::{Emulator, EmulatorConfig};

pub fn run(port: u16, token_lifetime: Option<u64>, specialized_lifetime: Option<u64>) -> Result<(), String> {
    let mut config = EmulatorConfig::default();
    if let Some(secs) = token_lifetime {
        config.standard_lifetime = Duration::from_secs(secs.max(1));
    }
    if let Some(secs) = specialized_lifetime {
        config.specialized_lifetime = Duration::from_secs(secs.max(1));
    }
    let emulator = Emulator::start_on(config.clone(), port).map_err(|e| format!("cannot start the emulator: {e}"))?;
    // The first line on stdout is the base URL: scripts read it to find the port.
    println!("{}", emulator.base_url());
    std::io::stdout().flush().ok();
    eprintln!(
        "vipps emulator: client_id={} client_secret={} subscription_key={} msn={} (fake keys)",
        config.client_id,
        config.client_secret,
        config.subscription_key,
        config.msns.join(",")
    );
    loop {
        std::thread::park();
    }
}
