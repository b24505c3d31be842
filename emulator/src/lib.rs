//! # vipps-emulator
//!
//! An offline stand-in for the Vipps MobilePay authentication endpoints, for development
//! and tests: `POST /accesstoken/get`, `POST /miami/v1/token`, Login (discovery, JWKS,
//! authorize with an optional consent page, token, userinfo), login from phone number
//! (CIBA: backchannel authentication, user-exists, both CIBA grants, scripted users), and an
//! admin API (`/_emulator/requests`, `/_emulator/faults`, `/_emulator/reset`,
//! `/_emulator/rotate-secret`, `/_emulator/rotate-keys`, `/_emulator/id-token`,
//! `/_emulator/phone-redirects`, `/_emulator/merchants`, `/_emulator/users`) to read the
//! request log, script faults, tamper with ID tokens, see what a phone opened and register
//! sales units and phone users by the thousand.
//!
//! It is written independently of the SDK and shares no code with it.

// A refusal is a whole HTTP answer, returned early as `Err`: its size does not matter here.
#![allow(clippy::result_large_err)]

mod admin;
mod answers;
mod app_site;
mod config;
mod faults;
mod jwt;
mod login;
mod merchants;
mod phone;
mod server;
mod state;
mod tokens;

pub use config::{
    AppSite, AuthMethod, EmulatorConfig, LoginClient, PartnerKeys, PhoneLoginConfig, TestUser, DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET, DEFAULT_MSN, DEFAULT_PARTNER_CLIENT_ID, DEFAULT_PARTNER_CLIENT_SECRET,
    DEFAULT_PARTNER_SUBSCRIPTION_KEY, DEFAULT_POST_CLIENT_ID, DEFAULT_POST_CLIENT_SECRET, DEFAULT_REDIRECT_URIS,
    DEFAULT_SUBSCRIPTION_KEY, PHONE_APPROVES, PHONE_DECLINES, PHONE_INELIGIBLE, PHONE_NEVER_ANSWERS, PHONE_OLD_APP,
};
pub use faults::Fault;
pub use merchants::{
    FIRST_MERCHANT_MSN, FIRST_USER_PHONE, MAX_MERCHANTS, MAX_USERS, MERCHANT_CLIENT_ID_PREFIX,
    MERCHANT_CLIENT_SECRET_PREFIX,
};
pub use state::LoggedRequest;

use std::net::{Ipv4Addr, SocketAddr};
use std::thread::JoinHandle;
use tokio::sync::watch;

/// A running emulator on 127.0.0.1, on its own thread. Stopped when dropped.
pub struct Emulator {
    base_url: String,
    state: state::State,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Starts on a port the OS picks.
    pub fn start(config: EmulatorConfig) -> std::io::Result<Emulator> {
        Self::start_on(config, 0)
    }

    /// Starts on `port` (0: the OS picks) of 127.0.0.1.
    pub fn start_on(config: EmulatorConfig, port: u16) -> std::io::Result<Emulator> {
        // Bound with std so that starting works from any thread, inside a runtime or not.
        let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
        listener.set_nonblocking(true)?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let state = state::State::new(config, &base_url);
        let (stop, stopped) = watch::channel(false);
        let served = state.clone();
        let thread = std::thread::Builder::new().name("vipps-emulator".into()).spawn(move || {
            runtime.block_on(async move {
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => server::serve(listener, served, stopped).await,
                    Err(e) => eprintln!("vipps-emulator: cannot listen: {e}"),
                }
            })
        })?;
        Ok(Emulator { base_url, state, stop, thread: Some(thread) })
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The requests received so far (admin calls excluded), in arrival order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.lock().log.clone()
    }

    /// How many requests reached `path`.
    pub fn count(&self, path: &str) -> usize {
        self.state.lock().log.iter().filter(|r| r.path == path).count()
    }

    /// Queues a fault, as `POST /_emulator/faults` does.
    pub fn inject(&self, fault: Fault) {
        self.state.lock().faults.push_back(fault);
    }

    /// Accepts only these secrets from now on, as `POST /_emulator/rotate-secret` does.
    pub fn rotate_secret(&self, client_secret: &str, subscription_key: &str) {
        self.state.lock().keys =
            state::Keys { client_secret: client_secret.into(), subscription_key: subscription_key.into() };
    }

    /// The URLs users' phones opened after answering a phone login in redirect mode
    /// (`redirect_uri?code=…`), as `GET /_emulator/phone-redirects` lists them.
    pub fn phone_redirects(&self) -> Vec<String> {
        crate::phone::opened_urls(&self.state)
    }

    /// Clears the log and the faults and restores the configured secrets, as
    /// `POST /_emulator/reset` does.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Stops serving and waits for the server thread to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl Fault {
    /// The next `count` requests to `path` are answered with `status`.
    pub fn status(path: &str, status: u16, count: u32) -> Fault {
        Fault { path: path.into(), count, status: Some(status), ..Fault::default() }
    }
}
