//! `vipps-auth doctor`: the questions of Vipps' Login FAQ, asked of this set-up. One line per
//! check on stdout (`ok`, `FAIL` with a hint, or `skip`); exit status 1 when any failed.

use crate::{describe, env_config};
use std::process::ExitCode;
use std::time::Instant;
use vipps_auth::login::check_redirect_uri;
use vipps_auth::{block_on, Credentials, Environment, MerchantCredentials, TokenManager};

#[derive(Default)]
struct Report {
    failed: bool,
}

impl Report {
    fn ok(&mut self, what: &str, detail: impl std::fmt::Display) {
        println!("ok    {what}: {detail}");
    }
    fn fail(&mut self, what: &str, detail: impl std::fmt::Display) {
        self.failed = true;
        println!("FAIL  {what}: {detail}");
    }
    fn skip(&mut self, what: &str, why: &str) {
        println!("skip  {what}: {why}");
    }
}

pub fn run(redirect_uri: Option<&str>) -> Result<ExitCode, String> {
    let mut report = Report::default();
    let config = match env_config::config() {
        Ok(config) => config,
        Err(problem) => {
            report.fail("environment", problem);
            return Ok(ExitCode::FAILURE);
        }
    };
    let production = config.environment == Environment::Production;
    report.ok("environment", config.environment.base_url().map(|u| u.to_string()).unwrap_or_default());

    match env_config::login_client() {
        Err(problem) => report.fail("login keys", problem),
        Ok(client) => {
            let started = Instant::now();
            match block_on(client.discovery()).map_err(describe)? {
                Ok(discovery) => report.ok(
                    "discovery",
                    format!("reachable in {} ms, issuer {}", started.elapsed().as_millis(), discovery.issuer),
                ),
                Err(error) => report.fail("discovery", describe(error)),
            }
            match client.clock_offset_seconds() {
                Some(offset) if offset.abs() >= 5 => report.fail(
                    "clock",
                    format!(
                        "this machine's clock is {} s {} Vipps (hint: enable NTP; ID tokens check time)",
                        offset.abs(),
                        if offset > 0 { "behind" } else { "ahead of" }
                    ),
                ),
                Some(offset) => report.ok("clock", format!("within {} s of Vipps", offset.abs())),
                None => report.skip("clock", "Vipps did not answer, so nothing was measured"),
            }
        }
    }

    keys(&mut report, config);
    match redirect_uri {
        None => report.skip("redirect URI", "pass --redirect-uri to check one against Vipps' rules"),
        Some(uri) => match check_redirect_uri(uri, production) {
            Ok(()) => report.ok(
                "redirect URI",
                format!("{uri} follows Vipps' rules; it must also be registered in the portal, exactly"),
            ),
            Err(error) => report.fail("redirect URI", describe(error)),
        },
    }
    Ok(if report.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Keys for the wrong environment are the FAQ's first answer: ask `/accesstoken/get`.
fn keys(report: &mut Report, config: vipps_auth::Config) {
    let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    let (Some(id), Some(secret), Some(key)) =
        (var("VIPPS_CLIENT_ID"), var("VIPPS_CLIENT_SECRET"), var("VIPPS_SUBSCRIPTION_KEY"))
    else {
        report.skip(
            "keys",
            "set VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET and VIPPS_SUBSCRIPTION_KEY to check them with /accesstoken/get",
        );
        return;
    };
    let checked = MerchantCredentials::new(id, secret, key, var("VIPPS_MSN"))
        .and_then(|keys| Ok((TokenManager::new(config)?, Credentials::from(keys))))
        .and_then(|(tokens, keys)| block_on(tokens.access_token(&keys))?);
    match checked {
        Ok(_) => report.ok("keys", "valid for this environment (an access token was issued)"),
        Err(error) => report.fail("keys", describe(error)),
    }
}
