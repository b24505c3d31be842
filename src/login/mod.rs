//! Login with Vipps MobilePay (OpenID Connect) for web backends: discovery, the authorize URL
//! with state, nonce and PKCE, the callback, the code exchange, ID-token verification and
//! userinfo. [`LoginClient`] is the entry point.

mod auth;
pub(crate) mod authorize;
pub(crate) mod callback;
mod client;
mod completed;
pub(crate) mod discovery;
pub(crate) mod exchange;
pub(crate) mod hints;
mod id_token;
mod json;
mod jwks;
mod memo;
mod pending;
pub(crate) mod random;
mod redirect_uri;
mod scope;
mod shared;
mod userinfo;
mod verifier;

pub use auth::LoginAuth;
pub use authorize::{AppFlow, Authorization, AuthorizeRequest, ACR_APP_AUTH};
pub use callback::{parse_callback, Callback};
pub use client::{CompletedLogin, LoginClient, LoginOptions, LoginOutcome};
pub use discovery::Discovery;
pub use exchange::{decode_token_endpoint_answer, LoginTokens};
pub use id_token::{IdTokenClaims, IdTokenRule, MAX_ID_TOKEN_BYTES, MAX_LEEWAY};
pub use json::{claims_json, completed_login_json, userinfo_json};
pub use pending::PendingLogin;
pub use redirect_uri::{check_app_callback_uri, check_redirect_uri};
pub use scope::{Scope, Scopes};
pub use userinfo::{parse_userinfo, Address, UserInfo};
pub use verifier::{ExpectedAudience, IdTokenVerifier};
