//! The sales units and phone users registered beside the configured ones, for platform-scale
//! tests: `--merchants N` adds MSN 100001 … 100000+N, `--users N` adds phone numbers
//! +47 90000001 … +47 9000000N who approve. Nothing is stored per merchant or user: each is
//! derived from its number, so a lookup is a parse and a range check, O(1) however many.

use crate::config::{AuthMethod, LoginClient, TestUser};

pub const FIRST_MERCHANT_MSN: u32 = 100_001;
/// MSNs have at most six digits.
pub const MAX_MERCHANTS: u32 = 999_999 - FIRST_MERCHANT_MSN + 1;
pub const MERCHANT_CLIENT_ID_PREFIX: &str = "emu-client-id-";
pub const MERCHANT_CLIENT_SECRET_PREFIX: &str = "emu-client-secret-";
/// User `i` (from 1) has the phone number `FIRST_USER_PHONE - 1 + i`.
pub const FIRST_USER_PHONE: u64 = 47_9000_0001;
/// The numbers stay eight digits after +47.
pub const MAX_USERS: u32 = 9_999_999;

/// How many of each are registered now.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Registered {
    pub merchants: u32,
    pub users: u32,
}

/// A registered sales unit: its MSN, and Login keys made from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SalesUnit {
    pub msn: String,
}

impl Registered {
    pub(crate) fn merchant_by_msn(&self, msn: &str) -> Option<SalesUnit> {
        let number: u32 = msn.parse().ok().filter(|n: &u32| n.to_string() == msn)?;
        let index = number.checked_sub(FIRST_MERCHANT_MSN)?;
        (index < self.merchants).then(|| SalesUnit { msn: msn.to_owned() })
    }

    pub(crate) fn merchant_by_client_id(&self, client_id: &str) -> Option<SalesUnit> {
        self.merchant_by_msn(client_id.strip_prefix(MERCHANT_CLIENT_ID_PREFIX)?)
    }

    /// The profile of a registered user, by phone number (digits with the country code).
    pub(crate) fn user_by_phone(&self, phone: &str, template: &TestUser) -> Option<TestUser> {
        let number: u64 = phone.parse().ok().filter(|n: &u64| n.to_string() == phone)?;
        let index = number.checked_sub(FIRST_USER_PHONE)? + 1;
        (index <= u64::from(self.users)).then(|| TestUser {
            sub: format!("c0ffee00-0000-4000-8000-{index:012}"),
            phone_number: phone.to_owned(),
            given_name: "Test".into(),
            family_name: format!("User {index}"),
            email: format!("user{index}@example.com"),
            ..template.clone()
        })
    }
}

impl SalesUnit {
    pub(crate) fn client_id(&self) -> String {
        format!("{MERCHANT_CLIENT_ID_PREFIX}{}", self.msn)
    }

    pub(crate) fn client_secret(&self) -> String {
        format!("{MERCHANT_CLIENT_SECRET_PREFIX}{}", self.msn)
    }

    pub(crate) fn login_client(&self) -> LoginClient {
        LoginClient {
            client_id: self.client_id(),
            client_secret: self.client_secret(),
            auth_method: AuthMethod::ClientSecretBasic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_registered_range_is_known() {
        let registered = Registered { merchants: 3, users: 2 };
        assert_eq!(
            registered.merchant_by_msn("100003").map(|unit| unit.client_id()).as_deref(),
            Some("emu-client-id-100003")
        );
        for unknown in ["100000", "100004", "0100001", "+100001", "1e5", ""] {
            assert_eq!(registered.merchant_by_msn(unknown), None, "{unknown}");
        }
        assert!(registered.merchant_by_client_id("emu-client-id-100001").is_some());
        assert!(registered.merchant_by_client_id("emu-client-id").is_none());
        let template = TestUser::default();
        let second = registered.user_by_phone("4790000002", &template).unwrap();
        assert_eq!(second.sub, "c0ffee00-0000-4000-8000-000000000002");
        assert!(registered.user_by_phone("4790000003", &template).is_none());
        assert!(registered.user_by_phone("4790000000", &template).is_none());
    }
}
