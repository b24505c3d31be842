//! Login with Vipps MobilePay (OpenID Connect): discovery, JWKS, authorize and its consent
//! page, the token endpoint, userinfo, and the admin calls that rotate keys and tamper with
//! ID tokens.

mod app_flow;
mod authorize;
pub(crate) mod clients;
mod discovery;
pub(crate) mod keys;
mod tamper;
mod token;
mod userinfo;

pub(crate) use app_flow::{resume, RESUME_PATH};
pub(crate) use authorize::{authorize, consent};
pub(crate) use discovery::{discovery, issuer, jwks};
pub(crate) use tamper::{rotate_keys, tamper_id_token};
pub(crate) use token::{access_token_for, authenticated_form, sign_id_token, token, Caller};
pub(crate) use userinfo::userinfo;

use crate::config::TestUser;
use keys::SigningKeys;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Instant;

pub(crate) const DISCOVERY_PATH: &str = "/access-management-1.0/access/.well-known/openid-configuration";
pub(crate) const JWKS_PATH: &str = "/access-management-1.0/access/.well-known/jwks.json";
pub(crate) const AUTHORIZE_PATH: &str = "/access-management-1.0/access/oauth2/auth";
pub(crate) const CONSENT_PATH: &str = "/access-management-1.0/access/oauth2/auth/consent";
pub(crate) const TOKEN_PATH: &str = "/access-management-1.0/access/oauth2/token";
pub(crate) const USERINFO_PATH: &str = "/vipps-userinfo-api/userinfo";
pub(crate) const CIBA_PATH: &str = "/vipps-login-ciba/api/backchannel/authentication";
pub(crate) const USER_EXISTS_PATH: &str = "/vipps-login-ciba/api/v1/user-exists";

/// Logins in progress and done: consents waiting for a click, codes, access tokens.
pub(crate) struct LoginState {
    pub signing: Arc<SigningKeys>,
    pub consents: HashMap<String, Authorization>,
    /// The advanced app flow's browser sessions, waiting for their `resume_uri`.
    pub resumes: HashMap<String, Authorization>,
    pub codes: HashMap<String, IssuedCode>,
    pub access_tokens: HashMap<String, Grant>,
    pub partner_tokens: HashSet<String>,
    pub tampering: VecDeque<tamper::Tampering>,
}

impl LoginState {
    pub(crate) fn new() -> Self {
        LoginState {
            signing: SigningKeys::first(),
            consents: HashMap::new(),
            resumes: HashMap::new(),
            codes: HashMap::new(),
            access_tokens: HashMap::new(),
            partner_tokens: HashSet::new(),
            tampering: VecDeque::new(),
        }
    }
}

/// What an authorize request asked for, checked.
#[derive(Clone, Debug)]
pub(crate) struct Authorization {
    pub client_id: String,
    /// Set when a partner logs in on a merchant's behalf.
    pub msn: Option<String>,
    pub redirect_uri: String,
    pub scope: String,
    pub state: String,
    pub nonce: Option<String>,
    pub code_challenge: String,
    pub acr: Option<String>,
}

pub(crate) struct IssuedCode {
    pub authorization: Authorization,
    pub expires: Instant,
    pub used: bool,
}

/// What a Login access token may read at userinfo, until when.
pub(crate) struct Grant {
    pub scope: String,
    pub expires: Instant,
    /// Whose claims it reads.
    pub user: TestUser,
}
