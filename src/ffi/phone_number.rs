//! Phone numbers and binding messages for every binding: the same normaliser and rule as the
//! Rust phone login, proven by the shared vectors. A phone number prints masked.

use super::error::VippsAuthError;
use crate::phone;
use std::fmt;

/// A phone number with its country code, read as people type it. Its text form is masked.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct PhoneNumber {
    inner: phone::PhoneNumber,
}

#[uniffi::export]
impl PhoneNumber {
    /// `+47 123 45 678`, `0047 12345678`, `4712345678`...; a number without a country code is
    /// refused, never guessed.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Self, VippsAuthError> {
        Ok(PhoneNumber { inner: phone::PhoneNumber::parse(&input)? })
    }

    /// `urn:msisdn:4712345678`, as Vipps' `login_hint` takes it.
    pub fn login_hint(&self) -> String {
        self.inner.login_hint().expose().to_owned()
    }

    /// `+47 *** ** 678`: safe for logs and screens.
    pub fn masked(&self) -> String {
        self.inner.masked()
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

/// Checks a binding message against Vipps' rule (5 to 8 of A-Z, 0-9 and -).
#[uniffi::export]
pub fn check_binding_message(text: String) -> Result<(), VippsAuthError> {
    phone::BindingMessage::new(&text)?;
    Ok(())
}

/// A fresh random binding message like `4MZ-CQ3`, to show on the till.
#[uniffi::export]
pub fn generate_binding_message() -> Result<String, VippsAuthError> {
    Ok(phone::BindingMessage::generate()?.as_str().to_owned())
}
