//! Login from phone number (CIBA), for tills, call centres and vending machines: start a
//! login for a phone number, the user approves in the Vipps or MobilePay app, and the
//! merchant gets a verified identity — by polling, from a webhook ping, or (the redirect
//! variant) from the code the user's phone brings back. Methods on [`LoginClient`](crate::LoginClient):
//! [`start_phone_login`](crate::LoginClient::start_phone_login),
//! [`wait_for_phone_login`](crate::LoginClient::wait_for_phone_login),
//! [`complete_phone_login_now`](crate::LoginClient::complete_phone_login_now),
//! [`complete_phone_redirect`](crate::LoginClient::complete_phone_redirect),
//! [`user_exists`](crate::LoginClient::user_exists).

mod binding_message;
pub(crate) mod client;
mod number;
mod ping;
pub(crate) mod poll;
mod redirect;
mod refusal;
mod request;
mod schedule;
mod started;
mod stored_wait;
mod wait;

pub use binding_message::BindingMessage;
pub use number::PhoneNumber;
pub use ping::parse_phone_login_ping;
pub use refusal::PhoneRefusal;
pub use request::PhoneLoginRequest;
pub use started::PhoneLogin;
pub use wait::{Cancellation, PhoneLoginProgress, WaitStatus};

use crate::error::Result;
use crate::login::{CompletedLogin, LoginClient, LoginTokens};
use crate::metrics::{self, PhoneEvent};

/// How a phone login ended.
#[derive(Clone, Debug)]
pub enum PhoneLoginOutcome {
    Completed(Box<CompletedLogin>),
    /// The user declined in the app (`access_denied`): a normal outcome, as a cancelled
    /// browser login is.
    Cancelled {
        description: Option<String>,
    },
    /// The user did not answer in time (`expired_token`, or the login's own expiry passed).
    Expired,
    /// The caller stopped waiting ([`Cancellation::cancel`]).
    Stopped,
    /// Only from [`complete_phone_login_now`](crate::LoginClient::complete_phone_login_now):
    /// the user has not answered yet.
    Pending,
}

/// Verifies the tokens of an approved phone login (no nonce was sent, so none is expected)
/// and reads userinfo if asked. `auth_req_id`: the redirect variant's binding check;
/// `merchant`: whom a partner's login is for.
async fn finish(
    client: &LoginClient,
    tokens: LoginTokens,
    with_userinfo: bool,
    auth_req_id: Option<&str>,
    merchant: Option<&str>,
) -> Result<PhoneLoginOutcome> {
    let finished = async {
        let claims = client.verify(tokens.id_token.expose(), None, None, merchant).await?;
        if let Some(sent) = auth_req_id {
            redirect::check_auth_req_id(&claims, sent)?;
        }
        Ok(PhoneLoginOutcome::Completed(client.completed(tokens, claims, with_userinfo).await?))
    };
    let outcome = finished.await;
    match &outcome {
        Ok(_) => metrics::phone_login(PhoneEvent::Completed),
        Err(error) => metrics::id_token_refused(error),
    }
    outcome
}
