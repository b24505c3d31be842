//! The Login client of a web backend: build the authorize URL, then, in the redirect handler,
//! turn the callback into a verified identity with one call.

use super::auth::LoginAuth;
use super::authorize::{self, Authorization, AuthorizeRequest};
use super::callback::{parse_callback, Callback};
use super::completed::CompletedLogins;
use super::discovery::{self, Discovery};
use super::exchange::{parse, refused, LoginTokens};
use super::id_token::{self, Expected, IdTokenClaims};
use super::pending::PendingLogin;
use super::random::constant_time_eq;
use super::shared::{shared, SharedEnvironment};
use super::userinfo::{self, UserInfo};
use crate::config::{Config, Environment};
use crate::error::{Error, Result};
use crate::http::{Http, Replay, Reply, Request, Target};
use crate::metrics::{self, Endpoint, LoginEvent};
use crate::secret::Secret;
use crate::store::{Kept, Store, StoredLogins};
use crate::token::TokenManager;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Tuning; the defaults suit a web backend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginOptions {
    /// Allowed clock difference for `exp` and `iat`: 60 s by default, at most 10 minutes.
    pub leeway: Duration,
    /// How long a pending login can be completed: 15 minutes by default.
    pub pending_lifetime: Duration,
    /// After a token with an unknown key made the JWKS be refetched, further unknown keys
    /// within this time are refused without a request: 30 s by default.
    pub jwks_refetch_cooldown: Duration,
}

impl Default for LoginOptions {
    fn default() -> Self {
        LoginOptions {
            leeway: Duration::from_secs(60),
            pending_lifetime: Duration::from_secs(15 * 60),
            jwks_refetch_cooldown: Duration::from_secs(30),
        }
    }
}

/// How a login ended.
#[derive(Clone, Debug)]
pub enum LoginOutcome {
    Completed(Box<CompletedLogin>),
    /// The user cancelled: a normal outcome. Offer to try again.
    Cancelled {
        description: Option<String>,
    },
}

/// A verified login.
#[derive(Clone, Debug)]
pub struct CompletedLogin {
    pub claims: IdTokenClaims,
    /// When asked for: the user's data for the granted scopes.
    pub userinfo: Option<UserInfo>,
    /// The granted scopes, as the token endpoint said.
    pub scope: Option<String>,
    /// For userinfo, for about ten minutes.
    pub access_token: Secret,
    pub id_token: Secret,
}

/// Login for one sales unit (or a partner acting for one) in one environment. Cheap to
/// clone; clones share the record of completed logins, and every client for the same
/// environment in the process shares the discovery document and the keys.
#[derive(Clone)]
pub struct LoginClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: Http,
    auth: LoginAuth,
    /// Partner tokens from `/accesstoken/get`.
    tokens: Option<TokenManager>,
    options: LoginOptions,
    production: bool,
    /// The discovery document and the keys, shared with every client for this environment.
    environment: Arc<SharedEnvironment>,
    /// States of completed logins until their pending login expires: each completes once.
    completed: Mutex<CompletedLogins>,
    /// Where pending logins wait for any instance of the fleet to complete them, when given.
    stored: Option<StoredLogins>,
}

impl LoginClient {
    pub fn new(config: Config, auth: LoginAuth) -> Result<Self> {
        Self::with_options(config, auth, LoginOptions::default())
    }

    pub fn with_options(config: Config, auth: LoginAuth, options: LoginOptions) -> Result<Self> {
        Self::build(config, auth, options, None)
    }

    /// A client whose partner tokens come from `tokens`, the application's own manager (by
    /// default, the partner clients of one environment share one).
    pub fn with_token_manager(
        config: Config,
        auth: LoginAuth,
        options: LoginOptions,
        tokens: TokenManager,
    ) -> Result<Self> {
        Self::build(config, auth, options, Some(tokens))
    }

    fn build(config: Config, auth: LoginAuth, options: LoginOptions, tokens: Option<TokenManager>) -> Result<Self> {
        auth.validate()?;
        super::id_token::check_leeway(options.leeway)?;
        if options.pending_lifetime < Duration::from_secs(60) {
            return Err(Error::config("pending_lifetime", "at least 60 s: the user needs time to log in"));
        }
        let http = Http::new(&config)?;
        let environment = shared(http.base_url().as_str(), options.jwks_refetch_cooldown);
        let tokens = match (&auth, tokens) {
            (LoginAuth::Partner { .. }, None) => Some(environment.partner_tokens(&config)?),
            (LoginAuth::Partner { .. }, given) => given,
            _ => None,
        };
        let inner = Inner {
            production: config.environment == Environment::Production,
            auth,
            tokens,
            environment,
            http,
            options,
            completed: Mutex::default(),
            stored: None,
        };
        Ok(LoginClient { inner: Arc::new(inner) })
    }

    /// The same client keeping its pending logins in `store`, shared by every instance of the
    /// fleet with the same keys: [`authorize`](Self::authorize) keeps each there (sealed
    /// under the client secret, until it expires) and
    /// [`complete_stored`](Self::complete_stored) takes it by the callback's state, once
    /// across the fleet. Names in the store start with `prefix`.
    pub fn with_store(self, store: Arc<dyn Store>, prefix: &str) -> Self {
        let inner = &self.inner;
        let secrets = inner.auth.secrets();
        let secret: Vec<&[u8]> = secrets.iter().map(|s| s.expose().as_bytes()).collect();
        let whose = format!("{}\n{}", inner.http.base_url(), inner.auth.client_id()).into_bytes();
        let inner = Inner {
            http: inner.http.clone(),
            auth: inner.auth.clone(),
            tokens: inner.tokens.clone(),
            options: inner.options.clone(),
            production: inner.production,
            environment: Arc::clone(&inner.environment),
            completed: Mutex::default(),
            stored: Some(StoredLogins::new(store, prefix, &secret, whose)),
        };
        LoginClient { inner: Arc::new(inner) }
    }

    /// The discovery document, from the cache while it is fresh.
    pub async fn discovery(&self) -> Result<Arc<Discovery>> {
        self.inner.environment.discovery.get(discovery::fetch(self.inner.http.clone())).await
    }

    /// The URL to send the browser to, and the pending login to keep until it comes back.
    /// The redirect URI is checked against Vipps' rules first.
    pub async fn authorize(&self, request: &AuthorizeRequest) -> Result<Authorization> {
        request.validate(self.inner.production)?;
        // Checked before any request: a partner's login names its merchant.
        let merchant = self.inner.auth.merchant(request.msn.as_deref())?;
        let discovery = self.discovery().await?;
        let client = self.inner.auth.authorize_parameter(merchant.as_deref());
        let endpoint = &discovery.authorization_endpoint;
        let authorization =
            authorize::build(endpoint, client, request, merchant.clone(), self.inner.options.pending_lifetime)?;
        if let Some(stored) = &self.inner.stored {
            let pending = &authorization.pending;
            stored.keep(Kept::Pending, pending.state(), &pending.serialize(), pending.expires_at()).await?;
        }
        metrics::login(LoginEvent::Started);
        Ok(authorization)
    }

    /// The redirect handler's one call: parse the callback, check its state against the
    /// pending login's (once), redeem the code, verify the ID token and, if asked, read
    /// userinfo. A cancelled login is an outcome, not an error.
    pub async fn complete(&self, pending: &PendingLogin, callback: &str, with_userinfo: bool) -> Result<LoginOutcome> {
        let completing = self.complete_once(pending, callback, with_userinfo);
        metrics::login_ended(metrics::spans::step("login.complete", completing).await)
    }

    async fn complete_once(&self, pending: &PendingLogin, callback: &str, with_userinfo: bool) -> Result<LoginOutcome> {
        let callback = parse_callback(callback)?;
        if !constant_time_eq(callback.state(), pending.state()) {
            return Err(Error::StateMismatch("the callback's state is not this pending login's".into()));
        }
        pending.check_not_expired(SystemTime::now())?;
        self.mark_completed(pending.state(), pending.expires_at)?;
        let code = match callback {
            Callback::Code { code, .. } => code,
            Callback::Cancelled { description, .. } => return Ok(LoginOutcome::Cancelled { description }),
            Callback::Failed { error, description, .. } => return Err(Error::LoginFailed { error, description }),
        };
        self.finish(pending, &code, with_userinfo).await
    }

    /// [`complete`](Self::complete) for a login whose pending part the store keeps (see
    /// [`with_store`](Self::with_store)): the callback's state finds it and takes it, so a
    /// callback completes once across the fleet; a second delivery, here or on another
    /// instance, is a [`Error::StateMismatch`] and sends nothing to Vipps.
    pub async fn complete_stored(&self, callback: &str, with_userinfo: bool) -> Result<LoginOutcome> {
        let completing = async {
            let state = parse_callback(callback)?.state().to_owned();
            let pending = PendingLogin::restore(self.take_kept(Kept::Pending, &state).await?.expose())?;
            self.complete_once(&pending, callback, with_userinfo).await
        };
        metrics::login_ended(metrics::spans::step("login.complete_stored", completing).await)
    }

    /// Takes what the store keeps under `id`, once across the fleet.
    pub(crate) async fn take_kept(&self, kind: Kept, id: &str) -> Result<Secret> {
        self.stored()?.take(kind, id).await?.ok_or_else(|| {
            Error::StateMismatch(
                "no login waits under this state in the store: completed already (here or on another instance), expired, or not started with these keys".into(),
            )
        })
    }

    /// What the store keeps under `id`, left there.
    pub(crate) async fn read_kept(&self, kind: Kept, id: &str) -> Result<Option<Secret>> {
        self.stored()?.read(kind, id).await
    }

    /// The turn to poll phone login `id` for `ttl`, if no other instance has it.
    pub(crate) async fn take_turn(&self, id: &str, owner: &str, ttl: Duration) -> Result<bool> {
        self.stored()?.lease(Kept::PhoneTurn, id, owner, ttl).await
    }

    pub(crate) async fn end_turn(&self, id: &str, owner: &str) {
        if let Some(stored) = &self.inner.stored {
            stored.release(Kept::PhoneTurn, id, owner).await;
        }
    }

    /// The time one call to Vipps may take, retries included.
    pub(crate) fn http_budget(&self) -> Duration {
        self.inner.http.options.total_timeout
    }

    fn stored(&self) -> Result<&StoredLogins> {
        self.inner.stored.as_ref().ok_or_else(|| {
            Error::config(
                "store",
                "this client keeps no logins in a store: give it one (with_store), or complete with the pending login",
            )
        })
    }

    /// Keeps `value` under `id` until `until`, when this client has a store.
    pub(crate) async fn keep(&self, kind: Kept, id: &str, value: &Secret, until: SystemTime) -> Result<()> {
        match &self.inner.stored {
            Some(stored) => stored.keep(kind, id, value, until).await,
            None => Ok(()),
        }
    }

    /// Redeems the code of a checked, marked pending login: exchange, ID token, userinfo.
    pub(crate) async fn finish(
        &self,
        pending: &PendingLogin,
        code: &Secret,
        with_userinfo: bool,
    ) -> Result<LoginOutcome> {
        let tokens = self.redeem(pending, code).await?;
        let claims = self.verify_id_token(tokens.id_token.expose(), pending).await?;
        Ok(LoginOutcome::Completed(self.completed(tokens, claims, with_userinfo).await?))
    }

    /// A verified login, with userinfo (of the same user) when asked for.
    pub(crate) async fn completed(
        &self,
        tokens: LoginTokens,
        claims: IdTokenClaims,
        with_userinfo: bool,
    ) -> Result<Box<CompletedLogin>> {
        let userinfo = match with_userinfo {
            true => Some(self.userinfo_for(&tokens.access_token, &claims.sub).await?),
            false => None,
        };
        log::info!("login completed");
        Ok(Box::new(CompletedLogin {
            claims,
            userinfo,
            scope: tokens.scope,
            access_token: tokens.access_token,
            id_token: tokens.id_token,
        }))
    }

    /// Verifies an ID token for this pending login: signature with Vipps' keys, then every
    /// claim rule.
    pub async fn verify_id_token(&self, id_token: &str, pending: &PendingLogin) -> Result<IdTokenClaims> {
        self.verify(id_token, Some(pending.nonce.expose()), pending.acr(), pending.msn()).await
    }

    /// Verifies an ID token of this client: the nonce and acr are checked when given, and a
    /// partner's against the login's merchant.
    pub(crate) async fn verify(
        &self,
        id_token: &str,
        nonce: Option<&str>,
        acr: Option<&str>,
        merchant: Option<&str>,
    ) -> Result<IdTokenClaims> {
        let merchant = self.inner.auth.merchant(merchant)?;
        let header = id_token::header(id_token)?;
        let discovery = self.discovery().await?;
        let key = self.inner.environment.jwks.key(&self.inner.http, &discovery.jwks_uri, &header.kid).await?;
        id_token::verify_signature(id_token, &header, &key)?;
        id_token::check_claims(
            id_token,
            &Expected {
                issuer: &discovery.issuer,
                audience: self.inner.auth.audience(merchant.as_deref()),
                nonce,
                acr,
                leeway: self.inner.options.leeway,
                now: SystemTime::now(),
                clock_note: self.inner.http.clock().explain(),
            },
        )
    }

    /// The user's data, with the Login access token of a completed login.
    pub async fn userinfo(&self, access_token: &str) -> Result<UserInfo> {
        let discovery = self.discovery().await?;
        userinfo::fetch(&self.inner.http, &discovery.userinfo_endpoint, &Secret::new(access_token)).await
    }

    /// Seconds Vipps' clock is ahead of this machine's (negative: behind), from the `Date`
    /// header of the last answer; `None` before any answer.
    pub fn clock_offset_seconds(&self) -> Option<i64> {
        self.inner.http.clock().seconds()
    }

    pub(crate) fn auth(&self) -> &LoginAuth {
        &self.inner.auth
    }

    pub(crate) fn is_production(&self) -> bool {
        self.inner.production
    }

    async fn userinfo_for(&self, access_token: &Secret, sub: &str) -> Result<UserInfo> {
        let info = self.userinfo(access_token.expose()).await?;
        if info.sub != sub {
            return Err(Error::protocol(
                "userinfo's `sub` is not the ID token's: the two answers are of different users",
            ));
        }
        Ok(info)
    }

    /// The code exchange: it redeems a one-time code, so it is never sent again once it may
    /// have reached Vipps (a replay would burn the code).
    async fn redeem(&self, pending: &PendingLogin, code: &Secret) -> Result<LoginTokens> {
        let fields = [
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", &pending.redirect_uri),
            ("code_verifier", pending.code_verifier.expose()),
        ];
        let reply = self.token_request(Endpoint::LoginToken, &fields, pending.msn()).await?;
        if reply.status != 200 {
            return Err(refused(&reply, &self.inner.auth, code));
        }
        parse(&reply.body)
    }

    /// One POST to the token endpoint with a grant's `fields`: never sent twice, since it may
    /// redeem a one-time code, and CIBA answers an approved login once.
    pub(crate) async fn token_request(
        &self,
        endpoint: Endpoint,
        fields: &[(&str, &str)],
        merchant: Option<&str>,
    ) -> Result<Reply> {
        let url = self.discovery().await?.token_endpoint.clone();
        self.post_form(endpoint, Target::Url(url), fields, Replay::OnlyIfUnsent, merchant).await
    }

    /// A POST of `fields` to `target` with this client's credentials, a partner's for
    /// `merchant`.
    pub(crate) async fn post_form(
        &self,
        endpoint: Endpoint,
        target: Target,
        fields: &[(&str, &str)],
        replay: Replay,
        merchant: Option<&str>,
    ) -> Result<Reply> {
        let tokens = self.inner.tokens.as_ref();
        let (headers, form) = self.inner.auth.authenticated_form(tokens, fields, merchant).await?;
        self.inner.http.send(&Request { endpoint, target, headers, form: Some(form), post: true, replay }).await
    }

    /// Records that the login keyed `key` (a state, an `auth_req_id`) is being completed,
    /// until `expires_at`; the second attempt is refused without a request.
    pub(crate) fn mark_completed(&self, key: &str, expires_at: u64) -> Result<()> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let mut completed = self.inner.completed.lock().unwrap_or_else(|p| p.into_inner());
        match completed.mark(key, expires_at, now) {
            true => Ok(()),
            false => Err(Error::StateMismatch("this login was already completed; start a new login".into())),
        }
    }
}

impl std::fmt::Debug for LoginClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginClient")
            .field("base_url", &self.inner.http.base_url().as_str())
            .field("auth", &self.inner.auth)
            .finish()
    }
}
