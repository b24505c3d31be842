//! The user's data from userinfo, as records (fields in every language). Personal data:
//! their text forms name the claims present, never their values.

use super::login_types::{json_map, sorted_names};
use crate::login;
use std::collections::HashMap;
use std::fmt;

/// A postal address as Vipps gives it. Personal data: its text form is redacted.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct Address {
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub formatted: Option<String>,
    pub address_type: Option<String>,
    pub is_default: Option<bool>,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Address(values redacted)")
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<&login::Address> for Address {
    fn from(a: &login::Address) -> Self {
        Address {
            street_address: a.street_address.clone(),
            postal_code: a.postal_code.clone(),
            region: a.region.clone(),
            country: a.country.clone(),
            formatted: a.formatted.clone(),
            address_type: a.address_type.clone(),
            is_default: a.default,
        }
    }
}

/// The user's data from userinfo.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct UserInfo {
    pub sub: String,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    /// Digits with the country code, e.g. `4712345678`.
    pub phone_number: Option<String>,
    /// `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    pub nin: Option<String>,
    pub address: Option<Address>,
    pub other_addresses: Vec<Address>,
    /// The marketing consents as JSON text, when Vipps sent them.
    pub delegated_consents: Option<String>,
    /// Every other claim, as JSON text.
    pub other: HashMap<String, String>,
}

impl From<login::UserInfo> for UserInfo {
    fn from(info: login::UserInfo) -> Self {
        UserInfo {
            address: info.address.as_ref().map(Into::into),
            other_addresses: info.other_addresses.iter().map(Into::into).collect(),
            delegated_consents: info.delegated_consents.as_ref().map(ToString::to_string),
            other: json_map(&info.other),
            sub: info.sub,
            name: info.name,
            given_name: info.given_name,
            family_name: info.family_name,
            email: info.email,
            email_verified: info.email_verified,
            phone_number: info.phone_number,
            birthdate: info.birthdate,
            nin: info.nin,
        }
    }
}

impl UserInfo {
    /// The names of the claims present besides `sub`.
    fn present(&self) -> Vec<&str> {
        let named = [
            ("name", self.name.is_some()),
            ("given_name", self.given_name.is_some()),
            ("family_name", self.family_name.is_some()),
            ("email", self.email.is_some()),
            ("email_verified", self.email_verified.is_some()),
            ("phone_number", self.phone_number.is_some()),
            ("birthdate", self.birthdate.is_some()),
            ("nin", self.nin.is_some()),
            ("address", self.address.is_some()),
            ("other_addresses", !self.other_addresses.is_empty()),
            ("delegated_consents", self.delegated_consents.is_some()),
        ];
        named.into_iter().filter(|(_, present)| *present).map(|(name, _)| name).collect()
    }
}

impl fmt::Display for UserInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut claims = self.present().join(", ");
        if !self.other.is_empty() {
            claims = [claims, sorted_names(&self.other)].join(", ");
        }
        write!(f, "UserInfo(sub={}, claims: {}; values redacted)", self.sub, claims.trim_start_matches(", "))
    }
}

impl fmt::Debug for UserInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
