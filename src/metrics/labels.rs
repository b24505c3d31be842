//! The label values, each a small fixed set: however many credentials, merchants or users a
//! process serves, the number of series stays the same.

/// Declares a label: an enum whose variants index a counter array, with their label values.
macro_rules! label {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $value:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub(crate) const VALUES: &'static [&'static str] = &[$($value),+];
            pub(crate) const COUNT: usize = Self::VALUES.len();

            /// The label value.
            pub fn value(self) -> &'static str {
                Self::VALUES[self as usize]
            }
        }
    };
}

label! {
    /// Which Vipps endpoint a request went to (and, for the shared token endpoint, why).
    Endpoint {
        AccessToken => "access_token",
        SpecializedToken => "specialized_token",
        Discovery => "discovery",
        Jwks => "jwks",
        LoginToken => "login_token",
        Userinfo => "userinfo",
        PhoneStart => "phone_start",
        PhonePoll => "phone_poll",
        PhoneToken => "phone_token",
        UserExists => "user_exists",
    }
}

impl Endpoint {
    /// What the logs call it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Endpoint::AccessToken => "standard token",
            Endpoint::SpecializedToken => "specialized token",
            Endpoint::Discovery => "discovery",
            Endpoint::Jwks => "jwks",
            Endpoint::LoginToken => "login code exchange",
            Endpoint::Userinfo => "userinfo",
            Endpoint::PhoneStart => "phone login start",
            Endpoint::PhonePoll => "phone login poll",
            Endpoint::PhoneToken => "phone login code exchange",
            Endpoint::UserExists => "user exists",
        }
    }
}

label! {
    /// How one attempt ended: its status class, or why there was none.
    Outcome {
        Success => "2xx",
        ClientError => "4xx",
        ServerError => "5xx",
        OtherStatus => "other",
        Network => "network",
        Timeout => "timeout",
    }
}

impl Outcome {
    pub(crate) fn of_status(status: u16) -> Outcome {
        match status {
            200..=299 => Outcome::Success,
            400..=499 => Outcome::ClientError,
            500..=599 => Outcome::ServerError,
            _ => Outcome::OtherStatus,
        }
    }
}

label! {
    /// Where a token get was answered from.
    Level {
        Cached => "cached",
        Stale => "stale",
        Fetched => "fetched",
    }
}

label! {
    /// A browser or app-to-app login's steps.
    LoginEvent {
        Started => "started",
        Completed => "completed",
        Cancelled => "cancelled",
        Failed => "failed",
    }
}

label! {
    /// How phone logins went.
    PhoneEvent {
        Started => "started",
        Completed => "completed",
        Declined => "declined",
        Expired => "expired",
    }
}

label! {
    /// What an app was opened with (`parse_app_url`).
    AppEvent {
        Resume => "resume",
        Code => "code",
        Cancelled => "cancelled",
        Failed => "failed",
        NotOurs => "not_ours",
    }
}

label! {
    /// The shared store's part in a token get or a login.
    StoreEvent {
        Hit => "hit",
        Miss => "miss",
        LeaseWait => "lease_wait",
        Fallback => "fallback",
        Rejected => "rejected",
    }
}
