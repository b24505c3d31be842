//! The scripted users, by phone number, and the login hints Vipps accepts for them.

use crate::config::{TestUser, PHONE_APPROVES, PHONE_DECLINES, PHONE_INELIGIBLE, PHONE_NEVER_ANSWERS, PHONE_OLD_APP};
use crate::state::State;

/// What the user behind a phone number does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Approves,
    Declines,
    NeverAnswers,
    Ineligible,
    OldApp,
    Unknown,
}

impl Script {
    pub(crate) fn of(state: &State, phone: &str) -> Script {
        match phone {
            PHONE_APPROVES => Script::Approves,
            PHONE_DECLINES => Script::Declines,
            PHONE_NEVER_ANSWERS => Script::NeverAnswers,
            PHONE_INELIGIBLE => Script::Ineligible,
            PHONE_OLD_APP => Script::OldApp,
            _ if state.registered().user_by_phone(phone, &state.config.user).is_some() => Script::Approves,
            _ => Script::Unknown,
        }
    }

    /// Has an account in the Vipps app, whatever it may do with it.
    pub(crate) fn has_account(self) -> bool {
        matches!(self, Script::Approves | Script::Declines | Script::NeverAnswers | Script::OldApp)
    }

    /// Answers the push message, one way or the other.
    pub(crate) fn answers(self) -> bool {
        matches!(self, Script::Approves | Script::Declines)
    }
}

/// Who is behind a phone number that logged in: a registered user, or the test user.
pub(crate) fn profile(state: &State, phone: &str) -> TestUser {
    let template = &state.config.user;
    state.registered().user_by_phone(phone, template).unwrap_or_else(|| template.clone())
}

/// The phone number (digits with the country code) of `urn:msisdn:4712345678`, or of the
/// pre-2023 `urn:mobilenumber:12345678` (eight Norwegian digits).
pub(crate) fn phone_of(login_hint: &str) -> Option<String> {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if let Some(number) = login_hint.strip_prefix("urn:msisdn:") {
        return (digits(number) && (8..=15).contains(&number.len())).then(|| number.to_owned());
    }
    let number = login_hint.strip_prefix("urn:mobilenumber:")?;
    (digits(number) && number.len() == 8).then(|| format!("47{number}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_hint_formats_are_read() {
        assert_eq!(phone_of("urn:msisdn:4712345678").as_deref(), Some("4712345678"));
        assert_eq!(phone_of("urn:mobilenumber:12345678").as_deref(), Some("4712345678"));
        assert_eq!(phone_of("urn:msisdn:+4712345678"), None);
        assert_eq!(phone_of("4712345678"), None);
    }
}
