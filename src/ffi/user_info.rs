//! The user's data from userinfo. Personal data: its text form names the claims present,
//! never their values.

use super::login_types::json_map;
use crate::login;
use std::collections::HashMap;
use std::fmt;

/// A postal address as Vipps gives it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct Address {
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub formatted: Option<String>,
    pub address_type: Option<String>,
    pub is_default: Option<bool>,
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

#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct UserInfo {
    inner: login::UserInfo,
}

impl From<login::UserInfo> for UserInfo {
    fn from(inner: login::UserInfo) -> Self {
        UserInfo { inner }
    }
}

#[uniffi::export]
impl UserInfo {
    pub fn sub(&self) -> String {
        self.inner.sub.clone()
    }
    pub fn name(&self) -> Option<String> {
        self.inner.name.clone()
    }
    pub fn given_name(&self) -> Option<String> {
        self.inner.given_name.clone()
    }
    pub fn family_name(&self) -> Option<String> {
        self.inner.family_name.clone()
    }
    pub fn email(&self) -> Option<String> {
        self.inner.email.clone()
    }
    pub fn email_verified(&self) -> Option<bool> {
        self.inner.email_verified
    }
    /// Digits with the country code, e.g. `4712345678`.
    pub fn phone_number(&self) -> Option<String> {
        self.inner.phone_number.clone()
    }
    pub fn birthdate(&self) -> Option<String> {
        self.inner.birthdate.clone()
    }
    pub fn nin(&self) -> Option<String> {
        self.inner.nin.clone()
    }
    pub fn address(&self) -> Option<Address> {
        self.inner.address.as_ref().map(Into::into)
    }
    pub fn other_addresses(&self) -> Vec<Address> {
        self.inner.other_addresses.iter().map(Into::into).collect()
    }
    /// The marketing consents as JSON text, when Vipps sent them.
    pub fn delegated_consents(&self) -> Option<String> {
        self.inner.delegated_consents.as_ref().map(ToString::to_string)
    }
    /// Every other claim, as JSON text.
    pub fn other(&self) -> HashMap<String, String> {
        json_map(&self.inner.other)
    }
}

impl fmt::Display for UserInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl fmt::Debug for UserInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}
