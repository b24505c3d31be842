//! What a phone login asks for: whose phone, which scopes, the code to show on both screens,
//! how long the user has, and — for the redirect variant — where the phone goes afterwards.

use super::binding_message::BindingMessage;
use super::number::PhoneNumber;
use crate::error::{Error, Result};
use crate::login::{check_redirect_uri, Scopes};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct PhoneLoginRequest {
    pub phone: PhoneNumber,
    /// `openid` is always included (Vipps requires it in the redirect variant).
    pub scopes: Scopes,
    /// Shown on the till and in the app; see [`BindingMessage::generate`].
    pub binding_message: Option<BindingMessage>,
    /// How long the user has to answer: 60 to 900 s (Vipps' default is about 10 minutes).
    pub requested_expiry: Option<Duration>,
    /// The redirect variant (`requested_flow=login_to_webpage`): after approving, the user's
    /// phone opens this URI with a code, which [`complete_phone_redirect`](crate::LoginClient::complete_phone_redirect)
    /// redeems. Registered in the portal; https in production.
    pub redirect_uri: Option<String>,
    /// The merchant this login is for, when a partner's client acts for many: its MSN. The
    /// phone login keeps it for its polls and the ID token's `msn` check. Only for partners.
    pub msn: Option<String>,
}

impl PhoneLoginRequest {
    pub fn new(phone: PhoneNumber, scopes: Scopes) -> Self {
        PhoneLoginRequest {
            phone,
            scopes,
            binding_message: None,
            requested_expiry: None,
            redirect_uri: None,
            msn: None,
        }
    }

    pub(crate) fn validate(&self, production: bool) -> Result<()> {
        if let Some(expiry) = self.requested_expiry {
            if !(60..=900).contains(&expiry.as_secs()) || expiry.subsec_nanos() != 0 {
                return Err(Error::config("requested_expiry", "whole seconds from 60 to 900"));
            }
        }
        if let Some(uri) = &self.redirect_uri {
            check_redirect_uri(uri, production)?;
        }
        Ok(())
    }
}
