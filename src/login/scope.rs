//! Scopes: Vipps' own, typed, plus any other string Vipps may add. `openid` is always first
//! and nothing repeats.

use crate::error::{Error, Result};
use std::fmt;

/// One scope. Vipps' names are case-sensitive (`phoneNumber`, `birthDate`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    OpenId,
    Name,
    Email,
    PhoneNumber,
    Address,
    BirthDate,
    /// National identity number: restricted, needs an agreement with Vipps.
    Nin,
    Gender,
    DelegatedConsents,
    /// Any other scope, sent as written.
    Other(String),
}

impl Scope {
    pub fn as_str(&self) -> &str {
        match self {
            Scope::OpenId => "openid",
            Scope::Name => "name",
            Scope::Email => "email",
            Scope::PhoneNumber => "phoneNumber",
            Scope::Address => "address",
            Scope::BirthDate => "birthDate",
            Scope::Nin => "nin",
            Scope::Gender => "gender",
            Scope::DelegatedConsents => "delegatedConsents",
            Scope::Other(other) => other,
        }
    }

    fn parse(word: &str) -> Result<Scope> {
        let known = [
            Scope::OpenId,
            Scope::Name,
            Scope::Email,
            Scope::PhoneNumber,
            Scope::Address,
            Scope::BirthDate,
            Scope::Nin,
            Scope::Gender,
            Scope::DelegatedConsents,
        ];
        if let Some(scope) = known.into_iter().find(|s| s.as_str() == word) {
            return Ok(scope);
        }
        if word.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\') {
            Ok(Scope::Other(word.to_owned()))
        } else {
            Err(Error::config("scope", format!("`{word}` is not a scope (printable ASCII, no quotes or spaces)")))
        }
    }
}

/// The scopes of one login, as the `scope` parameter sends them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    /// Space-separated, as in `"openid name email"`; `openid` is added when missing and
    /// repeats are dropped.
    pub fn parse(text: &str) -> Result<Scopes> {
        let scopes = text.split_whitespace().map(Scope::parse).collect::<Result<Vec<_>>>()?;
        Ok(Scopes::of(scopes))
    }

    pub fn of(scopes: impl IntoIterator<Item = Scope>) -> Scopes {
        let mut all = vec![Scope::OpenId];
        for scope in scopes {
            if !all.contains(&scope) {
                all.push(scope);
            }
        }
        Scopes(all)
    }

    pub fn contains(&self, scope: &Scope) -> bool {
        self.0.contains(scope)
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words: Vec<&str> = self.0.iter().map(Scope::as_str).collect();
        f.write_str(&words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openid_first_no_repeats() {
        assert_eq!(Scopes::parse("name email name").unwrap().to_string(), "openid name email");
        assert_eq!(Scopes::parse("email openid").unwrap().to_string(), "openid email");
        assert_eq!(Scopes::parse("").unwrap().to_string(), "openid");
        assert!(Scopes::parse("phoneNumber customFlow").unwrap().contains(&Scope::Other("customFlow".into())));
        assert!(Scopes::parse("name \"x\"").is_err());
    }
}
