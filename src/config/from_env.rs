//! Configuration from the `VIPPS_*` environment variables: the CLI and every language's
//! `from_env` read them here, so a missing or wrong one gets the same message everywhere.

use super::{Config, Environment, MerchantCredentials};
use crate::error::{Error, Result};

/// Where the emulator's fake keys come from, for a message about a missing key.
const KEY_HINT: &str = "copy it from the Vipps MobilePay portal, or run `vipps-auth emulator` and use its fake keys";

impl Config {
    /// The environment `VIPPS_ENV` names — `test`, `production` or a base URL — with the
    /// defaults for everything else. Required: a default would send keys to an environment
    /// nobody chose.
    pub fn from_env() -> Result<Config> {
        Config::from_vars(&process_env)
    }

    fn from_vars(var: &dyn Fn(&'static str) -> Option<String>) -> Result<Config> {
        let environment = var("VIPPS_ENV").ok_or_else(|| {
            Error::config(
                "VIPPS_ENV",
                "not set; set it to `test`, `production`, or a base URL such as the emulator's \
                 (VIPPS_ENV=http://127.0.0.1:8080)",
            )
        })?;
        let config = Config::new(Environment::parse(&environment)?);
        config.validate()?;
        Ok(config)
    }
}

impl MerchantCredentials {
    /// Keys from `VIPPS_CLIENT_ID`, `VIPPS_CLIENT_SECRET`, `VIPPS_SUBSCRIPTION_KEY` and, for a
    /// partner acting for a merchant, `VIPPS_MSN` (optional).
    pub fn from_env() -> Result<MerchantCredentials> {
        MerchantCredentials::from_vars(&process_env)
    }

    fn from_vars(var: &dyn Fn(&'static str) -> Option<String>) -> Result<MerchantCredentials> {
        let required = |name| var(name).ok_or_else(|| Error::config(name, format!("not set; {KEY_HINT}")));
        MerchantCredentials::new(
            required("VIPPS_CLIENT_ID")?,
            required("VIPPS_CLIENT_SECRET")?,
            required("VIPPS_SUBSCRIPTION_KEY")?,
            var("VIPPS_MSN"),
        )
    }
}

/// A variable's value; an empty one counts as not set.
fn process_env(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use std::collections::HashMap;

    fn vars<'a>(pairs: &'a [(&str, &str)]) -> impl Fn(&'static str) -> Option<String> + 'a {
        let map: HashMap<_, _> = pairs.iter().copied().collect();
        move |name| map.get(name).map(|value| value.to_string())
    }

    #[test]
    fn a_missing_environment_is_named_with_what_to_set() {
        let err = Config::from_vars(&vars(&[])).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Configuration);
        let text = err.to_string();
        assert!(text.contains("VIPPS_ENV: not set; set it to"), "{text}");
        assert!(text.contains("`test`, `production`"), "{text}");
    }

    #[test]
    fn names_and_urls_are_taken_and_nothing_else() {
        assert_eq!(Config::from_vars(&vars(&[("VIPPS_ENV", "test")])).unwrap().environment, Environment::Test);
        let emulator = Config::from_vars(&vars(&[("VIPPS_ENV", "http://127.0.0.1:8080")])).unwrap();
        assert_eq!(emulator.environment, Environment::Custom("http://127.0.0.1:8080".into()));
        for alias in ["prod", "mt", "Test", "staging"] {
            let err = Config::from_vars(&vars(&[("VIPPS_ENV", alias)])).unwrap_err();
            assert!(err.to_string().contains("expected `test`, `production` or a base URL"), "{alias}: {err}");
        }
    }

    #[test]
    fn each_missing_key_is_named() {
        let all = [("VIPPS_CLIENT_ID", "id"), ("VIPPS_CLIENT_SECRET", "secret"), ("VIPPS_SUBSCRIPTION_KEY", "key")];
        assert!(MerchantCredentials::from_vars(&vars(&all)).is_ok());
        for missing in 0..all.len() {
            let mut some = all.to_vec();
            let (name, _) = some.remove(missing);
            let err = MerchantCredentials::from_vars(&vars(&some)).unwrap_err();
            assert!(err.to_string().contains(name) && err.to_string().contains("vipps-auth emulator"), "{err}");
        }
    }
}
