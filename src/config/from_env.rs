//! Configuration from the `VIPPS_*` environment variables: the CLI and every language's
//! `from_env` read them here, so a missing or wrong one gets the same message everywhere.

use super::{Config, Environment, MerchantCredentials, SpecializedCredentials};
use crate::error::{Error, Result};
use crate::login::LoginAuth;

/// Where the emulator's fake keys come from, for a message about a missing key.
const KEY_HINT: &str = "copy it from the Vipps MobilePay portal, or run `vipps-auth emulator` and use its fake keys";

impl Config {
    /// The environment `VIPPS_ENV` names — `test`, `production` or a base URL — with the
    /// defaults for everything else. Required: a default would send keys to an environment
    /// nobody chose.
    pub fn from_env() -> Result<Config> {
        Config::from_vars(&process_env)
    }

    fn from_vars(var: Vars) -> Result<Config> {
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

    fn from_vars(var: Vars) -> Result<MerchantCredentials> {
        MerchantCredentials::new(
            required(var, "VIPPS_CLIENT_ID")?,
            required(var, "VIPPS_CLIENT_SECRET")?,
            required(var, "VIPPS_SUBSCRIPTION_KEY")?,
            var("VIPPS_MSN"),
        )
    }
}

impl SpecializedCredentials {
    /// Keys from `VIPPS_CLIENT_ID`, `VIPPS_CLIENT_SECRET` and, for a partner acting for a
    /// merchant, `VIPPS_MSN` (optional).
    pub fn from_env() -> Result<SpecializedCredentials> {
        SpecializedCredentials::from_vars(&process_env)
    }

    fn from_vars(var: Vars) -> Result<SpecializedCredentials> {
        SpecializedCredentials::new(
            required(var, "VIPPS_CLIENT_ID")?,
            required(var, "VIPPS_CLIENT_SECRET")?,
            var("VIPPS_MSN"),
        )
    }
}

impl LoginAuth {
    /// A Login client's keys, `VIPPS_CLIENT_ID` and `VIPPS_CLIENT_SECRET`, sent as
    /// `VIPPS_LOGIN_AUTH` says: `basic` (the default, as at Vipps), `post` (when the sales unit
    /// is set so) or `partner` (partner keys: also `VIPPS_SUBSCRIPTION_KEY`, and `VIPPS_MSN`
    /// for the merchant of logins that name none).
    pub fn from_env() -> Result<LoginAuth> {
        LoginAuth::from_vars(&process_env)
    }

    fn from_vars(var: Vars) -> Result<LoginAuth> {
        let method = var("VIPPS_LOGIN_AUTH");
        let in_form = match method.as_deref().unwrap_or("basic") {
            "partner" => return Ok(LoginAuth::Partner { keys: MerchantCredentials::from_vars(var)? }),
            "basic" => false,
            "post" => true,
            other => {
                let expected = "`basic` (the default), `post` or `partner`";
                return Err(Error::config(
                    "VIPPS_LOGIN_AUTH",
                    format!("{} is not one of {expected}", super::quoted(other)),
                ));
            }
        };
        let (client_id, client_secret) =
            (required(var, "VIPPS_CLIENT_ID")?, required(var, "VIPPS_CLIENT_SECRET")?.into());
        Ok(match in_form {
            false => LoginAuth::ClientSecretBasic { client_id, client_secret },
            true => LoginAuth::ClientSecretPost { client_id, client_secret },
        })
    }
}

/// How the readers above see the environment (a map in the tests).
type Vars<'a> = &'a dyn Fn(&'static str) -> Option<String>;

/// A key's value, or the error that names it and says where keys come from.
fn required(var: Vars, name: &'static str) -> Result<String> {
    var(name).ok_or_else(|| Error::config(name, format!("not set; {KEY_HINT}")))
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

    #[test]
    fn login_keys_are_sent_as_vipps_login_auth_says() {
        let keys = [("VIPPS_CLIENT_ID", "id"), ("VIPPS_CLIENT_SECRET", "secret")];
        let with = |method: &'static str| [keys[0], keys[1], ("VIPPS_LOGIN_AUTH", method)];
        assert!(matches!(LoginAuth::from_vars(&vars(&keys)), Ok(LoginAuth::ClientSecretBasic { .. })));
        assert!(matches!(LoginAuth::from_vars(&vars(&with("post"))), Ok(LoginAuth::ClientSecretPost { .. })));
        let err = LoginAuth::from_vars(&vars(&with("partner"))).unwrap_err().to_string();
        assert!(err.contains("VIPPS_SUBSCRIPTION_KEY: not set"), "{err}");
        let err = LoginAuth::from_vars(&vars(&with("client_secret_jwt"))).unwrap_err().to_string();
        assert!(err.contains("VIPPS_LOGIN_AUTH: `client_secret_jwt` is not one of `basic`"), "{err}");
        let err = LoginAuth::from_vars(&vars(&keys[1..])).unwrap_err().to_string();
        assert!(err.contains("VIPPS_CLIENT_ID: not set") && err.contains("vipps-auth emulator"), "{err}");
    }

    #[test]
    fn specialized_keys_need_no_subscription_key() {
        let keys = [("VIPPS_CLIENT_ID", "id"), ("VIPPS_CLIENT_SECRET", "secret")];
        assert!(SpecializedCredentials::from_vars(&vars(&keys)).is_ok());
        let err = SpecializedCredentials::from_vars(&vars(&keys[..1])).unwrap_err().to_string();
        assert!(err.contains("VIPPS_CLIENT_SECRET: not set"), "{err}");
    }

    #[test]
    fn a_key_pasted_into_the_wrong_variable_is_not_echoed() {
        let key = "3f2b8c41e9d04a7b9c6e5d4f3a2b1c0d";
        let err = Config::from_vars(&vars(&[("VIPPS_ENV", key)])).unwrap_err().to_string();
        assert!(!err.contains(key) && err.contains("not shown"), "{err}");
        let pasted = [("VIPPS_CLIENT_ID", "id"), ("VIPPS_CLIENT_SECRET", "secret"), ("VIPPS_LOGIN_AUTH", key)];
        let err = LoginAuth::from_vars(&vars(&pasted)).unwrap_err().to_string();
        assert!(!err.contains(key) && err.contains("not one of `basic`"), "{err}");
    }
}
