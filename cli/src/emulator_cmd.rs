//! `vipps-auth emulator`: the offline Vipps auth server, until the process is stopped.

use std::io::Write;
use std::time::Duration;
use vipps_emulator::{Emulator, EmulatorConfig};

pub fn run(port: u16, token_lifetime: u64, specialized_lifetime: u64) -> Result<(), String> {
    let config = EmulatorConfig {
        standard_lifetime: Duration::from_secs(token_lifetime),
        specialized_lifetime: Duration::from_secs(specialized_lifetime),
        ..Default::default()
    };
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
